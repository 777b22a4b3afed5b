"""The running workout, in one owner: the person's actions and the clock's wake-ups come in, the
engine steps, every finished set is journaled, and the screen is handed what to show and the
cues to play (a `WorkoutUpdate`). The screen only turns keys into calls and updates into widgets.

One name per concept: the `Plan` (core/plan.py) is what a routine becomes, step by step; the
`Workout` (here) is a plan being done now; the `Engine` (core/engine.py) is the Workout's timing
rules; a `Session` (core/records.py) is a workout as saved in the history. The `WorkoutService`
holds the Workout running in this process, so that quitting from anywhere (a key, a signal, a
closed terminal) stops and saves it without knowing which screen shows it.
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Mapping

if TYPE_CHECKING:  # loaded by the first workout, not at start
    from glute_tui.core.cues import Cue
    from glute_tui.core.display import WorkoutDisplay
    from glute_tui.core.effort import Pain
    from glute_tui.core.engine import Clock, Engine, Event
    from glute_tui.core.plan import Plan
    from glute_tui.core.records import Session, SetRecord
    from glute_tui.core.routines import Routine, RoutineExercise
    from glute_tui.services.history import HistoryService
    from glute_tui.store.recorder import Recorder, SaveResult
    from glute_tui.store.trace import PhaseTrace

SAVE_WAIT_S = 10.0
COMPLETED, STOPPED = "completed", "stopped"


@dataclass(frozen=True)
class WorkoutUpdate:
    """What the screen shows and plays after one action or wake-up of the workout."""

    display: WorkoutDisplay
    cues: tuple[Cue, ...] = ()
    tick: bool = False  # the tempo cue: the figure turned in a paced set
    effort_for: str = ""  # the exercise "How was it?" asks about now ('' when none)
    effort: str | None = None  # the answer already given for it
    wake_at: float | None = None  # when to call `Workout.wake()` next (on the workout's clock)
    finished: bool = False  # the workout ended: show the Summary


class Workout:
    """A plan being done now: the engine on its clock, the recorder that journals each finished
    set and saves the session at the end, and the optional phase trace."""

    def __init__(self, routine: Routine, *, counting: str, clock: Clock, history: HistoryService,
                 trace: PhaseTrace | None = None, on_problem: Callable[[str], None] | None = None,
                 jump_s: float | None = None, first_sides: Mapping[str, str] | None = None) -> None:
        from glute_tui.core.engine import Engine
        from glute_tui.core.plan import build_plan

        self.routine = routine
        # The weaker side goes first while an imbalance lasts (core/coach.py): `first_sides`.
        self.plan: Plan = build_plan(routine, first_sides)
        self.engine: Engine = Engine(self.plan, clock, counting=counting, jump_s=jump_s)
        self.clock = clock
        self._history = history
        self._trace = trace
        self._on_problem = on_problem
        self._recorder: Recorder | None = None
        self._shown: WorkoutDisplay | None = None
        self._figure_wake: float | None = None  # when the figure's frame next changes
        self._covered = False  # paused because a screen (help, a question) is over the workout
        self.saved: Future[SaveResult] | None = None
        self.status = ""  # "completed" or "stopped", once finished
        self.elapsed_s = 0.0  # active seconds, once finished
        self._started_on_clock = 0.0  # the monotonic clock at the start: the session's length is measured on it

    # --- the person's actions and the clock's wake-ups -------------------------------------------

    def start(self) -> WorkoutUpdate:
        """Open the journal and begin the first step."""
        from glute_tui.core.records import Session, now_iso

        session = Session(routine=self.routine.id, routine_name=self.routine.name,
                          started_at=now_iso(), ended_at=now_iso(), status=STOPPED,
                          planned_sets=self.plan.sets_planned)
        self._recorder = self._history.recorder(session, on_problem=self._on_problem)
        self._started_on_clock = self.clock()
        return self._update(self.engine.start())

    def wake(self) -> WorkoutUpdate:
        """The clock reached `wake_at`: end what is due, count what was done."""
        return self._update(self.engine.poll())

    def toggle_pause(self) -> WorkoutUpdate:
        self._covered = False
        return self._update(self.engine.toggle_pause())

    def finish_set(self) -> WorkoutUpdate:
        """Enter: finish the set now with the reps counted, or end a rest or the get-ready."""
        return self._update(self.engine.finish_step())

    def adjust_reps(self, delta: int) -> WorkoutUpdate:
        return self._update(self.engine.adjust_reps(delta))

    def skip(self) -> WorkoutUpdate:
        return self._update(self.engine.skip())

    def back(self) -> WorkoutUpdate:
        return self._update(self.engine.back())

    def add_rest(self) -> WorkoutUpdate:
        """`+`: 15 more seconds of a rest, a switch or the get-ready."""
        self.engine.add_rest()  # shown where the person looks: the number, "15 s added", "to go"
        return self._update([])

    def rate(self, effort: str | None) -> WorkoutUpdate:
        """Answer "How was it?" for the exercise whose rating is due; the journal keeps it."""
        due = self.engine.rating_due()
        return self._update(self.engine.rate(due, effort) if due is not None else [])

    def cover(self) -> WorkoutUpdate | None:
        """A screen over the workout (help, the palette, a question): the clock stops, as for
        Space; None when nothing changes (not running, or already paused)."""
        engine = self.engine
        if not engine.started or engine.finished or engine.paused:
            return None
        self._covered = True
        engine.pause()
        return self._update([])

    def uncover(self) -> WorkoutUpdate | None:
        """The screen over it closed: the clock runs again, unless the person had paused it."""
        if not self._covered:
            return None
        self._covered = False
        self.engine.resume()
        return self._update(self.engine.poll())

    def stop(self) -> None:
        """The person stopped the workout: save the sets done so far; the Summary follows."""
        self._covered = False
        self.finish(STOPPED)

    # --- what the screen asks ---------------------------------------------------------------------

    def wake_at(self) -> float | None:
        """The engine's next change, or the figure's next frame when that comes first."""
        wake = self.engine.wakeup_at()
        if wake is None or self._figure_wake is None:
            return wake
        return min(wake, self._figure_wake)

    @property
    def sets_done(self) -> int:
        return self.engine.view().sets_done

    @property
    def sides_apart(self) -> int:
        """Sides of a two-sided set done alone so far: kept if the workout stops now."""
        from glute_tui.core.records import sides_apart

        return sides_apart(self.records)

    @property
    def records(self) -> list[SetRecord]:
        """The finished sets in plan order (answers included): what the session keeps."""
        return self.engine.done_records()

    def can_rate(self) -> bool:
        """Whether "How was it?" can be answered now."""
        return not self.engine.finished and bool(self.rating_due())

    def rating_due(self) -> str:
        """The name of the exercise whose answer is wanted now ('' when none): after its last set,
        while nothing of the next exercise has started."""
        due = self.engine.rating_due()
        return self.routine.exercises[due].exercise.name if due is not None else ""

    def rating(self) -> str | None:
        """The answer already given for the exercise whose rating is due, if any."""
        due = self.engine.rating_due()
        answers = {r.effort for i, r in self.engine.records.items()
                   if r.done and self.plan.steps[i].exercise_index == due}
        return next(iter(answers)) if len(answers) == 1 else None

    def help_item(self) -> RoutineExercise | None:
        """The move help is about: the one under way, or (in a get-ready or a rest) the next."""
        item = self.engine.step.item
        if item is None:
            following = self.plan.next_work_after(self.engine.index)
            item = following.item if following is not None else None
        return item

    def next_title(self, index: int) -> str:
        """What the next set is, for the cue of a rest or a get-ready at step `index`."""
        step = self.plan.next_work_after(index)
        return step.title if step is not None else ""

    # --- stepping ---------------------------------------------------------------------------------

    def _update(self, events: list[Event]) -> WorkoutUpdate:
        """Journal `events`, and say what to show and play now."""
        from glute_tui.core.cues import cues_for
        from glute_tui.core.display import describe, figure_shown
        from glute_tui.core.engine import WorkoutDone

        self.record(events)
        view = self.engine.view()
        following = self.plan.next_work_after(view.index)
        change = figure_shown(view, following).changes_in_s
        self._figure_wake = None if change is None else self.clock() + change
        old, new = self._shown, describe(view, following)
        self._shown = new
        done = any(isinstance(e, WorkoutDone) for e in events)
        if done:
            self.finish(COMPLETED)
        due = self.rating_due() if not self.engine.finished else ""
        return WorkoutUpdate(
            display=new, cues=tuple(cues_for(events, self.next_title)), tick=self._turned(old, new),
            effort_for=due, effort=self.rating() if due else None,
            wake_at=None if self.finishing else self.wake_at(), finished=done)

    def _turned(self, old: WorkoutDisplay | None, new: WorkoutDisplay) -> bool:
        """The figure turned within a running paced set: the moment of the tempo cue."""
        return (old is not None and new.phase == "work" and old.phase == new.phase and old.figure == new.figure
                and old.frame != new.frame and self.engine.counting == "paced" and not new.paused)

    def record(self, events: list[Event]) -> list[Event]:
        """Journal every finished, corrected or dropped set among `events`; returns them."""
        from glute_tui.core.engine import SetCorrected, SetFinished, SetsDropped

        if self._trace is not None:
            self._trace.phases(events, self.clock())
        recorder = self._recorder
        if recorder is not None:
            for event in events:
                if isinstance(event, (SetFinished, SetCorrected)):
                    recorder.set_finished(event.index, event.record)
                elif isinstance(event, SetsDropped):
                    recorder.dropped_from(event.from_index)
        return events

    # --- the end ----------------------------------------------------------------------------------

    @property
    def finishing(self) -> bool:
        return self.saved is not None

    def finish(self, status: str) -> Future[SaveResult]:
        """Save the session once (`completed`, or `stopped` with the sets finished so far)."""
        if self.saved is None:
            records = self.engine.stop() if status == STOPPED else self.engine.done_records()
            assert self._recorder is not None, "finish() before start()"
            from glute_tui.core.records import ended_after

            self.status = status
            self.elapsed_s = self.engine.elapsed()
            # From the monotonic clock, not the wall clock: set back two days mid-workout, the
            # wall clock would end the session before it began (and out of today's figures).
            ended_at = ended_after(self._recorder.session.started_at, self.clock() - self._started_on_clock)
            self.saved = self._recorder.finish(status, records, ended_at)
        return self.saved

    @property
    def length_s(self) -> float:
        """How long the workout took, start to end (pauses included): what History shows of it."""
        session = self.session
        if session is None:
            return max(0.0, self.clock() - self._started_on_clock)
        from glute_tui.core.stats import session_seconds

        return session_seconds(session)

    def stop_and_save(self, *, wait: bool) -> None:
        """Quit without asking (Ctrl+Q, a signal, a closed terminal): keep every finished set."""
        if self._recorder is None:
            return
        saved = self.finish(STOPPED)
        if wait:
            try:
                saved.result(timeout=SAVE_WAIT_S)
            except Exception:  # the journal still holds the sets; recovery will find them
                pass

    def close(self) -> None:
        """Release the recorder's writer thread, saving nothing more (see `Recorder.close`)."""
        if self._recorder is not None:
            self._recorder.close()

    @property
    def session(self) -> Session | None:
        """The session as saved (or being saved) once the workout is over."""
        return self._recorder.session if self._recorder is not None and self.saved is not None else None

    def end_check(self, pain: list[Pain] | None, note: str | None, effort: str | None = None) -> Session | None:
        """The answers given at the end: the last exercise's effort (when it was asked then),
        the pain and the note, put into the saved session; returns it, for `save_end_check`."""
        session = self.session
        if session is None:
            return None
        due = self.engine.rating_due()
        if effort is not None and due is not None:
            self.engine.rate(due, effort)
            from glute_tui.core.records import SetRecord

            session.sets = [SetRecord(**r.to_dict()) for r in self.engine.done_records()]
        session.pain, session.note = pain, note
        return session

    def save_end_check(self, session: Session) -> bool:
        """Write the session again, with its answers, once its first save is over. Blocks: call
        it from a worker thread. False when it was never saved (nothing was done, or the disk)."""
        assert self.saved is not None
        if not self.saved.result(timeout=SAVE_WAIT_S).saved:
            return False
        return self._history.update(session)


