"""`?`: every key, and how to do each exercise of the routine."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from glute_tui.core.routines import Exercise, Routine, RoutineExercise

KEYS = """\
| Key | During a workout |
|---|---|
| Space | pause / resume |
| Enter | finish the set now (or end a rest or the get-ready early) |
| ↑ / ↓ | correct the rep count (during a rest: of the set just done) |
| n | skip this step |
| b | back one step |
| + | 15 more seconds of rest |
| m | sound on / off |
| q | stop the workout (asks first; what you did is saved) |
| ? | this help |
| Ctrl+P | every action: start a routine by name, history, sound, voice, theme |
"""


def how_to(item: RoutineExercise, catalogue: dict | None = None) -> str:
    ex = item.exercise
    parts = [f"### {ex.name}", f"*{item.target_label} · {item.load.label}*", ""]
    parts += [f"{n}. {step}" for n, step in enumerate(ex.steps, start=1)]
    if ex.feel:
        parts += ["", f"**Feel it:** {ex.feel}"]
    if ex.mistakes:
        parts += ["", "**Avoid:** " + "; ".join(m.lower() for m in ex.mistakes) + "."]
    if ex.muscles:
        parts += ["", "**Works:** " + ", ".join(ex.muscles) + "."]
    if ex.alternative and catalogue and ex.alternative in catalogue:
        parts += ["", f"**If your knees complain:** {catalogue[ex.alternative].name} instead."]
    return "\n".join(parts)


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"  # loaded when the screen is first shown, not at start
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, catalogue: dict[str, Exercise], routine: Routine | None = None,
                 current: RoutineExercise | None = None) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.routine = routine
        self.current = current

    def compose(self) -> ComposeResult:
        sections = ["## Keys", KEYS]
        if self.routine is not None:
            sections.append(f"## How to do it: {self.routine.name}")
            items = list(self.routine.exercises)
            if self.current in items:  # the exercise under way first
                items.remove(self.current)
                items.insert(0, self.current)
            sections += [how_to(item, self.catalogue) for item in items]
        with VerticalScroll(id="help"):
            yield Markdown("\n\n".join(sections))
