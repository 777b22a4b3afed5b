""""Any pain?": the areas that hurt, each on a side, and a one-line note; at the end of a
workout (with the last exercise's "How was it?" when it was not answered yet) and later from
a session's detail in History.

Keys only, because the person may be on the floor: ↑↓ pick an area, ←/→ or Space turn its
side (none, left, right, both), `l` `r` `b` pick a side at once, `n` says "no pain", Tab goes
to the note, Enter saves, Escape skips (nothing is recorded).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from glute_tui.core.effort import EFFORT_LABELS, EFFORTS, NOTE_MAX, PAIN_AREAS, Pain, clean_note

SIDE_CYCLE: tuple[str | None, ...] = (None, "left", "right", "both")
SIDE_SHOWN = {None: "—", "left": "left", "right": "right", "both": "both sides"}


@dataclass
class PainAnswer:
    """What the person said: `pain` [] is "no pain"; `effort` answers the last exercise's
    "How was it?" when the check asked it (None: no answer)."""

    pain: list[Pain] = field(default_factory=list)
    note: str | None = None
    effort: str | None = None


class PainCheck(ModalScreen[PainAnswer | None]):
    CSS_PATH = "pain_check.tcss"
    BINDINGS = [
        Binding("enter", "save", "Save", priority=True),
        Binding("escape", "skip", "Skip"),
        Binding("n", "no_pain", "No pain"),
        Binding("space", "turn(1)", "Side", key_display="Space"),
        Binding("right", "turn(1)", "Side", show=False),
        Binding("left", "turn(-1)", "Side", show=False),
        Binding("l", "side('left')", "Left", show=False),
        Binding("r", "side('right')", "Right", show=False),
        Binding("b", "side('both')", "Both", show=False),
        Binding("1", "effort('easy')", "Easy", show=False),
        Binding("2", "effort('right')", "Right", show=False),
        Binding("3", "effort('hard')", "Hard", show=False),
        Binding("4", "effort('failed')", "Could not finish", show=False),
    ]

    def __init__(self, pain: list[Pain] | None = None, note: str | None = None, *,
                 ask_effort_for: str = "", title: str = "Any pain?") -> None:
        super().__init__()
        self.sides: dict[str, str | None] = {area: None for area in PAIN_AREAS}
        for item in pain or ():
            self.sides[item.area] = item.side
        self.note = note or ""
        self.ask_effort_for = ask_effort_for  # an exercise's name: ask "How was it?" too
        self.effort: str | None = None
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="pain-check"):
            if self.ask_effort_for:
                yield Static(self._effort_line(), id="pain-effort")
            yield Static(Text.assemble((self.title_text, "bold"), "  ↑↓ area, ←→ side"), id="pain-title")
            yield OptionList(*(Option(self._prompt(area), id=area) for area in PAIN_AREAS), id="pain-areas")
            yield Input(self.note, placeholder="A note (optional, one line)", max_length=NOTE_MAX,
                        id="pain-note")
            yield Static("Enter save · n no pain · Tab note · Esc skip", id="pain-keys")

    def on_mount(self) -> None:
        self.query_one("#pain-areas", OptionList).highlighted = 0
        self.query_one("#pain-areas", OptionList).focus()

    def _prompt(self, area: str) -> Text:
        side = self.sides[area]
        return Text.assemble(f"{PAIN_AREAS[area]:<22} ", (SIDE_SHOWN[side], "bold" if side else "dim"))

    def _effort_line(self) -> Text:
        line = Text.assemble("How was ", (self.ask_effort_for, "bold"), "?\n")
        for number, effort in enumerate(EFFORTS, start=1):
            line.append(f" {number} ", style="bold reverse")
            line.append(f" {EFFORT_LABELS[effort]}  ", style="bold underline" if effort == self.effort else "")
        line.rstrip()
        return line

    def _area(self) -> str | None:
        areas = self.query_one("#pain-areas", OptionList)
        if areas.highlighted is None:
            return None
        return list(PAIN_AREAS)[areas.highlighted]

    def _set(self, area: str, side: str | None) -> None:
        self.sides[area] = side
        self.query_one("#pain-areas", OptionList).replace_option_prompt(area, self._prompt(area))

    def _typing(self) -> bool:
        return isinstance(self.focused, Input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("turn", "side", "no_pain") and self._typing():
            return False  # the keys type into the note
        if action == "effort" and (self._typing() or not self.ask_effort_for):
            return False
        return True

    def action_turn(self, step: int) -> None:
        area = self._area()
        if area is not None:
            position = SIDE_CYCLE.index(self.sides[area])
            self._set(area, SIDE_CYCLE[(position + step) % len(SIDE_CYCLE)])

    def action_side(self, side: str) -> None:
        area = self._area()
        if area is not None:
            self._set(area, None if self.sides[area] == side else side)

    def action_effort(self, effort: str) -> None:
        self.effort = effort
        self.query_one("#pain-effort", Static).update(self._effort_line())

    def answer(self) -> PainAnswer:
        pain = [Pain(area, side) for area, side in self.sides.items() if side is not None]
        return PainAnswer(pain, clean_note(self.query_one("#pain-note", Input).value), self.effort)

    def action_save(self) -> None:
        self.dismiss(self.answer())

    def action_no_pain(self) -> None:
        answer = self.answer()
        self.dismiss(PainAnswer([], answer.note, answer.effort))

    def action_skip(self) -> None:
        if self._typing():  # Escape leaves the note first
            self.query_one("#pain-areas", OptionList).focus()
            return
        self.dismiss(None)
