"""The running workout: the engine on its clock, and what keeps its sets on disk.

A WorkoutSession owns one run of a routine: the engine (core), the recorder that journals
each finished set and saves the session at the end (store), and the optional phase trace.
The screen sends it commands and shows what it returns; quitting the app from anywhere
(a key, a signal, a closed terminal) asks `Workouts` to stop and save what is running,
without knowing which screen shows it.
"""

from __future__ import annotations

from concurrent.futures import Future
from typing import TYPE_CHECKING, Callable, Mapping

if TYPE_CHECKING:  # loaded by the first workout, not at start
    from glute_tui.core.effort import Pain
    from glute_tui.core.engine import Clock, Event
    from glute_tui.core.plan import Plan
    from glute_tui.core.records import Session
    from glute_tui.core.routines import Routine
    from glute_tui.services.history import HistoryService
    from glute_tui.store.recorder import Recorder, SaveResult
    from glute_tui.store.trace import PhaseTrace

SAVE_WAIT_S = 10.0


class WorkoutSession:
    def __init__(self, routine: Routine, *, counting: str, clock: Clock, history: HistoryService,
                 trace: PhaseTrace | None = None, on_problem: Callable[[str], None] | None = None,
                 jump_s: float | None = None, first_sides: Mapping[str, str] | None = None) -> None:
        from glute_tui.core.engine import WorkoutRun
        from glute_tui.core.plan import build_plan

        self.routine = routine
        # The weaker side goes first while an imbalance lasts (core/coach.py): `first_sides`.
        self.plan: Plan = build_plan(routine, first_sides)
        self.run = WorkoutRun(self.plan, clock, counting=counting, jump_s=jump_s)
        self.clock = clock
        self._history = history
        self._trace = trace
        self._on_problem = on_problem
        self._recorder: Recorder | None = None
        self.saved: Future[SaveResult] | None = None
        self._started_on_clock = 0.0  # the monotonic clock at the start: the session's length is measured on it

    def start(self) -> list[Event]:
        """Open the journal and begin the first step."""
        from glute_tui.core.records import Session, now_iso
        from glute_tui.store.recorder import Recorder

        session = Session(routine=self.routine.id, routine_name=self.routine.name,
                          started_at=now_iso(), ended_at=now_iso(), status="stopped",
                          planned_sets=self.plan.sets_planned)
        self._recorder = Recorder(self._history.history, session, on_problem=self._on_problem)
        self._started_on_clock = self.clock()
        return self.record(self.run.start())

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

    # --- "How was it?" and "Any pain?" ----------------------------------------------------------

    def rating_due(self) -> str:
        """The name of the exercise whose answer is wanted now ('' when none): after its last set,
        while nothing of the next exercise has started."""
        due = self.run.rating_due()
        return self.routine.exercises[due].exercise.name if due is not None else ""

    def rating(self) -> str | None:
        """The answer already given for the exercise whose rating is due, if any."""
        due = self.run.rating_due()
        answers = {r.effort for i, r in self.run.records.items() if self.plan.steps[i].exercise_index == due}
        return next(iter(answers)) if len(answers) == 1 else None

    def rate(self, effort: str | None) -> list[Event]:
        """Answer "How was it?" for the exercise whose rating is due; the journal keeps it."""
        due = self.run.rating_due()
        return self.record(self.run.rate(due, effort)) if due is not None else []

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
        due = self.run.rating_due()
        if effort is not None and due is not None:
            self.run.rate(due, effort)
            done = self.run.done_records()
            from glute_tui.core.records import SetRecord

            session.sets = [SetRecord(**r.to_dict()) for r in done]
        session.pain, session.note = pain, note
        return session

    def save_end_check(self, session: Session) -> bool:
        """Write the session again, with its answers, once its first save is over. Blocks: call
        it from a worker thread. False when it was never saved (nothing was done, or the disk)."""
        assert self.saved is not None
        if not self.saved.result(timeout=SAVE_WAIT_S).saved:
            return False
        return self._history.update(session)

    def next_title(self, index: int) -> str:
        """What the next set is, for the cue of a rest or a get-ready at step `index`."""
        step = self.plan.next_work_after(index)
        return step.title if step is not None else ""

    @property
    def finishing(self) -> bool:
        return self.saved is not None

    def finish(self, status: str) -> Future[SaveResult]:
        """Save the session once (`completed`, or `stopped` with the sets finished so far)."""
        if self.saved is None:
            records = self.run.stop() if status == "stopped" else self.run.done_records()
            assert self._recorder is not None, "finish() before start()"
            from glute_tui.core.records import ended_after

            # From the monotonic clock, not the wall clock: set back two days mid-workout, the
            # wall clock would end the session before it began (and out of today's figures).
            ended_at = ended_after(self._recorder.session.started_at, self.clock() - self._started_on_clock)
            self.saved = self._recorder.finish(status, records, ended_at)
        return self.saved

    def stop_and_save(self, *, wait: bool) -> None:
        """Quit without asking (Ctrl+Q, a signal, a closed terminal): keep every finished set."""
        if self._recorder is None:
            return
        saved = self.finish("stopped")
        if wait:
            try:
                saved.result(timeout=SAVE_WAIT_S)
            except Exception:  # the journal still holds the sets; recovery will find them
                pass


class Workouts:
    """The workout running in this process, if any."""

    def __init__(self, *, clock: Clock, history: HistoryService, trace: PhaseTrace | None = None,
                 jump_s: float | None = None) -> None:
        self.clock = clock
        self.jump_s = jump_s  # a gap in the clock longer than this pauses the workout (None: never)
        self.history = history
        self.trace = trace
        self.current: WorkoutSession | None = None

    def begin(self, routine: Routine, counting: str,
              on_problem: Callable[[str], None] | None = None) -> WorkoutSession:
        self.current = WorkoutSession(routine, counting=counting, clock=self.clock, history=self.history,
                                      trace=self.trace, on_problem=on_problem, jump_s=self.jump_s,
                                      first_sides=self._first_sides(routine))
        return self.current

    def _first_sides(self, routine: Routine) -> dict[str, str]:
        """Each two-sided move's first side, from the history; the left when it cannot be read."""
        try:
            return self.history.first_sides(routine)
        except (OSError, ValueError):  # never keep a workout from starting: left first, as before
            return {}

    def stop_running(self, *, wait: bool) -> None:
        """Stop and save the running workout, if one is under way and not yet saved."""
        session = self.current
        if session is not None and not session.finishing:
            session.stop_and_save(wait=wait)
        elif session is not None and wait and session.saved is not None:
            try:
                session.saved.result(timeout=SAVE_WAIT_S)
            except Exception:
                pass
