"""The workout: what to do now, how many reps or seconds, which leg, what comes next.

Timing: no ticking interval. After every change the screen sets one timer for the engine's
next change (a deadline, a rep, the next displayed second), so a phase ends on its deadline,
not up to a tick late, and nothing is repainted unless what it shows has changed.
"""

from __future__ import annotations

import gc

from textual import events
from textual.app import ComposeResult
from textual.content import Content
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Static

from glute_tui.core.display import PROGRESS_STEPS, WorkoutDisplay, phase_word
from glute_tui.core.engine import COUNTED, UNCOUNTED
from glute_tui.core.format import plural
from glute_tui.core.records import and_sides
from glute_tui.core.routines import Routine
from glute_tui.services.workout import WorkoutUpdate
from glute_tui.ui import keys
from glute_tui.ui.context import AppContext
from glute_tui.ui.plain import plain
from glute_tui.ui.terminal_cues import CueFlash, KeepAwake
from glute_tui.ui.textual_compat import timer_delay
from glute_tui.ui.widgets.big_number import BigNumber
from glute_tui.ui.widgets.big_text import BigText
from glute_tui.ui.widgets.cells import CellLines
from glute_tui.ui.widgets.effort_prompt import EffortChoices, EffortPrompt
from glute_tui.ui.widgets.key_footer import KeyFooter
from glute_tui.ui.widgets.move_figure import FIGURE_MIN_SCREEN, MoveFigure
from glute_tui.ui.widgets.progress_line import ProgressLine
from glute_tui.ui.widgets.too_small import TooSmall
from glute_tui.ui.widgets.touch_bar import TouchBar
from glute_tui.ui.widgets.truecolor import OwnColours, RgbHorizontal, RgbVertical

# By touch the captions name the buttons, not the keys.
TOUCH_WORDS = (("Enter", "tap Done"), ("↑↓", "Rep ±"), ("+ adds 15 s", "+15 s adds more"))
ROOMY_HEIGHT = 30  # from here on, the phase word, the leg and the form cues have room
PORTRAIT_WIDTH = 60  # narrower than this (and tall): a phone; everything stacked
NOT_THE_WORKOUT = (Header, KeyFooter, TouchBar, TooSmall)  # a click there does not pause


def for_touch(text: str) -> str:
    """A caption as read by touch: `Enter to start now` -> `tap Done to start now`."""
    for key, button in TOUCH_WORDS:
        text = text.replace(key, button)
    return text


def layout_for(width: int, height: int) -> str:
    """The screen's arrangement for a terminal of this size: compact, roomy or portrait."""
    if width < PORTRAIT_WIDTH and height >= ROOMY_HEIGHT:
        return "portrait"
    return "roomy" if height >= ROOMY_HEIGHT else "compact"


def stop_buttons(kept: int) -> tuple[str, str]:
    """The question's buttons: "Stop and save" only when there is something to save."""
    return ("Stop and save" if kept else "Stop", "Keep going")


