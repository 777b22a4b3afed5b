""""How was it?" on the workout screen, after the last set of an exercise: a line, never a
dialog, so the rest runs on and the timer is never blocked; the number keys answer."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid
from textual.widgets import Button, Static

from glute_tui.core.effort import EFFORT_LABELS, EFFORTS
from glute_tui.core.text import visible


def effort_prompt(name: str, answer: str | None, *, touch: bool = False) -> Text:
    """`How was Lunges?  1 easy  2 right  3 hard  4 could not finish`, or the answer given;
    by touch, the question alone (the buttons under it are the choices)."""
    line = Text.assemble("How was ", (visible(name), "bold"), "?")
    if touch:
        line.append(" Tap one." if answer is None else " Tap another to change.", style="dim")
    elif answer is None:
        for number, effort in enumerate(EFFORTS, start=1):
            line.append(" ")
            line.append(str(number), style="bold reverse")
            line.append(f" {EFFORT_LABELS[effort]}")
    else:
        line.append(" ")
        line.append(EFFORT_LABELS[answer], style="bold")
        line.append("  (1-4 to change)", style="dim")
    return line


class EffortPrompt(Static):
    """Shown while an answer is wanted; hidden (display: none) otherwise."""

    DEFAULT_CSS = """
    EffortPrompt { height: auto; width: 100%; display: none; }
    EffortPrompt.-asking { display: block; }
    """

    def ask(self, name: str, answer: str | None = None, *, touch: bool = False) -> None:
        self.update(effort_prompt(name, answer, touch=touch))
        self.add_class("-asking")

    def hide(self) -> None:
        self.remove_class("-asking")


class EffortChoices(Grid):
    """The four answers as large buttons, for a finger; a tap answers without pausing (a
    button keeps its click from the screen's tap-to-pause). The answer given stays marked."""

    DEFAULT_CSS = """
    EffortChoices { height: auto; grid-size: 4 1; grid-gutter: 0 1; display: none; }
    EffortChoices.-asking { display: block; }
    EffortChoices Button { width: 1fr; min-width: 0; }
    """

    def compose(self) -> ComposeResult:
        for number, effort in enumerate(EFFORTS, start=1):
            button = Button(f"{number} {EFFORT_LABELS[effort]}", id=f"effort-{effort}",
                            action=f"screen.effort('{effort}')")
            button.can_focus = False  # the keys stay the screen's
            yield button

    def ask(self, answer: str | None) -> None:
        for effort in EFFORTS:
            self.query_one(f"#effort-{effort}", Button).variant = "primary" if effort == answer else "default"
        self.add_class("-asking")

    def hide(self) -> None:
        self.remove_class("-asking")
