"""Preferences: what the app starts with. Each change is checked, applied and saved at once."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.validation import Integer
from textual.widgets import Header, Input, Label, Select, Static, Switch

from glute_tui.core.preferences import VOLUME_RANGE, WEEKLY_GOAL_RANGE
from glute_tui.ui import keys
from glute_tui.ui.context import AppContext
from glute_tui.ui.widgets.key_footer import KeyFooter
from glute_tui.ui.widgets.too_small import TooSmall

LOW, HIGH = WEEKLY_GOAL_RANGE
GOAL_HINT = f"sessions a week, {LOW} to {HIGH}; Enter saves"


def row(label: str, widget, hint: str = "", hint_id: str | None = None) -> Horizontal:
    return Horizontal(Label(label, classes="pref-label"), widget,
                      Static(hint, classes="pref-hint", id=hint_id), classes="pref-row")


class PreferencesScreen(Screen[None]):
    CSS_PATH = "preferences.tcss"  # loaded when the screen is first shown, not at start
    BINDINGS = keys.PREFERENCES

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx

    def compose(self) -> ComposeResult:
        app, ctx, prefs = self.app, self.ctx, self.ctx.settings.current
        routines = [(r.name, r.id) for r in ctx.library.routines]
        default = prefs.default_routine if prefs.default_routine in ctx.library.ids else Select.BLANK
        web = app.is_web  # in a browser the page plays the tones and speaks, whatever this machine has
        can_speak = web or ctx.speaker.available
        speech_hint = ("said by this page, in the browser's voice" if web else "" if can_speak else
                       "No speech program found (espeak-ng, espeak, spd-say or say): the bell still rings")
        yield Header()
        with VerticalScroll(id="preferences"):
            yield row("Default routine", Select(routines, value=default, allow_blank=False, id="default-routine"))
            yield row("Counting", Select([("paced: the app counts to a tempo", "paced"),
                                          ("self-paced: Enter ends a set", "self-paced")],
                                         value=prefs.counting, allow_blank=False, id="counting"))
            yield row("Weekly goal", Input(str(prefs.weekly_goal), id="weekly-goal", type="integer",
                                           validators=[Integer(minimum=LOW, maximum=HIGH)],
                                           validate_on=["changed", "submitted", "blur"],
                                           select_on_focus=False),
                      GOAL_HINT, hint_id="weekly-goal-hint")
            yield row("Sound", Switch(value=prefs.sound, id="sound"), "a cue at every change (m)")
            has_player = web or (ctx.tones is not None and ctx.tones.available)
            yield row("Cue sound", Select([("tone: short beeps through a sound player", "tone"),
                                           ("bell: the terminal's bell", "bell")],
                                          value=prefs.cue_sound, allow_blank=False, id="cue-sound"),
                      "in a browser, this page plays tones" if web else
                      "" if has_player else "No sound player found (pw-play, paplay, aplay or afplay): "
                                            "the bell rings instead")
            volumes = sorted({*range(VOLUME_RANGE[0], VOLUME_RANGE[1] + 1, 10), prefs.volume})
            yield row("Volume", Select([(f"{v} %", v) for v in volumes], value=prefs.volume,
                                       allow_blank=False, id="volume"), "of the tones")
            yield row("Spoken cues", Switch(value=prefs.speech and can_speak, id="speech",
                                            disabled=not can_speak), speech_hint)
            yield row("Desktop notifications", Switch(value=prefs.notifications, id="notifications"),
                      "OSC 9 / 777, where the terminal shows them")
            yield row("Tempo cue", Switch(value=prefs.tempo_cue, id="tempo_cue"),
                      "a soft tick at the turn of each paced rep" if ctx.cues.can_tick else
                      "a soft tick at each paced rep: needs tones (no player found)")
            yield row("Theme", Select([(name, name) for name in sorted(app.available_themes)],
                                      value=app.theme, allow_blank=False, id="theme"))
        yield KeyFooter()
        yield TooSmall()

    def on_mount(self) -> None:
        self.sub_title = "Preferences"
        self.query_one("#preferences", VerticalScroll).can_focus = False  # Tab goes to a field

    def _save(self, **changes: object) -> bool:
        """One change, checked and saved by the settings (which every screen listens to)."""
        if all(getattr(self.ctx.settings.current, k) == v for k, v in changes.items()):
            return True  # filling the form is not a change
        problem = self.ctx.settings.update(**changes)
        if problem:
            self.notify(problem, severity="error", markup=False)
        return not problem

    @on(Select.Changed, "#default-routine")
    def default_routine(self, event: Select.Changed) -> None:
        self._save(default_routine=str(event.value))

    @on(Select.Changed, "#counting")
    def counting(self, event: Select.Changed) -> None:
        if self._save(counting=str(event.value)):
            self.ctx.settings.set_counting_for_this_run(str(event.value))

    @on(Select.Changed, "#cue-sound")
    def cue_sound(self, event: Select.Changed) -> None:
        self._save(cue_sound=str(event.value))

    @on(Select.Changed, "#volume")
    def volume(self, event: Select.Changed) -> None:
        if isinstance(event.value, int):
            self._save(volume=event.value)

    @on(Select.Changed, "#theme")
    def theme(self, event: Select.Changed) -> None:
        self.app.theme = str(event.value)  # the app saves it

    @on(Input.Changed, "#weekly-goal")
    def weekly_goal_typed(self, event: Input.Changed) -> None:
        """Typing only says whether the value is good: "2" on the way to "20" is never saved."""
        hint = self.query_one("#weekly-goal-hint", Static)
        if event.validation_result is not None and not event.validation_result.is_valid:
            hint.update(Text.assemble((f"must be a whole number from {LOW} to {HIGH}", "bold red"),
                                      ": not saved yet"))
        else:
            hint.update(GOAL_HINT)

    @on(Input.Submitted, "#weekly-goal")
    @on(Input.Blurred, "#weekly-goal")
    def weekly_goal_done(self, event: Input.Submitted | Input.Blurred) -> None:
        self._commit_goal()

    def _commit_goal(self) -> None:
        """Enter or leaving the field: a complete, valid value is saved; anything else is put
        back to the saved one, and the hint says so."""
        goal = self.query_one("#weekly-goal", Input)
        hint = self.query_one("#weekly-goal-hint", Static)
        saved = self.ctx.settings.current.weekly_goal
        text = goal.value.strip()
        if text.isdigit() and LOW <= int(text) <= HIGH:
            if self._save(weekly_goal=int(text)):
                hint.update(GOAL_HINT)
        elif text != str(saved):  # the field keeps what was typed, to be fixed; the hint says so
            hint.update(Text.assemble((f"must be a whole number from {LOW} to {HIGH}", "bold red"),
                                      f": not saved, still {saved}"))

    def action_back(self) -> None:
        """Leaving the screen leaves the field: what it holds is saved when it is valid."""
        self._commit_goal()
        self.app.pop_screen()

    @on(Switch.Changed)
    def switch(self, event: Switch.Changed) -> None:
        if event.switch.id in ("sound", "speech", "notifications", "tempo_cue"):
            self._save(**{event.switch.id: event.value})

    def action_help(self) -> None:
        """`?`: every screen's keys, this one's first."""
        from glute_tui.ui.dialogs.help import HelpScreen

        self.app.push_screen(HelpScreen(self.ctx.library.catalogue, None, screen="Preferences"))
