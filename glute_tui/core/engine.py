"""Engine: the state machine that steps through a plan on a monotonic clock.

Time is never counted in ticks. Each timed step has a deadline; a step that ends on its
deadline hands that deadline to the next step as its start, so a whole workout ends exactly
when the plan says, however late the screen polls. A pause shifts the deadline by its length.
The clock is injected, so tests move time by hand.

A clock that jumps (the process was stopped, the machine slept) is not time worked: when the
clock has moved more than `jump_s` since the run last looked at it, the run pauses at that last
look (`ClockJumped`), so no rep, hold or rest is counted for the time away.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

from glute_tui.core.effort import EFFORTS, too_fast
from glute_tui.core.plan import DONE, GET_READY, REST, SWITCH, TIMED_KINDS, WORK, Plan, Step
from glute_tui.core.records import SetRecord, sets_done
from glute_tui.core.vocab import Counting

Clock = Callable[[], float]
COUNTING_MODES = tuple(mode.value for mode in Counting)
EPS = 1e-6
REST_EXTENSION_S = 15.0
HOLD_HALFWAY_MIN_S = 20  # a hold shorter than this gets no halfway cue
MAX_REPS = 999
SET_MAX_S = 86_400.0  # a record's seconds: what a saved session (and import) takes
COUNTED, UNCOUNTED = "counted", "uncounted"  # a set under way when the workout stops
SKIPPED_REST_S = 10.0  # a rest after a skipped set: time to get into place, not a full rest
# A paced rep is counted as the person comes back up, a third of a tempo before its end, so the
# last rep is on the screen (and heard) before the set ends, not at the instant the rest begins.
REP_LEAD = 1 / 3


# --- events: what happened, for the screen and for the cues -----------------------------------

@dataclass(frozen=True)
class PhaseStarted:
    index: int
    step: Step
    at: float = 0.0  # the scheduled start on the run's clock (the previous deadline)


@dataclass(frozen=True)
class RepCounted:
    reps: int
    target: int
    side: str  # for alternating sets, the leg of the next rep; else the set's side


@dataclass(frozen=True)
class Countdown:
    seconds_left: int  # 3, 2, 1


@dataclass(frozen=True)
class HoldHalfway:
    step: Step


@dataclass(frozen=True)
class SetFinished:
    index: int  # the plan step the set belongs to
    record: SetRecord


@dataclass(frozen=True)
class SetCorrected:
    index: int
    record: SetRecord


@dataclass(frozen=True)
class SetsDropped:
    from_index: int  # going back: the sets from this step on will be done again


@dataclass(frozen=True)
class WorkoutDone:
    records: tuple[SetRecord, ...]


@dataclass(frozen=True)
class ClockJumped:
    """The clock moved `away_s` seconds between two looks, far more than a tick: the run is
    paused as of the earlier look, and the time away counts for nothing."""

    away_s: float


Event = (PhaseStarted | RepCounted | Countdown | HoldHalfway | SetFinished | SetCorrected
         | SetsDropped | WorkoutDone | ClockJumped)


@dataclass(frozen=True)
class EngineView:
    """Everything the workout screen shows, computed at one instant."""

    index: int
    step: Step
    next_step: Step | None
    remaining_s: float | None
    step_elapsed_s: float
    reps: int | None
    target_reps: int | None
    rep_side: str
    paused: bool
    elapsed_s: float
    planned_s: float
    progress: float
    finished: bool
    sets_done: int
    last_record: SetRecord | None
    away_s: float | None = None  # paused by a jump of the clock: the time away, until resumed
    extra_s: float = 0.0  # seconds `+` added to this step (a rest, a switch, the get-ready)
    to_go_s: float = 0.0  # the time left in the whole workout: this step's real end, then the plan


@dataclass
class _StepState:
    index: int
    start: float
    deadline: float | None
    paused_s: float = 0.0
    adjust: int = 0
    extra_s: float = 0.0
    reps_announced: int = 0
    countdown_announced: int = 4
    halfway_announced: bool = False


@dataclass
class Engine:
    """The timing rules of a running workout (services/workout.py's `Workout` owns it): where in
    the plan it is, what is due when, and what each command changes, as events."""

    plan: Plan
    clock: Clock
    counting: str = "paced"
    records: dict[int, SetRecord] = field(default_factory=dict)
    jump_s: float | None = None  # a gap between two looks at the clock longer than this is a pause

    def __post_init__(self) -> None:
        if self.counting not in COUNTING_MODES:
            raise ValueError(f"counting must be one of {COUNTING_MODES}")
        self._state: _StepState | None = None
        self._started_at: float | None = None
        self._paused_at: float | None = None
        self._paused_total = 0.0
        self._finished_at: float | None = None
        self._stopped = False
        self._seen: float | None = None  # when the run last looked at the clock while running
        self._away_s: float | None = None
        if self.jump_s is not None and not self.jump_s > 0:
            raise ValueError("jump_s must be a number of seconds above 0, or None")

    # --- state ---------------------------------------------------------------------------------

    @property
    def started(self) -> bool:
        return self._state is not None

    @property
    def finished(self) -> bool:
        return self._finished_at is not None

    @property
    def stopped(self) -> bool:
        return self._stopped

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    @property
    def index(self) -> int:
        return self._state.index if self._state else -1

    @property
    def step(self) -> Step:
        return self.plan.steps[max(self.index, 0)]

    def done_records(self) -> list[SetRecord]:
        """The finished sets in plan order: what the record of the session keeps."""
        return [self.records[i] for i in sorted(self.records)]

    def elapsed(self, now: float | None = None) -> float:
        """Active seconds since the start, pauses excluded."""
        if self._started_at is None:
            return 0.0
        now = self._now(now)
        return max(0.0, now - self._started_at - self._paused_total)

    def _now(self, now: float | None = None) -> float:
        if now is None:
            now = self.clock()
        if self._finished_at is not None:
            now = min(now, self._finished_at)
        if self._paused_at is not None:
            now = min(now, self._paused_at)
        return now

    def _step_elapsed(self, now: float) -> float:
        state = self._state
        assert state is not None
        return max(0.0, now - state.start - state.paused_s)

    def _paced_count(self, step: Step, elapsed: float) -> int:
        item = step.item
        assert item is not None and item.reps is not None
        return min(item.reps, int(math.floor(elapsed / item.tempo_s + REP_LEAD + EPS)))

    def _rep_cap(self, target: int | None) -> int:
        """The highest count a set may show: its target in a paced set (the app counted to the
        tempo, nobody did more than it counted), anything up to MAX_REPS when self-paced."""
        if self.counting == Counting.PACED and target is not None:
            return min(target, MAX_REPS)
        return MAX_REPS

    def _current_reps(self, now: float) -> int | None:
        step, state = self.step, self._state
        if state is None or not step.is_work or step.item is None or step.item.is_hold:
            return None
        if self.counting == "paced":
            base = self._paced_count(step, self._step_elapsed(now))
        else:
            base = step.item.reps or 0
        return max(0, min(self._rep_cap(step.item.reps), base + state.adjust))

    # --- commands ------------------------------------------------------------------------------

    def start(self) -> list[Event]:
        """Begin the first step now."""
        if self._state is not None:
            return []
        now = self.clock()
        self._started_at = self._seen = now
        events = self._begin(0, now)
        return events + self._progress_events(now)

    def poll(self) -> list[Event]:
        """Advance to now: end every step whose deadline passed, and report what changed."""
        jumped = self.look()
        if jumped or self._state is None or self.finished or self.paused:
            return jumped
        now = self.clock()
        events: list[Event] = []
        while self._state.deadline is not None and now >= self._state.deadline - EPS and not self.finished:
            deadline = self._state.deadline
            events += self._progress_events(deadline)  # the last rep lands on the deadline
            events += self._end(deadline, skipped=False)
            events += self._begin(self._state.index + 1, deadline)
        events += self._progress_events(now)
        return events

    def look(self) -> list[Event]:
        """Look at the clock: when it moved more than `jump_s` since the last look (the process
        was stopped, the machine slept), pause as of that last look and report the time away.
        Every command looks first, so a key pressed on return counts nothing for the gap."""
        now = self.clock()
        seen, self._seen = self._seen, now
        if (self.jump_s is None or seen is None or self._state is None or self.finished
                or self.paused or now - seen <= self.jump_s):
            return []
        self._paused_at = seen
        self._away_s = now - seen
        return [ClockJumped(now - seen)]

    @property
    def away_s(self) -> float | None:
        """While paused by a jump of the clock: the seconds the app was away."""
        return self._away_s if self.paused else None

    def toggle_pause(self) -> list[Event]:
        jumped = self.look()
        if jumped:  # the key meant "pause": it is paused already, for the time away
            return jumped
        if self.paused:
            self.resume()
        else:
            self.pause()
        return []

    def pause(self) -> None:
        if self.look():
            return
        if self._state is not None and not self.finished and not self.paused:
            self._paused_at = self.clock()

    def resume(self) -> None:
        if self._paused_at is None or self._state is None:
            return
        now = self.clock()
        pause = max(0.0, now - self._paused_at)
        self._paused_at = None
        self._away_s = None
        self._seen = now
        self._paused_total += pause
        self._state.paused_s += pause
        if self._state.deadline is not None:
            self._state.deadline += pause

    def finish_step(self) -> list[Event]:
        """Enter: finish the set now with the reps counted, or end a pause early."""
        return self._move(+1, skipped=False)

    def skip(self) -> list[Event]:
        """`n`: leave the current step; a set left this way is recorded as skipped."""
        return self._move(+1, skipped=True)

    def back(self) -> list[Event]:
        """`b`: go back one step (restart the first); sets from there on are done again."""
        return self._move(-1, skipped=False)

    def adjust_reps(self, delta: int) -> list[Event]:
        """Correct the count of the set under way, or of the set just finished during a pause."""
        jumped = self.look()
        state, step = self._state, self.step
        if jumped or state is None or self.finished:  # a key on return from a gap: see the pause first
            return jumped
        if step.is_work and step.item is not None and not step.item.is_hold:
            current = self._current_reps(self._now()) or 0
            new = max(0, min(self._rep_cap(step.item.reps), current + delta))
            state.adjust += new - current
            return []
        if step.kind in (REST, SWITCH):
            previous = max((i for i in self.records if i < state.index), default=None)
            record = self.records.get(previous) if previous is not None else None
            if record is not None and record.reps is not None and not record.skipped:
                new = max(0, min(self._rep_cap(record.target_reps), record.reps + delta))
                if new != record.reps and previous is not None:
                    record.reps = new
                    record.counted_by = "person"
                    item = self.plan.steps[previous].item
                    record.too_fast = item is not None and too_fast(new, record.seconds, item.tempo_s)
                    return [SetCorrected(previous, record)]
        return []

    def rating_due(self) -> int | None:
        """The exercise (its position in the routine) whose last set was the last one finished,
        while nothing of another exercise has started: the moment to ask "How was it?"."""
        state = self._state
        if state is None:
            return None
        current = self.plan.steps[state.index]
        last = max((i for i in self.records if i < state.index), default=None)
        if last is None or (current.is_work and not self.finished):
            return None
        step = self.plan.steps[last]
        later = any(s.is_work and s.exercise_index == step.exercise_index for s in self.plan.steps[last + 1:])
        if later or not any(r.done for i, r in self.records.items()
                            if self.plan.steps[i].exercise_index == step.exercise_index):
            return None  # nothing of it was done (every set skipped): nothing to ask about
        return step.exercise_index

    def rate(self, exercise_index: int, effort: str | None) -> list[Event]:
        """The answer to "How was it?" for every finished set of one exercise of the routine;
        each changed set is reported again (SetCorrected), so the journal keeps the answer."""
        if effort is not None and effort not in EFFORTS:
            raise ValueError(f"effort must be one of {', '.join(EFFORTS)} or None")
        events: list[Event] = []
        for index in sorted(self.records):
            record = self.records[index]
            if not record.done:  # a skipped set was not felt: it keeps no answer
                continue
            if self.plan.steps[index].exercise_index == exercise_index and record.effort != effort:
                record.effort = effort
                events.append(SetCorrected(index, record))
        return events

    def add_rest(self, seconds: float = REST_EXTENSION_S) -> bool:
        """`+`: stretch a rest (or the get-ready, or a switch) by some seconds."""
        if self.look():
            return False
        state = self._state
        if state is None or self.finished or self.step.kind not in TIMED_KINDS or state.deadline is None:
            return False
        state.deadline += seconds
        state.extra_s += seconds
        state.countdown_announced = 4 if self._remaining(self._now()) > 3 else state.countdown_announced
        return True

    def set_under_way(self) -> str:
        """What stopping now does with the set under way: COUNTED, kept (work in it that somebody
        counted: the app, to the tempo; the seconds of a hold); UNCOUNTED, left out (a self-paced
        set of reps is counted by the person with Enter or ↑↓: before either, nobody said how many
        were done, so it is not saved as its target); or "" (no work under way, or none yet)."""
        state, step = self._state, self.step
        if state is None or self.finished or not step.is_work or step.item is None or self.index in self.records:
            return ""
        now = self._now()
        if step.item.is_hold:
            return COUNTED if self._step_elapsed(now) >= 0.01 else ""
        if self.counting != "paced" and state.adjust == 0:
            return UNCOUNTED
        return COUNTED if self._current_reps(now) else ""

    def keeps_set_under_way(self) -> bool:
        return self.set_under_way() == COUNTED

    def stop(self) -> list[SetRecord]:
        """Quit halfway, by any way out: the sets finished so far are the record, and so is a
        set under way that was counted (set_under_way: its reps or seconds so far, as Enter
        would keep them); any other set under way is left out, neither done nor skipped."""
        self.look()
        if self._state is not None and not self.finished:
            now = self._now()
            if self.keeps_set_under_way():
                self._end(now, skipped=False)
            self._paused_at = None
            self._finished_at = now
            self._stopped = True
        return self.done_records()

    # --- internals -----------------------------------------------------------------------------

    def _move(self, direction: int, *, skipped: bool) -> list[Event]:
        jumped = self.look()
        if jumped or self._state is None or self.finished:  # a key on return from a gap: see the pause first
            return jumped
        was_paused = self.paused
        self.resume()
        now = self.clock()
        events: list[Event] = []
        rest_s: float | None = None
        if direction > 0:
            ended = self._end(now, skipped=skipped)
            events += ended
            target = self._state.index + 1
            if any(isinstance(e, SetFinished) and e.record.skipped for e in ended):
                rest_s = SKIPPED_REST_S  # no full rest after a set that was not done
        else:
            target = max(0, self._state.index - 1)
            dropped = [i for i in self.records if i >= target]
            for index in dropped:
                del self.records[index]
            if dropped:
                events.append(SetsDropped(target))
        events += self._begin(target, now, rest_s=rest_s)
        if was_paused and not self.finished:
            self._paused_at = now
        elif not self.finished:
            events += self._progress_events(now)  # a short phase starts inside its last seconds
        return events

    def _end(self, now: float, *, skipped: bool) -> list[Event]:
        state, step = self._state, self.step
        assert state is not None
        if not step.is_work or step.item is None:
            return []
        item = step.item
        elapsed = self._step_elapsed(now)
        fast = False
        if item.is_hold:
            reps, hold = None, round(min(elapsed, float(item.hold_s or 0)), 2)
            counted_by = "app"
        else:
            reps, hold = self._current_reps(now), None
            counted_by = "app" if self.counting == "paced" and state.adjust == 0 else "person"
        if not (reps or hold):  # finished before the first rep (or second of a hold): not a set done
            skipped = True
        if not item.is_hold:
            fast = counted_by == "person" and not skipped and too_fast(reps, elapsed, item.tempo_s)
        record = SetRecord(
            exercise=item.id,
            side=step.side,
            set=step.set_no,
            target_reps=item.reps,
            reps=reps,
            hold_s=hold,
            load=str(item.load),
            seconds=round(min(elapsed, SET_MAX_S), 3),  # a set left running for days: a day at most
            skipped=skipped,
            counted_by=counted_by,
            too_fast=fast,
        )
        self.records[state.index] = record
        return [SetFinished(state.index, record)]

    def _begin(self, index: int, start: float, *, rest_s: float | None = None) -> list[Event]:
        index = min(index, len(self.plan.steps) - 1)
        step = self.plan.steps[index]
        if step.kind == DONE:
            self._state = _StepState(index, start, None)
            self._finished_at = start
            return [PhaseStarted(index, step, start), WorkoutDone(tuple(self.done_records()))]
        timed = step.kind in TIMED_KINDS or (step.is_work and (
            self.counting == "paced" or (step.item is not None and step.item.is_hold)))
        deadline = start + step.duration_s if timed else None
        if deadline is not None and step.kind == REST and rest_s is not None and rest_s < step.duration_s:
            deadline = start + rest_s
        self._state = _StepState(index, start, deadline)
        return [PhaseStarted(index, step, start)]

    def _remaining(self, now: float) -> float:
        state = self._state
        if state is None or state.deadline is None:
            return math.inf
        return max(0.0, state.deadline - now)

    def _progress_events(self, now: float) -> list[Event]:
        state, step = self._state, self.step
        assert state is not None
        events: list[Event] = []
        if self.finished:
            return events
        item = step.item
        if step.is_work and item is not None and not item.is_hold and self.counting == "paced":
            count = self._paced_count(step, self._step_elapsed(now))
            if count > state.reps_announced:
                state.reps_announced = count
                events.append(RepCounted(self._current_reps(now) or 0, item.reps or 0,
                                         rep_side(step, count + 1)))
        if step.is_work and item is not None and item.is_hold and (item.hold_s or 0) >= HOLD_HALFWAY_MIN_S:
            if not state.halfway_announced and self._step_elapsed(now) >= (item.hold_s or 0) / 2 - EPS:
                state.halfway_announced = True
                events.append(HoldHalfway(step))
        if state.deadline is not None and (step.kind in TIMED_KINDS or (item is not None and item.is_hold)):
            left = math.ceil(self._remaining(now) - EPS)
            if 1 <= left <= 3 and left < state.countdown_announced:
                state.countdown_announced = left
                events.append(Countdown(left))
        return events

    # --- what to show, and when it next changes ------------------------------------------------

    def view(self) -> EngineView:
        now = self._now()
        state = self._state
        index = state.index if state else 0
        step = self.plan.steps[index]
        following = self.plan.steps[index + 1] if index + 1 < len(self.plan.steps) else None
        step_elapsed = self._step_elapsed(now) if state else 0.0
        remaining = self._remaining(now) if state and state.deadline is not None else None
        if remaining is None and not state and step.duration_s:
            remaining = step.duration_s
        reps = self._current_reps(now) if state else None
        target = step.item.reps if step.is_work and step.item and not step.item.is_hold else None
        planned = self.plan.total_s
        before = sum(s.duration_s for s in self.plan.steps[:index])
        after = sum(s.duration_s for s in self.plan.steps[index + 1:])
        if remaining is not None:  # a timed step ends on its deadline: +15 s, a short rest, a pause
            within, step_left = step_elapsed, remaining
        else:  # self-paced: the plan's guess of its length
            within, step_left = min(step_elapsed, step.duration_s), max(0.0, step.duration_s - step_elapsed)
        to_go = 0.0 if self.finished else step_left + after
        whole = before + within + to_go  # the plan as it now stands: +15 s makes it longer
        progress = 1.0 if self.finished and not self._stopped else (
            (before + within) / whole if whole else 0.0)
        count = reps if reps is not None else 0
        last = self.records[max(self.records)] if self.records else None
        return EngineView(
            index=index, step=step, next_step=following,
            remaining_s=remaining, step_elapsed_s=step_elapsed,
            reps=reps, target_reps=target, rep_side=rep_side(step, count + 1),
            paused=self.paused, elapsed_s=self.elapsed(now), planned_s=planned,
            progress=max(0.0, min(1.0, progress)), finished=self.finished,
            sets_done=sets_done(self.records.values()), last_record=last, away_s=self.away_s,
            extra_s=state.extra_s if state else 0.0, to_go_s=to_go,
        )

    def wakeup_at(self) -> float | None:
        """The next instant at which anything shown or announced changes; None while idle."""
        state = self._state
        if state is None or self.finished or self.paused:
            return None
        now = self.clock()
        candidates: list[float] = []
        origin = state.start + state.paused_s
        step_elapsed = self._step_elapsed(now)
        candidates.append(origin + math.floor(step_elapsed + EPS) + 1)  # the step's running second
        assert self._started_at is not None
        candidates.append(self._started_at + self._paused_total + math.floor(self.elapsed(now) + EPS) + 1)
        if state.deadline is not None:
            candidates.append(state.deadline)
            left = self._remaining(now)
            candidates.append(state.deadline - (math.ceil(left - EPS) - 1))
        item = self.step.item
        if self.step.is_work and item is not None and not item.is_hold and self.counting == "paced":
            count = self._paced_count(self.step, step_elapsed)
            candidates.append(origin + (count + 1 - REP_LEAD) * item.tempo_s)
        if self.step.is_work and item is not None and item.is_hold and not state.halfway_announced:
            candidates.append(origin + (item.hold_s or 0) / 2)
        future = [c for c in candidates if c > now + EPS]
        return min(future) if future else now + 1.0


def rep_side(step: Step, rep_number: int) -> str:
    """The leg of a rep: alternating sets start on the left."""
    if step.side != "alternate":
        return step.side
    return "left" if rep_number % 2 == 1 else "right"


__all__ = [
    "COUNTING_MODES", "ClockJumped", "Clock", "Countdown", "Event", "HoldHalfway", "PhaseStarted", "RepCounted",
    "EngineView", "SetCorrected", "SetFinished", "SetsDropped", "WorkoutDone", "Engine", "rep_side", "GET_READY", "WORK",
]
