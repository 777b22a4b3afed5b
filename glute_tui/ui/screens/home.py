"""Home: choose a routine, see what it holds and how long it takes, press Enter."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import ModalScreen, Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from glute_tui.core.format import about, plural, week_count
from glute_tui.core.pain import Referral
from glute_tui.core.plan import build_plan
from glute_tui.core.preferences import Preferences
from glute_tui.core.routines import Routine
from glute_tui.core.text import visible
from glute_tui.services.library import RoutineLibrary
from glute_tui.ui import keys
from glute_tui.ui.commands import HomeCommands
from glute_tui.ui.context import AppContext
from glute_tui.ui.plain import plain
from glute_tui.ui.widgets.key_footer import KeyFooter
from glute_tui.ui.widgets.targets_table import TargetsTable
from glute_tui.ui.widgets.too_small import TooSmall
from glute_tui.ui.widgets.touch_bar import touch_button

BROKEN = "broken:"  # the option id of a routine file that could not be loaded
RUN_DAY_ROUTINE_ID = "run-day"  # the built-in activation before a run (data/routines/run-day.toml)


class HomeScreen(Screen[None]):
    COMMANDS = {HomeCommands}
    BINDINGS = keys.HOME

    routine_id: var[str] = var("")
    broken = False  # a routine file that could not be loaded is highlighted
    counting: var[str] = var("paced")
    referrals: var[tuple[Referral, ...]] = var(tuple)  # what to see a professional about
    streak: var[str] = var("")  # this week's count and the weekly streak, once read

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="home"):
            with Vertical(id="routine-list-box"):
                yield Static("Routines", classes="section-title")
                yield OptionList(*self._options(), id="routine-list")
                yield Static("", id="home-referral")  # pain to see a professional about
                yield Static("", id="home-run-day")  # which routine suits a run day
            with Vertical(id="routine-detail"):
                yield Static("", id="routine-name")
                yield Static("", id="routine-description")
                yield TargetsTable(id="routine-table")
                yield Static("", id="routine-length")
                yield touch_button("Start", "screen.start", id="touch-start")  # by touch (in a browser)
                yield Static("", id="counting-mode")
                yield Static("", id="home-streak")
        yield KeyFooter()
        yield TooSmall("Make the window larger to start a workout.")

    def on_mount(self) -> None:
        self.sub_title = "Home"
        self.set_class(self.ctx.touch, "-touch")
        self.counting = self.ctx.settings.counting
        options = self.query_one("#routine-list", OptionList)
        ids = self.ctx.library.ids
        options.highlighted = ids.index(self.ctx.library.selected) if self.ctx.library.selected in ids else 0
        options.focus()
        self.routine_id = ids[options.highlighted or 0] if ids else ""
        self.ctx.settings_changed.subscribe(self, self._settings_changed)
        self.ctx.routines_changed.subscribe(self, self._routines_changed)

    def _settings_changed(self, prefs: Preferences) -> None:
        self.counting = self.ctx.settings.counting
        self.show_settings()

    def _routines_changed(self, library: RoutineLibrary) -> None:
        self._sync_routines()

    def on_screen_suspend(self) -> None:
        """A screen over all of Home (the workout, History, the editor): Home's drawn lines are
        let go (Textual keeps each widget's rendered lines, each about 1 KB: 0.5 MB at 80x24,
        0.9 at 200x60), so that the screen on top reuses that memory instead of adding to it.
        Home is drawn again when it is shown again. Under a dialog Home still shows: kept."""
        if isinstance(self.app.screen, ModalScreen) or self.app.screen is self:
            return
        for widget in self.walk_children(with_self=True):
            widget.refresh()

    def on_screen_resume(self) -> None:
        """Also sent when Home is first shown, and after a workout or the History screen.

        The history is read after the frame is drawn, so a long one never delays the screen.
        """
        self.show_settings()
        self.call_after_refresh(self.load_streak)

    def _options(self) -> list[Option]:
        """The routines, then each routine file that could not be loaded, marked: selecting one
        shows why, instead of a toast that covers Home and is gone."""
        options = [Option(plain(r.name), id=r.id) for r in self.ctx.library.routines]
        options += [Option(Text.assemble(("⚠ ", "bold"), (visible(path.name), "italic")), id=f"{BROKEN}{n}")
                    for n, path in enumerate(self.ctx.library.faults)]
        return options

    def _show_broken(self, index: int) -> None:
        path, faults = list(self.ctx.library.faults.items())[index]
        self.query_one("#routine-name", Static).update(plain(f"Not loaded: {path.name}"))
        self.query_one("#routine-description", Static).update(Text(visible("\n".join(faults), keep="\n")))
        self.query_one("#routine-table", TargetsTable).rows = ()
        self.query_one("#routine-length", Static).update(
            Text("Fix the file, then start again; glute-tui routines validate PATH checks it."))

    def watch_referrals(self, referrals: tuple[Referral, ...]) -> None:
        """Pain to see a professional about, said on Home too (general guidance, never a diagnosis)."""
        text = Text()
        for referral in referrals:
            text.append("! ", style="bold red")
            text.append(visible(referral.label), style="bold")
            text.append(": see a physiotherapist or doctor before loading it again.\n", style="bold")
        if referrals:
            text.append("General guidance, not a diagnosis (w: plan).")
        # queried, not query_one: the history is read in a thread, and the screen may be
        # gone by the time it answers (q pressed at once)
        for widget in self.query("#home-referral").results(Static):
            widget.display = bool(referrals)
            widget.update(text)

    def watch_streak(self, text: str) -> None:
        for widget in self.query("#home-streak").results(Static):
            widget.update(text)

    def run_day_line(self) -> Text:
        """Which routine suits a run day: the short activation before the run, not the whole
        workout (glutes tired before the run are what it should not start with)."""
        run_day = self.ctx.library.get(RUN_DAY_ROUTINE_ID)
        if run_day is None:
            return Text("")
        minutes = about(build_plan(run_day).total_s)
        return Text.assemble(("Run day? ", "bold"), Text(visible(run_day.name)), f" ({minutes}) before you go.")

    def _sync_routines(self) -> None:
        """A routine saved meanwhile (a progression taken) joins the list, selected."""
        options = self.query_one("#routine-list", OptionList)
        library = self.ctx.library
        ids = library.ids
        shown = [options.get_option_at_index(i).id for i in range(options.option_count)]
        if [i for i in shown if i and not i.startswith(BROKEN)] != ids:
            options.clear_options()
            options.add_options(self._options())
        if library.selected in ids and options.highlighted != ids.index(library.selected):
            options.highlighted = ids.index(library.selected)
        if self.routine_id == library.selected:
            self._show_routine()  # the same id with new targets (a progression of a user routine)

    @work(thread=True, exclusive=True, group="home-streak")
    def load_streak(self) -> None:
        """This week's count and the weekly streak, read off the event loop."""
        stats = self.ctx.history.figures()
        if stats.counted_sessions:
            text = (f"This week: {week_count(stats.this_week, stats.weekly_goal)} · weekly streak "
                    f"{plural(stats.current_weekly_streak, 'week')} · [b]h[/b] history · [b]w[/b] plan")
        else:
            text = "Your first workout starts your streak. Train at least once a week."
        self.app.call_from_thread(setattr, self, "streak", text)
        referrals = self.ctx.history.referrals(now=self.ctx.history.now())
        self.app.call_from_thread(setattr, self, "referrals", tuple(referrals))

    def action_edit(self) -> None:
        from glute_tui.ui.screens.editor import EditorScreen

        if self.routine is not None:
            self.app.push_screen(EditorScreen(self.ctx, self.routine))

    def action_preferences(self) -> None:
        from glute_tui.ui.screens.preferences import PreferencesScreen

        self.app.push_screen(PreferencesScreen(self.ctx))

    def action_plan(self) -> None:
        """`w`: the plan over weeks of the highlighted routine."""
        from glute_tui.ui.screens.plan import PlanScreen

        if self.routine is not None and not self.broken:
            self.app.push_screen(PlanScreen(self.ctx, self.routine))

    def action_history(self) -> None:
        from glute_tui.ui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.ctx))

    @property
    def routine(self) -> Routine | None:
        """The highlighted routine; for a key pressed before Home is mounted, the app's choice."""
        return self.ctx.library.get(self.routine_id or self.ctx.library.selected)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        option_id = event.option.id or ""
        self.broken = option_id.startswith(BROKEN)
        if self.broken:
            self._show_broken(int(option_id[len(BROKEN):]))
        elif option_id:
            if option_id == self.routine_id:
                self._show_routine()  # back from a broken file's message
            self.routine_id = option_id

    def watch_routine_id(self, routine_id: str) -> None:
        if routine_id:
            self.ctx.library.select(routine_id)
            self._show_routine()

    def _show_routine(self) -> None:
        routine = self.routine
        if routine is None:
            return
        self.query_one("#home-run-day", Static).update(self.run_day_line())
        self.query_one("#routine-name", Static).update(plain(routine.name))
        self.query_one("#routine-description", Static).update(plain(routine.description))
        self.query_one("#routine-table", TargetsTable).rows = tuple(
            (item.exercise.name, item.target_label, f"{item.rest_s} s", item.load.label)
            for item in routine.exercises)
        plan = build_plan(routine)
        self.query_one("#routine-length", Static).update(
            f"About {about(plan.total_s)} · {plural(plan.sets_planned, 'set')} · "
            + ("tap [b]Start[/b]" if self.ctx.touch else "[b]Enter[/b] to start"))

    def watch_counting(self, counting: str) -> None:
        self.show_settings()

    def show_settings(self) -> None:
        """The counting mode and the sound, as they are now (both can change elsewhere)."""
        text = ("Counting: [b]paced[/b], the app counts each rep to a tempo"
                if self.counting == "paced" else
                "Counting: [b]self-paced[/b], you press Enter when a set is done")
        self.query_one("#counting-mode", Static).update(f"{text} · [b]c[/b] to change\n{self.sound_line()}")

    def sound_line(self) -> str:
        """What the person will hear; says plainly when no speech program was found."""
        ctx = self.ctx
        prefs = ctx.settings.current
        if ctx.cues.muted:
            return "Sound: off · [b]m[/b] to turn it on"
        if self.app.is_web:  # the browser page plays the tones and speaks
            voice = "tones and voice, in this page" if prefs.speech else "tones, in this page (voice off)"
            return f"Sound: {voice} · [b]m[/b] mutes"
        tones = prefs.cue_sound == "tone" and ctx.tones is not None and ctx.tones.available
        sound = "tones" if tones else "bell"
        if not ctx.speaker.available:
            return f"Sound: {sound} only (no speech program found: install espeak-ng to hear cues)"
        voice = f"{sound} and voice" if ctx.speaker.enabled else f"{sound} (voice off in Ctrl+P)"
        return f"Sound: {voice} · [b]m[/b] mutes"

    def action_toggle_counting(self) -> None:
        """`c`: paced or self-paced, remembered for next time like `m` and the theme."""
        counting = "self-paced" if self.counting == "paced" else "paced"
        problem = self.ctx.settings.update(counting=counting)
        if problem:
            self.notify(problem, severity="error", markup=False)
        self.ctx.settings.set_counting_for_this_run(counting)

    def action_help(self) -> None:
        from glute_tui.ui.dialogs.help import HelpScreen

        self.app.push_screen(HelpScreen(self.ctx.library.catalogue, self.routine, screen="Home"))

    def action_start(self) -> None:
        if self.broken:
            self.notify("This routine file could not be loaded: its message says what to fix.",
                        severity="warning", timeout=4)
            return
        if self.routine is not None:
            self.start_routine(self.routine)

    def start_routine(self, routine: Routine) -> None:
        """Enter, the Start button and the palette's "Start: …": never while the terminal is
        too small, where the workout would run on its own, unseen; a bell says "not now"."""
        from glute_tui.ui.screens.workout import WorkoutScreen

        if self.app.has_class("-too-small"):
            self.app.bell()
            return
        self.app.push_screen(WorkoutScreen(self.ctx, routine, counting=self.counting))
