""""Any pain?": the areas that hurt, each on a side and with how much it hurt (0-10), and a
one-line note; at the end of a workout (with the last exercise's "How was it?" when it was not
answered yet) and later from a session's detail in History.

By keys, because the person may be on the floor: ↑↓ pick an area, ←/→ or Space turn its side
(none, left, right, both), `l` `r` `b` pick a side at once, `+` and `-` say how much it hurt
(0-10, from 3: the pain-monitoring model's "up to about 3 is acceptable"), `n` says "no pain",
Tab goes to the note, Enter saves, Escape skips (nothing is recorded).

And by touch alone, because in a phone's browser there are only taps: every choice is a button
with its label (the effort, the side, the severity, Save, No pain, Skip) and an area is picked
by tapping it. The buttons never take the focus, so the keys keep working after a tap.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from glute_tui.core.effort import (
    EFFORT_LABELS,
    EFFORTS,
    NOTE_MAX,
    PAIN_AREAS,
    SEVERITY_DEFAULT,
    SEVERITY_MAX,
    SEVERITY_MIN,
    Pain,
    clean_note,
)

SIDE_CYCLE: tuple[str | None, ...] = (None, "left", "right", "both")
SIDE_SHOWN = {None: "—", "left": "left", "right": "right", "both": "both sides"}
ROOMY_HEIGHT = 32  # rows from which every button is three rows tall
SIDE_BUTTONS = (("left", "Left"), ("right", "Right"), ("both", "Both"), ("none", "None"))


@dataclass
class PainAnswer:
    """What the person said: `pain` [] is "no pain"; `effort` answers the last exercise's
    "How was it?" when the check asked it (None: no answer)."""

    pain: list[Pain] = field(default_factory=list)
    note: str | None = None
    effort: str | None = None


class Tap(Button, can_focus=False):
    """A button for a finger or a mouse that leaves the focus (and so the keys) where it was.
    Every tap counts: a Button ignores a click during its 0.2 s "pressed" look, which would
    drop the second of two quick taps on + (the severity)."""

    def on_mount(self) -> None:
        self.active_effect_duration = 0


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
        Binding("plus,equals_sign", "severity(1)", "Worse", key_display="+"),
        Binding("minus", "severity(-1)", "Milder", key_display="-"),
        Binding("1", "effort('easy')", "Easy", show=False),
        Binding("2", "effort('right')", "Right", show=False),
        Binding("3", "effort('hard')", "Hard", show=False),
        Binding("4", "effort('failed')", "Could not finish", show=False),
    ]

    def __init__(self, pain: list[Pain] | None = None, note: str | None = None, *,
                 ask_effort_for: str = "", title: str = "Any pain?") -> None:
        super().__init__()
        self.sides: dict[str, str | None] = {area: None for area in PAIN_AREAS}
        # None: not known (a pain saved before severities were asked); kept unless changed
        self.severities: dict[str, int | None] = {area: SEVERITY_DEFAULT for area in PAIN_AREAS}
        for item in pain or ():
            self.sides[item.area] = item.side
            self.severities[item.area] = item.severity
        self.note = note or ""
        self.ask_effort_for = ask_effort_for  # an exercise's name: ask "How was it?" too
        self.effort: str | None = None
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="pain-check"):
            if self.ask_effort_for:
                yield Static(Text.assemble("How was ", (self.ask_effort_for, "bold"), "?  1-4"), id="pain-effort")
                with Horizontal(id="pain-efforts", classes="pain-row"):
                    for effort in EFFORTS:
                        yield Tap(EFFORT_LABELS[effort], id=f"pain-effort-{effort}", classes="pain-effort")
            yield Static(Text.assemble((self.title_text, "bold"), "  ↑↓ area, ←→ side, +- how bad"), id="pain-title")
            yield OptionList(*(Option(self._prompt(area), id=area) for area in PAIN_AREAS), id="pain-areas")
            with Horizontal(id="pain-sides", classes="pain-row"):
                for side, label in SIDE_BUTTONS:
                    yield Tap(label, id=f"pain-side-{side}", classes="pain-side")
            with Horizontal(id="pain-severity", classes="pain-row"):
                yield Tap("-", id="pain-milder", classes="pain-step")
                yield Static("", id="pain-severity-value")
                yield Tap("+", id="pain-worse", classes="pain-step")
                yield Static("up to 3 is acceptable", id="pain-severity-hint")
            yield Input(self.note, placeholder="A note (optional, one line)", max_length=NOTE_MAX,
                        id="pain-note")
            with Horizontal(id="pain-actions", classes="pain-row"):
                yield Tap("Save", id="pain-save", variant="primary")
                yield Tap("No pain", id="pain-none", variant="success")
                yield Tap("Skip", id="pain-skip")
            yield Static("Enter save · n no pain · Tab note · Esc skip", id="pain-keys")

    def on_mount(self) -> None:
        found = self.query("#pain-areas")
        if not found:  # put up as the app ends (a workout's last set and a quit at once): Textual
            return  # mounts no children into a closing screen, yet still sends it Mount
        areas = found.only_one(OptionList)
        areas.highlighted = 0
        areas.focus()
        self._show_controls()
        self._fit(self.app.size.height)

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.height)

    def _fit(self, height: int) -> None:
        """With rows to spare (a phone upright, a tall window) the buttons grow to a finger's size."""
        self.set_class(height >= ROOMY_HEIGHT, "-roomy")

    # --- what is shown --------------------------------------------------------------------------

    def _prompt(self, area: str) -> Text:
        side = self.sides[area]
        prompt = Text.assemble(f"{PAIN_AREAS[area]:<21} ", (f"{SIDE_SHOWN[side]:<10}", "bold" if side else "dim"))
        if side is not None:
            prompt.append(f" {self._severity_shown(area)}", style="bold")
        return prompt

    def _severity_shown(self, area: str) -> str:
        severity = self.severities[area]
        return f"{'?' if severity is None else severity}/10"

    def _show_controls(self) -> None:
        """The side and severity buttons say what the highlighted area holds."""
        area = self._area()
        side = self.sides[area] if area else None
        for key, _label in SIDE_BUTTONS:
            chosen = (side or "none") == key
            self.query_one(f"#pain-side-{key}", Tap).variant = "primary" if chosen else "default"
        what = Text.assemble("how bad ", (self._severity_shown(area), "bold")) if area else Text("")
        self.query_one("#pain-severity-value", Static).update(what)
        for effort in EFFORTS if self.ask_effort_for else ():
            self.query_one(f"#pain-effort-{effort}", Tap).variant = "primary" if effort == self.effort else "default"

    def _area(self) -> str | None:
        areas = self.query_one("#pain-areas", OptionList)
        if areas.highlighted is None:
            return None
        return list(PAIN_AREAS)[areas.highlighted]

    def _set(self, area: str, side: str | None) -> None:
        self.sides[area] = side
        self.query_one("#pain-areas", OptionList).replace_option_prompt(area, self._prompt(area))
        self._show_controls()

    def _typing(self) -> bool:
        return isinstance(self.focused, Input)

    # --- keys -----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("turn", "side", "no_pain", "severity") and self._typing():
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

    def action_severity(self, step: int) -> None:
        """How much the highlighted area hurt, one step; a pain of unknown severity starts at 3."""
        area = self._area()
        if area is None:
            return
        current = self.severities[area]
        value = SEVERITY_DEFAULT if current is None else current + step
        self.severities[area] = max(SEVERITY_MIN, min(SEVERITY_MAX, value))
        self._set(area, self.sides[area])

    def action_effort(self, effort: str) -> None:
        self.effort = effort
        self._show_controls()

    def answer(self) -> PainAnswer:
        pain = [Pain(area, side, self.severities[area]) for area, side in self.sides.items() if side is not None]
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

    # --- taps -----------------------------------------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_controls()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """A tap does what its key does; the label says which."""
        event.stop()
        button = event.button.id or ""
        if button.startswith("pain-side-"):
            area = self._area()
            if area is not None:
                side = button.removeprefix("pain-side-")
                self._set(area, None if side == "none" else side)
        elif button.startswith("pain-effort-"):
            self.action_effort(button.removeprefix("pain-effort-"))
        elif button in ("pain-milder", "pain-worse"):
            self.action_severity(1 if button == "pain-worse" else -1)
        elif button == "pain-save":
            self.action_save()
        elif button == "pain-none":
            self.action_no_pain()
        elif button == "pain-skip":
            self.dismiss(None)