class WorkoutScreen(OwnColours, Screen[None]):
    # its own lines, behind everything, skip the colour filter and its equal rows are one object
    # (ui/widgets/truecolor.py)
    CSS_PATH = "workout.tcss"  # loaded when the screen is first shown, not at start
    BINDINGS = keys.WORKOUT

    shown: var[WorkoutDisplay | None] = var(None)
    COLLECT_AFTER_S = 1.0  # after a change of phase: its restyle and flash are over

    def __init__(self, ctx: AppContext, routine: Routine, counting: str = "paced") -> None:
        super().__init__()
        if gc.get_freeze_count():  # the app froze start-up's objects (ui/app.py): a collection
            # walks only what came later, a few ms. Home's garbage is freed before the workout's
            # widgets are made, and they reuse its memory: 0.4 MB less at the peak, at 200x60.
            gc.collect()
        self.ctx = ctx
        self.routine = routine
        self.workout = ctx.workouts.begin(routine, counting, on_problem=self._disk_problem)
        self._timer: Timer | None = None
        self._flash_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with RgbVertical(id="banner"):
            yield Static("", id="phase-title", markup=False)
            yield Static("", id="phase-detail", markup=False)
        yield Static("", id="side", markup=False)
        with RgbHorizontal(id="words"):
            yield BigText("", largest=5, id="phase-word")
            yield BigText("", largest=5, id="leg")
        with RgbHorizontal(id="middle"):
            yield BigNumber(id="number")
            yield MoveFigure(id="figure")
        yield Static("", id="caption", markup=False)
        yield EffortPrompt(id="effort")
        if self.ctx.touch:  # by touch only: in a terminal the keys answer, and these never show
            yield EffortChoices(id="effort-choices")
        yield Static("", id="form-cues", markup=False)
        yield Static("", id="next", markup=False)
        yield ProgressLine(PROGRESS_STEPS, id="progress")
        yield CellLines(id="clock")  # each second, only the changed digits are repainted
        if self.ctx.touch:
            yield TouchBar(id="touch-bar")
        yield KeyFooter(compact=True, show_command_palette=False)
        yield TooSmall("Make the window larger; the workout keeps running.")

    def on_resize(self, event: events.Resize) -> None:
        self._arrange(*event.size)

    def _arrange(self, width: int, height: int) -> None:
        layout = layout_for(width, height)
        for name in ("compact", "roomy", "portrait"):
            self.set_class(name == layout, f"-{name}")
        room = width >= FIGURE_MIN_SCREEN[0] and height >= FIGURE_MIN_SCREEN[1] and layout != "portrait"
        self.query_one(MoveFigure).display = room  # below 80x24 the number keeps the room

    def on_click(self, event: events.Click) -> None:
        """A tap or click on the workout (not on the header, a key in the footer or the touch
        bar) pauses or resumes: from a mat, a phone's whole screen is the pause button."""
        widget = event.widget
        if widget is None or any(isinstance(node, NOT_THE_WORKOUT) for node in (widget, *widget.ancestors)):
            return
        self.action_toggle_pause()

    def on_mount(self) -> None:
        self.sub_title = self.routine.name
        self.set_class(self.ctx.touch, "-touch")  # in the browser: the touch bar, not the Footer
        self._arrange(*self.app.size)  # before the first frame, not after its Resize
        self.ctx.settings_changed.subscribe(self, lambda prefs: self._show_clock())
        self.app.post_message(KeepAwake(True))  # the page keeps the phone's screen on till the end
        self._show(self.workout.start())

    # --- a screen on top (Help, the palette, a question) pauses the workout -------------------

    def on_screen_suspend(self) -> None:
        """Help, the command palette or a question over the workout: the clock stops, as for
        Space, and starts again when it closes (unless the person had paused it)."""
        update = self.workout.cover()
        if update is not None:
            self._show(update)

    def on_screen_resume(self) -> None:
        update = self.workout.uncover()
        if update is not None:
            self._show(update)

    def _disk_problem(self, message: str) -> None:
        """From the writer thread: say so at once, the person may want to free some space."""
        self.app.call_from_thread(self.notify, message, title="Saving", severity="error", timeout=15)

    # --- the workout's updates -------------------------------------------------------------------

    def wake(self) -> None:
        """The clock reached the workout's next change; the timer calls it, and tests may."""
        self._show(self.workout.wake())

    def wake_unseen(self) -> WorkoutUpdate:
        """A change on the way to a later moment (a test's clock moved on by minutes, waking
        the workout at each change): its cues play now, at their moment; `catch_up` draws the
        screen once, where the last change leaves it. Drawing each one would restyle the screen
        at every phase on the way, for states nobody sees."""
        update = self.workout.wake()
        self._play(update)
        return update

    def catch_up(self, last: WorkoutUpdate) -> None:
        """Show the last of the changes woken by `wake_unseen` (their cues were played)."""
        self._show(last, play=False)

    def _play(self, update: WorkoutUpdate) -> None:
        self.ctx.cues.play(update.cues)
        if update.tick:
            self.ctx.cues.turn()  # the tempo cue: a tick at each turn of the move

    def _show(self, update: WorkoutUpdate, play: bool = True) -> None:
        """Play the update's cues, show what it shows, and wake at its next change."""
        if play:
            self._play(update)
        self.shown = update.display
        self._show_effort_prompt(update)
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if update.finished:
            self._to_summary()
        elif update.wake_at is not None:
            self._timer = self.set_timer(timer_delay(update.wake_at - self.ctx.clock()), self.wake)

    def on_cue_flash(self, message: CueFlash) -> None:
        """A change of phase: the whole screen flashes in the phase's colour, briefly."""
        classes = [f"-flash-{kind}" for kind in ("go", "switch", "rest", "done", "get-ready")]
        flash = self.ctx.flash_s > 0
        # One restyle for the old flash off and the new one on: each is a pass over every widget.
        self.update_classes({name: flash and name == f"-flash-{message.kind}" for name in classes})
        if not flash:
            return
        if self._flash_timer is not None:
            self._flash_timer.stop()
        self._flash_timer = self.set_timer(self.ctx.flash_s, lambda: self.remove_class(*classes))

    # --- what is shown -------------------------------------------------------------------------

    def _show_effort_prompt(self, update: WorkoutUpdate) -> None:
        """Asked during the rest (or switch) after an exercise's last set; never in the way of
        the timer: a line on the screen, answered or not."""
        prompt = self.query_one("#effort", EffortPrompt)
        if update.effort_for:
            prompt.ask(update.effort_for, update.effort, touch=self.ctx.touch)
            if self.ctx.touch:
                self.query_one("#effort-choices", EffortChoices).ask(update.effort)
        else:
            prompt.hide()
            if self.ctx.touch:
                self.query_one("#effort-choices", EffortChoices).hide()

    def watch_shown(self, old: WorkoutDisplay | None, new: WorkoutDisplay | None) -> None:
        if new is None:
            return

        def changed(name: str) -> bool:
            return old is None or getattr(old, name) != getattr(new, name)
        if changed("phase") or changed("paused"):
            self._show_state(new, phase_changed=changed("phase"), paused_changed=changed("paused"))
        if changed("title") or changed("paused"):
            title = f"PAUSED · {new.title}" if new.paused else new.title
            self.query_one("#phase-title", Static).update(plain(title))
        if changed("detail") or changed("paused") or changed("paused_note"):
            how = "Tap Resume" if self.ctx.touch else "Space to resume"
            resume = f"{new.paused_note} · {how}" if new.paused_note else how
            detail = resume if new.paused else new.detail
            self.query_one("#phase-detail", Static).update(plain(detail))
        if changed("side"):
            self.query_one("#side", Static).update(plain(new.side))
        self.query_one("#phase-word", BigText).update(phase_word(new))
        self.query_one("#leg", BigText).update(new.leg)
        self.set_class(not new.leg, "-no-leg")
        if changed("number"):
            self.query_one("#number", BigNumber).value = new.number
        if changed("caption"):
            self.query_one("#caption", Static).update(plain(self._caption(new.caption)))
        if changed("cues"):
            self.query_one("#form-cues", Static).update(Content("\n").join(plain(f"• {c}") for c in new.cues))
        if changed("figure") or changed("frame"):
            self.query_one(MoveFigure).show(new.figure, new.frame)
        if changed("next_text"):
            self.query_one("#next", Static).update(plain(new.next_text))
        if changed("progress"):
            self.query_one("#progress", ProgressLine).update(progress=new.progress)
        if changed("clock"):  # every second: a repaint of the characters that changed
            self._show_clock()

    def _show_state(self, new: WorkoutDisplay, *, phase_changed: bool, paused_changed: bool) -> None:
        """A new phase, or paused / resumed: the screen's classes, the clock line and keys."""
        phases = ("get-ready", "work", "switch-sides", "rest", "done")  # one restyle for all:
        self.update_classes(  # each is a pass over the screen's widgets
            {**{f"-{phase}": new.phase == phase for phase in phases}, "-paused": new.paused})
        self._show_clock()  # and the touch bar's Pause / Resume
        if paused_changed:
            self.refresh_bindings()  # the footer's Space: Pause or Resume
        if phase_changed and gc.get_freeze_count():
            # The workout's making, then each change of phase (a restyle of every widget, a
            # flash), leaves garbage in cycles (about 1,900 objects at the start, at 200x60):
            # freed once it is over, its memory serves what comes next, 0.25 MB less at the
            # peak of a rest at 200x60. Start-up's objects are frozen (ui/app.py): a few ms.
            self.set_timer(self.COLLECT_AFTER_S, gc.collect)

    def _caption(self, caption: str) -> str:
        return for_touch(caption) if self.ctx.touch else caption

    def _show_clock(self) -> None:
        """The running clock, and a lasting sign while the sound is off."""
        shown = self.shown
        if shown is None:
            return
        muted = " · SOUND OFF (m)" if self.ctx.cues.muted else ""
        self.query_one("#clock", CellLines).set_lines((shown.clock + muted,))
        if self.ctx.touch:  # each second: no search for a bar a terminal does not have
            self.query_one(TouchBar).show(paused=shown.paused, muted=self.ctx.cues.muted)

    # --- actions -------------------------------------------------------------------------------

    def action_toggle_pause(self, now: str = "") -> None:
        """`now`: "pause" or "resume", the binding that said so (the footer's word); a tap, "" """
        self._show(self.workout.toggle_pause())

    def action_finish(self) -> None:
        self._show(self.workout.finish_set())

    def action_reps(self, delta: int) -> None:
        self._show(self.workout.adjust_reps(delta))

    def action_skip(self) -> None:
        self._show(self.workout.skip())

    def action_back(self) -> None:
        self._show(self.workout.back())

    def action_add_rest(self) -> None:
        self._show(self.workout.add_rest())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "effort":
            return self.workout.can_rate()
        if action == "toggle_pause" and parameters:  # Space's two words: the one that is true now
            paused = self.shown is not None and self.shown.paused
            return parameters == (("resume",) if paused else ("pause",))
        return True

    def action_effort(self, effort: str) -> None:
        self._show(self.workout.rate(effort))  # journaled there

    def action_help(self) -> None:
        from glute_tui.ui.dialogs.help import HelpScreen

        self.app.push_screen(HelpScreen(self.ctx.library.catalogue, self.routine, current=self.workout.help_item(),
                                        screen="Workout"))

    def action_quit_workout(self) -> None:
        """Asks first; the question pauses the workout like any screen on top of it."""
        self.ask_to_stop(leave_app=False)

    def ask_to_stop(self, *, leave_app: bool) -> bool:
        """`q` and Ctrl+Q ask the same question and keep the same work (the sets done, and the
        reps of a set under way); after Ctrl+Q the app closes once the workout is saved.
        False when there is nothing left to ask about (the workout is already being saved)."""
        from glute_tui.ui.dialogs.confirm import Confirm

        if self.workout.finishing:
            return False

        def decided(stop: bool | None) -> None:
            if not stop or self.workout.finishing:
                return
            if leave_app:  # saved before the app closes; no Summary to show (it would mount as the app goes)
                if self._timer is not None:
                    self._timer.stop()
                self.workout.stop_and_save(wait=True)
                self.app.post_message(KeepAwake(False))
                self.app.exit()
                return
            self.workout.stop()
            self._to_summary()

        done, sides = self.workout.sets_done, self.workout.sides_apart
        set_under_way = self.workout.engine.set_under_way()
        under_way = set_under_way == COUNTED
        kept = " and the set under way" if under_way else ""
        so_far = f"{plural(done, 'set')}{and_sides(sides)}" if done else f"{plural(sides, 'side')} of a set"
        text = (f"The {so_far} done so far{kept} will be saved to your history." if done or sides
                else "The set under way will be saved to your history." if under_way
                else "No set is done yet, so nothing will be saved.")
        if set_under_way == UNCOUNTED:
            text += " (The set under way is left out: Enter first to keep it, ↑↓ to say its reps.)"
        self.app.push_screen(Confirm("Stop this workout?", text, *stop_buttons(done + sides + under_way)), decided)
        return True

    # --- the end -------------------------------------------------------------------------------

    def _to_summary(self) -> None:
        from glute_tui.ui.screens.summary import SummaryScreen

        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.app.post_message(KeepAwake(False))  # (the screen itself is about to go)
        self.app.switch_screen(SummaryScreen(self.ctx, self.workout))
