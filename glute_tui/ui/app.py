"""The Textual application. It only composes: it builds the services, hands them to the
screens in one AppContext, turns their changes into signals, and installs what a terminal
app needs (signal handlers, the driver, the minimum size). Screens do the rest."""

from __future__ import annotations

import asyncio
import gc
import sys
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.signal import Signal

from glute_tui.core.cues import CuePlayer, CueSink
from glute_tui.core.preferences import Preferences
from glute_tui.core.routines import Exercise, Routine
from glute_tui.core.text import visible
from glute_tui.services.history import HistoryService
from glute_tui.services.library import RoutineLibrary
from glute_tui.services.settings import Settings
from glute_tui.services.workout import WorkoutService
from glute_tui.store.paths import AppPaths
from glute_tui.store.routine_files import RoutineSet, load_exercises
from glute_tui.store.trace import PhaseTrace
from glute_tui.ui.ascii_output import ascii_driver, unicode_terminal
from glute_tui.ui.context import AppContext
from glute_tui.ui.exit_guard import ExitGuard, guarded_driver, guarded_web_driver
from glute_tui.ui.sound import TonePlayer, find_tone_player
from glute_tui.ui.speech import Speaker, find_speech_program
from glute_tui.ui.terminal_cues import KeepAwake, TerminalCues, told_driver
from glute_tui.ui.widgets.too_small import MIN_WIDTH, too_small

if TYPE_CHECKING:
    from glute_tui.core.engine import Clock