class WorkoutService:
    """The workout running in this process, if any."""

    def __init__(self, *, clock: Clock, history: HistoryService, trace: PhaseTrace | None = None,
                 jump_s: float | None = None) -> None:
        self.clock = clock
        self.jump_s = jump_s  # a gap in the clock longer than this pauses the workout (None: never)
        self.history = history
        self.trace = trace
        self.current: Workout | None = None

    def begin(self, routine: Routine, counting: str,
              on_problem: Callable[[str], None] | None = None) -> Workout:
        self.current = Workout(routine, counting=counting, clock=self.clock, history=self.history,
                               trace=self.trace, on_problem=on_problem, jump_s=self.jump_s,
                               first_sides=self._first_sides(routine))
        return self.current

    def _first_sides(self, routine: Routine) -> dict[str, str]:
        """Each two-sided move's first side, from the history; the left when it cannot be read."""
        try:
            return self.history.first_sides(routine)
        except (OSError, ValueError):  # never keep a workout from starting: left first, as before
            return {}

    def close(self) -> None:
        """The app is gone: let the running workout's writer thread end (its journal stays)."""
        if self.current is not None:
            self.current.close()

    def stop_running(self, *, wait: bool) -> None:
        """Stop and save the running workout, if one is under way and not yet saved."""
        workout = self.current
        if workout is not None and not workout.finishing:
            workout.stop_and_save(wait=wait)
        elif workout is not None and wait and workout.saved is not None:
            try:
                workout.saved.result(timeout=SAVE_WAIT_S)
            except Exception:
                pass
