""""How was it?" on the workout screen, after the last set of an exercise: a line, never a
dialog, so the rest runs on and the timer is never blocked; the number keys answer."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from glute_tui.core.effort import EFFORT_LABELS, EFFORTS
from glute_tui.core.text import visible


def effort_prompt(name: str, answer: str | None) -> Text:
    """`How was Lunges?  1 easy  2 right  3 hard  4 could not finish`, or the answer given."""
    line = Text.assemble("How was ", (visible(name), "bold"), "?")
    if answer is None:
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

    def ask(self, name: str, answer: str | None = None) -> None:
        self.update(effort_prompt(name, answer))
        self.add_class("-asking")

    def hide(self) -> None:
        self.remove_class("-asking")