# A sound player's problem changes nothing saved and the bell rings instead: said long enough
# to read, not left over the workout for 20 s (the newcomer's second try).
SOUND_MESSAGE_S = 8


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
        routine_faults: dict[Path, list[str]] | None = None,
        clock: Clock = time.monotonic,
        clock_jump_s: float | None = None,  # a gap in the clock longer than this pauses a workout
        counting: str | None = None,  # None: the person's preference
        speech_program: tuple[str, ...] | None = None,
        tone_player: tuple[str, ...] | None = None,  # None: the first found; (): none, the bell
        cue_sink: CueSink | None = None,
        today: Callable[[], date] = date.today,
        flash_s: float = 0.4,
        settings: Settings | None = None,
        catalogue: dict[str, Exercise] | None = None,  # None: the shipped and the person's exercises
        touch: bool | None = None,  # None: by touch in a browser (glute-tui serve), keys in a terminal
    ) -> None:
        super().__init__()
        self._touch = touch
        settings = settings or Settings(paths.preferences_file, counting=counting)
        if catalogue is None:
            catalogue = load_exercises(paths.exercises_file)[0]
        library = RoutineLibrary(RoutineSet(routines, routine_faults or {}, catalogue, paths.exercises_file),
                                 paths.routines_dir, selected=selected or settings.current.default_routine)
        history = HistoryService(paths.data, today=today, weekly_goal=lambda: settings.current.weekly_goal,
                                 report=self._report)
        speaker = Speaker(find_speech_program() if speech_program is None else speech_program,
                          on_problem=lambda message: self._report(message, "warning", title="Sound",
                                                                  timeout=SOUND_MESSAGE_S))
        tones = TonePlayer(find_tone_player() if tone_player is None else tone_player, paths.tones_dir,
                           on_problem=lambda message: self._report(message, "warning", title="Sound",
                                                                  timeout=SOUND_MESSAGE_S))
        self.terminal_cues = TerminalCues(self, speaker, tones)
        self.ctx = AppContext(
            paths=paths, settings=settings, library=library, history=history,
            workouts=WorkoutService(clock=clock, history=history, trace=PhaseTrace.from_environment(),
                                    jump_s=clock_jump_s),
            cues=CuePlayer(self.terminal_cues if cue_sink is None else cue_sink), speaker=speaker,
            clock=clock, today=today, flash_s=flash_s, tones=tones,
            settings_changed=Signal(self, "settings-changed"),
            routines_changed=Signal(self, "routines-changed"),
        )
        self.exit_guard = ExitGuard(save=lambda: self.ctx.workouts.stop_running(wait=True),
                                    leave=self._leave_on_signal)
        self._apply_settings(settings.current)
        settings.subscribe(self._settings_changed)
        library.subscribe(lambda lib: self._on_app_thread(self.ctx.routines_changed.publish, lib))

    # --- composing -----------------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        """Home is the first screen itself, composed with the app, so its first frame is drawn
        once (pushed from on_mount, it was drawn inside the app's mount, thrown away, redrawn)."""
        from glute_tui.ui.screens.home import HomeScreen

        return HomeScreen(self.ctx)

    def on_mount(self) -> None:
        faults = self.ctx.library.faults
        if faults:  # one line; Home lists each file, marked, with its message on selection
            names = ", ".join(path.name for path in faults)
            self.notify(f"Not loaded: {names}. Select it on Home to see why.", title="Routines",
                        severity="warning", timeout=8, markup=False)
        if self.ctx.settings.problem:
            self.notify(self.ctx.settings.problem, title="Preferences", severity="warning", timeout=12,
                        markup=False)
        self.terminal_cues.web = self.is_web  # glute-tui serve: the browser page plays the cues
        self.ctx.touch = self.is_web if self._touch is None else self._touch
        if self.ctx.settings.current.theme in self.available_themes:
            self.theme = self.ctx.settings.current.theme
        self._check_size(self.size.width, self.size.height)
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        """The launcher keeps the garbage collector off during start-up (see cli/launch.py)."""
        if not gc.isenabled():
            # Start-up's garbage first (the argument parser, the stylesheets' parse): frozen,
            # a cycle would never be collected, and stay resident (about 3,000 objects, 0.5 MB).
            gc.collect()
            gc.freeze()  # what start-up made lives as long as the app: later collections skip it
            gc.enable()

    def get_driver_class(self):
        """The platform's driver, which reports a terminal that went away (see ui/exit_guard.py);
        one that writes only ASCII when the terminal lacks Unicode (never in a browser: xterm.js
        is a Unicode terminal whatever the server's locale, and the web driver has no terminal)."""
        driver = super().get_driver_class()
        web = sys.modules.get("textual.drivers.web_driver")  # imported when TEXTUAL_DRIVER names it
        if web is not None and issubclass(driver, web.WebDriver):  # a browser tab (glute-tui serve)
            driver = guarded_web_driver(driver, lambda why: self.exit_guard.terminal_gone(why))
        else:
            if hasattr(driver, "run_input_thread"):  # Linux and macOS: the driver the guard knows
                driver = guarded_driver(driver, lambda why: self.exit_guard.terminal_gone(why))
            driver = driver if unicode_terminal() else ascii_driver(driver)
        return told_driver(driver, self._terminal_output)  # the cues write through it

    def _terminal_output(self, driver: object) -> None:
        """The driver in application mode (or None): escape sequences are written through it."""
        self.terminal_cues.output = driver

    def run(self, **options):  # type: ignore[no-untyped-def]
        """Run in a terminal, with the exit guard's signal handlers installed first (so that a
        hang-up during start-up is handled too) and removed after; headless runs (snapshots)
        and run_test() have no terminal to guard."""
        if options.get("headless"):
            return super().run(**options)
        self.exit_guard.install()
        try:
            return super().run(**options)
        finally:
            self.exit_guard.uninstall()

    def push_screen(self, screen, callback=None, wait_for_dismiss=False):  # type: ignore[no-untyped-def, override]
        """Nothing opens once the app is closing: q and, read with it, a key that opens a screen
        (e, h, w, p on Home) would build that screen in an app that is taking its screens down
        (its widgets were looked for and not found: a crash on the way out)."""
        if self.return_code is not None:
            done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            done.set_result(None)
            return done
        return super().push_screen(screen, callback, wait_for_dismiss)

    def get_key_display(self, binding: Binding) -> str:
        """A letter or digit key (ctrl+q too) shown as Textual shows it, without Textual's search
        of the Unicode name table for it first (`unicodedata.lookup("q")`, always a miss): the
        Footer asks for each key it shows, and each search reads scattered pages of that
        table (a few keys, 0.6 MB resident for the app's life)."""
        if not binding.key_display:
            modifiers, key = binding.parse_key()
            if len(key) == 1 and key.isascii() and key.isalnum():
                if "ctrl" in modifiers:
                    modifiers.remove("ctrl")
                    key = f"^{key}"
                return "+".join([*modifiers, key])
        return super().get_key_display(binding)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """App-wide commands; each screen adds its own (Screen.COMMANDS)."""
        yield from super().get_system_commands(screen)
        yield SystemCommand("Sound on / off", "Mute or unmute every cue (m)", self.action_toggle_mute)
        yield SystemCommand("Spoken cues on / off", "Say each change of phase aloud", self.action_toggle_speech)
        yield SystemCommand("Desktop notifications on / off",
                            "Notify at each change of phase (terminals with OSC 9 / 777)",
                            self.action_toggle_notifications)
        if hasattr(screen, "action_help"):
            yield SystemCommand("Help", "Keys, and how to do each exercise (?)", screen.action_help)

    # --- settings: one source, applied here, broadcast to the screens -------------------------

    def _settings_changed(self, prefs: Preferences) -> None:
        self._on_app_thread(self._apply_and_publish, prefs)

    def _apply_and_publish(self, prefs: Preferences) -> None:
        self._apply_settings(prefs)
        self.ctx.settings_changed.publish(prefs)

    def _apply_settings(self, prefs: Preferences) -> None:
        self.ctx.cues.muted = not prefs.sound
        self.ctx.cues.tempo_cue = prefs.tempo_cue
        self.ctx.speaker.enabled = self.ctx.speaker.available and prefs.speech
        self.terminal_cues.notifications = prefs.notifications
        self.terminal_cues.use_tones = prefs.cue_sound == "tone"
        self.terminal_cues.speech = prefs.speech
        self.terminal_cues.volume = prefs.volume
        if self.terminal_cues.tones is not None:
            self.terminal_cues.tones.volume = prefs.volume

    def watch_theme(self, theme: str) -> None:
        """A theme chosen in the palette is remembered for next time."""
        ctx = getattr(self, "ctx", None)
        if ctx is not None and ctx.settings.current.theme != theme:
            self._update_settings(theme=theme)

    def _update_settings(self, **changes: object) -> bool:
        problem = self.ctx.settings.update(**changes)
        if problem:
            self.notify(problem, severity="error", markup=False)
        return not problem

    def action_toggle_mute(self) -> None:
        """`m`: all sound off or on at once; remembered for next time."""
        sound = not self.ctx.settings.current.sound
        self._update_settings(sound=sound)
        self.notify("Sound on" if sound else "Sound off", timeout=2)

    def on_keep_awake(self, message: KeepAwake) -> None:
        """A workout started or ended: in a browser, the page keeps the screen on meanwhile."""
        self.terminal_cues.keep_awake(message.on)

    @property
    def can_speak(self) -> bool:
        """Whether spoken cues can be heard: the page speaks in a browser, else a program."""
        return self.is_web or self.ctx.speaker.available

    def action_toggle_speech(self) -> None:
        if not self.can_speak:
            self.notify("No speech program found (espeak-ng, espeak, spd-say or say); "
                        "the bell still rings.", timeout=6)
            return
        speech = not self.ctx.settings.current.speech if self.is_web else not self.ctx.speaker.enabled
        self._update_settings(speech=speech)
        self.notify("Spoken cues on" if speech else "Spoken cues off", timeout=2)

    def action_toggle_notifications(self) -> None:
        notifications = not self.ctx.settings.current.notifications
        self._update_settings(notifications=notifications)
        self.notify("Desktop notifications " + ("on" if notifications else "off"), timeout=2)

    # --- screenshots -----------------------------------------------------------------------------

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        """Ctrl+P → Screenshot: into the app's folder (never ~/Downloads, which may not exist,
        nor outside GLUTE_TUI_HOME), and say where."""
        if self.is_web:
            return super().deliver_screenshot(filename, path, time_format)
        folder = Path(path) if path else self.ctx.paths.screenshots_dir
        try:
            folder.mkdir(parents=True, exist_ok=True)
            saved = self.save_screenshot(filename, str(folder), time_format)
        except OSError as exc:
            self.notify(f"Could not save the screenshot in {folder}: {exc.strerror or exc}",
                        title="Screenshot", severity="error", markup=False)
            return None
        self.notify(f"Saved to {saved}", title="Screenshot", timeout=8, markup=False)
        return saved

    # --- plain text: the header and every toast -------------------------------------------------

    def format_title(self, title: str, sub_title: str) -> Content:
        """The Header's line: a screen's sub-title is often a routine's name; never markup
        (Textual's default already takes it as plain text), and controls made visible."""
        return super().format_title(visible(title), visible(sub_title))

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every toast, whoever asks for it: control characters in a message (a path, a
        value quoted from a file) are made visible. Messages holding values from files are
        sent with markup=False; the few with markup are our own words."""
        super().notify(visible(message, keep="\n"), title=visible(title), severity=severity,
                       timeout=timeout, markup=markup)

    # --- messages from other threads -----------------------------------------------------------

    def _report(self, message: str, severity: str, *, title: str = "", timeout: float | None = None) -> None:
        """A service's message to the person, from any thread: a toast, as plain text, titled
        by what it is about (the history's unless said: a sound player's is "Sound")."""
        title = title or ("History" if severity != "error" else "Problem")
        if timeout is None:
            timeout = 12 if severity == "information" else 20
        self._on_app_thread(self.notify, message, title=title, severity=severity, timeout=timeout, markup=False)

    def _on_app_thread(self, callback: Callable[..., object], *args: object, **kwargs: object) -> None:
        try:
            self.call_from_thread(callback, *args, **kwargs)
        except RuntimeError:  # already on the app's thread (or not running yet)
            callback(*args, **kwargs)

    # --- terminal size -------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size.width, event.size.height)

    def _check_size(self, width: int, height: int) -> None:
        self.set_class(too_small(width, height), "-too-small")
        # Below 80x24 the screens drop what can go (hints, the calendar) and keep what is needed.
        self.set_class(width < 80, "-narrow")
        self.set_class(height < 24, "-short")
        self.set_class(width < MIN_WIDTH, "-upright")  # a phone held upright: stacked, not side by side

    # --- leaving: never lose a finished set ----------------------------------------------------

    def _leave_on_signal(self, code: int) -> None:
        """SIGTERM or SIGINT (ui/exit_guard.py): save what was done, then leave cleanly,
        giving the terminal back as it was; the exit code is the shell's for that signal."""
        self.ctx.workouts.stop_running(wait=True)
        self.exit(return_code=code)

    def on_exit_app(self) -> None:
        """Every way out (a key, the web driver's quit when a browser tab is closed or
        reloaded, a driver's own signal handler) saves a workout under way as stopped."""
        self.ctx.workouts.stop_running(wait=True)

    def on_unmount(self) -> None:
        """The last thing the app does (after `on_exit_app`, which has saved a workout when there
        was a way out): no thread of the workout outlives it."""
        self.ctx.workouts.close()

    async def action_quit(self) -> None:
        """Ctrl+Q: during a workout, the question `q` asks (Ctrl+Q again, on the question, leaves
        at once); the workout under way is saved as stopped either way, with the same sets."""
        ask = getattr(self.screen, "ask_to_stop", None)
        if ask is not None and ask(leave_app=True):
            return
        self.ctx.workouts.stop_running(wait=True)
        self.exit()
