"""The running workout: the engine on its clock, and what keeps its sets on disk.

A WorkoutSession owns one run of a routine: the engine (core), the recorder that journals
each finished set and saves the session at the end (store), and the optional phase trace.
The screen sends it commands and shows what it returns; quitting the app from anywhere
(a key, a signal, a closed terminal) asks `Workouts` to stop and save what is running,
without knowing which screen shows it.
"""

from __future__ import annotations

from concurrent.futures import Future
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # loaded by the first workout, not at start
    from glute_tui.core.engine import Clock, Event
    from glute_tui.core.plan import Plan
    from glute_tui.core.routines import Routine
    from glute_tui.services.history import HistoryService
    from glute_tui.store.recorder import Recorder, SaveResult
    from glute_tui.store.trace import PhaseTrace

SAVE_WAIT_S = 10.0


class WorkoutSession:
    def __init__(self, routine: Routine, *, counting: str, clock: Clock, history: HistoryService,
                 trace: PhaseTrace | None = None, on_problem: Callable[[str], None] | None = None) -> None:
        from glute_tui.core.engine import WorkoutRun
        from glute_tui.core.plan import build_plan

        self.routine = routine
        self.plan: Plan = build_plan(routine)
        self.run = WorkoutRun(self.plan, clock, counting=counting)
        self.clock = clock
        self._history = history
        self._trace = trace
        self._on_problem = on_problem
        self._recorder: Recorder | None = None
        self.saved: Future[SaveResult] | None = None

    def start(self) -> list[Event]:
        """Open the journal and begin the first step."""
        from glute_tui.core.records import Session, now_iso
        from glute_tui.store.recorder import Recorder

        session = Session(routine=self.routine.id, routine_name=self.routine.name,
                          started_at=now_iso(), ended_at=now_iso(), status="stopped",
                          planned_sets=self.plan.sets_planned)
        self._recorder = Recorder(self._history.history, session, on_problem=self._on_problem)
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
            self.saved = self._recorder.finish(status, records)
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

    def __init__(self, *, clock: Clock, history: HistoryService, trace: PhaseTrace | None = None) -> None:
        self.clock = clock
        self.history = history
        self.trace = trace
        self.current: WorkoutSession | None = None

    def begin(self, routine: Routine, counting: str,
              on_problem: Callable[[str], None] | None = None) -> WorkoutSession:
        self.current = WorkoutSession(routine, counting=counting, clock=self.clock, history=self.history,
                                      trace=self.trace, on_problem=on_problem)
        return self.current

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
