"""The Textual application: holds the routines, the history and the clock; screens do the rest."""

from __future__ import annotations

import asyncio
import gc
import signal
import threading
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from textual import events
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.binding import Binding

from glute_tui.ui.ascii_output import ascii_driver, unicode_terminal
from glute_tui.core.cues import CuePlayer, CueSink
from glute_tui.ui.speech import Speaker, find_speech_program
from glute_tui.ui.terminal_cues import TerminalCues
from glute_tui.store.trace import PhaseTrace
from glute_tui.store.paths import AppPaths
from glute_tui.store.preferences import load_preferences, save_preferences
from glute_tui.core.routines import Routine
from glute_tui.store.routine_files import load_catalogue

if TYPE_CHECKING:  # loaded when first used, after the first frame: start-up stays short
    from glute_tui.core.engine import Clock
    from glute_tui.store.history import History
    from glute_tui.core.stats import Stats

MIN_WIDTH, MIN_HEIGHT = 60, 18


class GluteApp(App[None]):
    """A workout timer a person follows from across the room."""

    CSS_PATH = "app.tcss"
    TITLE = "glute-tui"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        routines: list[Routine],
        paths: AppPaths,
        *,
        selected: str | None = None,
        clock: Clock = time.monotonic,
        counting: str | None = None,  # None: the person's preference
        speech_program: tuple[str, ...] | None = None,
        cue_sink: CueSink | None = None,
        today: Callable[[], date] = date.today,
        routine_faults: dict[Path, list[str]] | None = None,
        flash_s: float = 0.4,
    ) -> None:
        super().__init__()
        self.routines = routines
        self.catalogue = load_catalogue()
        self.paths = paths
        self.selected = selected or (routines[0].id if routines else "")
        self.clock = clock
        self.counting = counting
        self.today = today
        self._history: History | None = None
        self._history_lock = threading.Lock()
        self._recovered = False
        self._recovery_lock = threading.Lock()
        self._overview: tuple[tuple, Stats] | None = None
        self._overview_lock = threading.Lock()  # one computes, a second caller waits for it
        self._reported_lock = threading.Lock()
        self._reported: set[str] = set()
        self.routine_faults = routine_faults or {}
        self.flash_s = flash_s  # how long the screen flashes at a change of phase; 0 for none
        self.trace = PhaseTrace.from_environment()
        self.speaker = Speaker(find_speech_program() if speech_program is None else speech_program,
                               on_problem=self._speech_problem)
        self.terminal_cues = TerminalCues(self, self.speaker)
        self.cues = CuePlayer(self.terminal_cues if cue_sink is None else cue_sink)
        self.preferences, self._preference_problem = load_preferences(paths.preferences_file)
        self.cues.muted = not self.preferences.sound
        self.speaker.enabled = self.speaker.available and self.preferences.speech
        self.terminal_cues.notifications = self.preferences.notifications
        if selected is None and self.preferences.default_routine in {r.id for r in routines}:
            self.selected = self.preferences.default_routine
        if counting is None:
            self.counting = self.preferences.counting

    def get_default_screen(self) -> Screen:
        """Home is the first screen itself, composed with the app, so its first frame is drawn
        once (pushed from on_mount, it was drawn inside the app's mount, thrown away, redrawn)."""
        from glute_tui.ui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        for path, faults in self.routine_faults.items():
            self.notify("\n".join(faults), title=f"Routine not loaded: {path.name}", severity="warning",
                        timeout=20, markup=False)
        if self._preference_problem:
            self.notify(self._preference_problem, title="Preferences", severity="warning", timeout=12)
        self._install_signal_handlers()
        if self.preferences.theme in self.available_themes:
            self.theme = self.preferences.theme
        self._check_size(self.size.width, self.size.height)
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        """The launcher keeps the garbage collector off during start-up (see launch.py)."""
        if not gc.isenabled():
            gc.freeze()  # what start-up made lives as long as the app: later collections skip it
            gc.enable()

    @property
    def history(self) -> History:
        """The saved sessions; opened on first use (from any thread)."""
        with self._history_lock:
            if self._history is None:
                from glute_tui.store.history import History

                self._history = History(self.paths.data)
            return self._history

    def recover_once(self) -> None:
        """Journals left by a workout whose process died become sessions, before the history
        is first read. On a worker: it reads and writes files."""
        with self._recovery_lock:
            if self._recovered:
                return
            recovery = self.history.recover()
            self._recovered = True
        for message in recovery.messages():
            self.notify_from_any_thread(message, title="History", timeout=12)

    def overview(self) -> Stats:
        """The history's figures for today; computed once per change of the files.

        Called from worker threads (Home's streak line, the History screen), never on the loop.
        The history is streamed through the figures a year file at a time and not kept: a long
        history costs its figures in memory, not its sessions.
        """
        from glute_tui.core.stats import StatsBuilder

        self.recover_once()
        history = self.history
        with self._overview_lock:
            key = (history.version(), self.today(), self.preferences.weekly_goal)
            if self._overview is not None and self._overview[0] == key:
                return self._overview[1]
            builder = StatsBuilder(key[1], key[2])
            for sessions, problems in history.each_file():
                self.report_file_problems(problems)
                for session in sorted(sessions, key=lambda s: s.started_at):  # as `compute` orders them
                    builder.add(session)
            stats = builder.finish()
            self._overview = (key, stats)
            return stats

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette (Ctrl+P): every action, and each routine by name."""
        yield from super().get_system_commands(screen)
        from glute_tui.ui.screens.home import HomeScreen

        if isinstance(screen, HomeScreen):
            for routine in self.routines:
                yield SystemCommand(f"Start: {routine.name}", f"Start the {routine.name} now",
                                    lambda r=routine: screen.start_routine(r))
            yield SystemCommand("History", "Streaks, calendar and sessions", screen.action_history)
            yield SystemCommand("Edit routine", "Sets, reps, rests and loads of the selected routine",
                                screen.action_edit)
            yield SystemCommand("Preferences", "Default routine, counting, weekly goal, sound, theme",
                                screen.action_preferences)
        yield SystemCommand("Sound on / off", "Mute or unmute every cue (m)", self.action_toggle_mute)
        yield SystemCommand("Spoken cues on / off", "Say each change of phase aloud", self.action_toggle_speech)
        yield SystemCommand("Desktop notifications on / off",
                            "Notify at each change of phase (terminals with OSC 9 / 777)",
                            self.action_toggle_notifications)
        yield SystemCommand("Help", "Keys, and how to do each exercise (?)", self._help)

    def _help(self) -> None:
        help_action = getattr(self.screen, "action_help", None)
        if help_action is not None:
            help_action()

    def watch_theme(self, theme: str) -> None:
        """A theme chosen in the palette is remembered for next time."""
        if getattr(self, "preferences", None) is not None and self.preferences.theme != theme:
            self.preferences.theme = theme
            self.save_preferences()

    def report_file_problems(self, problems: list[str]) -> None:
        """Tell the person about each problem with their files once (from any thread)."""
        with self._reported_lock:
            new = [p for p in problems if p not in self._reported]
            self._reported.update(new)
        for problem in new:
            self.notify_from_any_thread(problem, title="History", severity="warning", timeout=20)

    def notify_from_any_thread(self, message: str, **options) -> None:
        """A toast from a worker thread (or, as a fallback, from the app's own)."""
        try:
            self.call_from_thread(self.notify, message, **options)
        except RuntimeError:  # already on the app's thread
            self.notify(message, **options)

    def get_driver_class(self):
        """The platform's driver; one that writes only ASCII when the terminal lacks Unicode."""
        driver = super().get_driver_class()
        return driver if unicode_terminal() else ascii_driver(driver)

    # --- terminal size -------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size.width, event.size.height)

    def _check_size(self, width: int, height: int) -> None:
        self.set_class(width < MIN_WIDTH or height < MIN_HEIGHT, "-too-small")

    # --- leaving: never lose a finished set ----------------------------------------------------

    def _install_signal_handlers(self) -> None:
        """Textual does not handle SIGHUP/SIGTERM: save what was done, then leave cleanly."""
        try:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(sig, self._leave_on_signal)
        except (NotImplementedError, RuntimeError, ValueError):
            pass

    def _leave_on_signal(self) -> None:
        self.save_running_workout(wait=True)
        self.exit()

    def save_running_workout(self, *, wait: bool) -> None:
        """Stop and save a workout under way, if any (for quitting without the dialog)."""
        from glute_tui.ui.screens.workout import WorkoutScreen

        for screen in self.screen_stack:
            if isinstance(screen, WorkoutScreen):
                screen.stop_and_save(wait=wait)

    async def action_quit(self) -> None:
        self.save_running_workout(wait=True)
        self.exit()

    def action_toggle_mute(self) -> None:
        """`m`: all sound off or on at once; remembered for next time."""
        self.cues.muted = not self.cues.muted
        self.preferences.sound = not self.cues.muted
        self.save_preferences()
        self.notify("Sound off" if self.cues.muted else "Sound on", timeout=2)

    def action_toggle_speech(self) -> None:
        if not self.speaker.available:
            self.notify("No speech program found (espeak-ng, espeak, spd-say or say); "
                        "the bell still rings.", timeout=6)
            return
        self.speaker.enabled = not self.speaker.enabled
        self.preferences.speech = self.speaker.enabled
        self.save_preferences()
        self.notify("Spoken cues on" if self.speaker.enabled else "Spoken cues off", timeout=2)

    def action_toggle_notifications(self) -> None:
        self.terminal_cues.notifications = not self.terminal_cues.notifications
        self.preferences.notifications = self.terminal_cues.notifications
        self.save_preferences()
        self.notify("Desktop notifications " + ("on" if self.preferences.notifications else "off"),
                    timeout=2)

    def save_preferences(self) -> None:
        try:
            save_preferences(self.paths.preferences_file, self.preferences)
        except OSError as exc:
            self.notify(f"Could not save preferences: {exc.strerror or exc}", severity="error")

    def _speech_problem(self, message: str) -> None:
        self.notify_from_any_thread(message, severity="warning", timeout=8)
