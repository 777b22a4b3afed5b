"""The coach: advice for each exercise of a routine from the history over weeks, not one session.

The rules, in the order they are checked (each piece of advice says which one decided):

1. Pain (core/pain.py): a referral for an area and side the move loads -> `refer`; pain above
   the threshold (default 3 of 10) there in the newest pain check -> `hold` (stay, or the
   gentler alternative that spares the area).
2. Time off (since the exercise was last done): 8 weeks or more -> back to the level of 8 weeks
   before the break; 4 weeks or more -> one step back; 2 weeks or more -> no step up.
3. "Hard" or "could not finish" two sessions in a row -> one step back.
4. The newest session: not met, pressed through faster than the tempo, felt hard, or with no
   answer to "How was it?" -> stay.
5. Sides: for a two-sided move judged per side, an imbalance (the weaker side more than 10%
   below the stronger, over the last 3 sessions) -> stay (one target serves both sides, and the
   stronger side's must not grow), the weaker side first.
6. Two sessions in a row at the same target met, each felt easy or right (the strength
   coaches' "2-for-2" rule), else stay.
7. At most one step up per exercise in any 7 days.
8. A step up that led to a step back twice within 8 weeks is not offered again the same way:
   another lever instead (one more set, a slower tempo, the next variation).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Iterable, Mapping

from glute_tui.core.effort import EFFORT_LABELS, HARD_EFFORTS, PAIN_THRESHOLD, Pain
from glute_tui.core.format import plural
from glute_tui.core.ladder import Ladder, Level, level
from glute_tui.core.pain import GUIDANCE, Referral, current_pain, referrals, sore_for
from glute_tui.core.plan import build_plan
from glute_tui.core.progression import (
    BACK,
    HOLD,
    REFER,
    STAY,
    UP,
    Advice,
    SideAdvice,
    next_step,
    other_lever,
    previous_step,
    step_text,
)
from glute_tui.core.records import Session, SetRecord
from glute_tui.core.results import ExerciseResult, summarize
from glute_tui.core.routines import Exercise, Load, Routine, RoutineExercise

NO_STEP_UP_AFTER = timedelta(days=14)
STEP_BACK_AFTER = timedelta(days=28)
RESET_AFTER = timedelta(weeks=8)
STEP_UP_EVERY = timedelta(days=7)
FAILED_STEP_WINDOW = timedelta(weeks=8)
IMBALANCE_SHARE = 0.10  # the weaker side more than 10% below the stronger
IMBALANCE_SESSIONS = 3
SIDES = ("left", "right")


@dataclass(frozen=True)
class Entry:
    """One session's work on one exercise, as the coach reads it."""

    session: Session
    load: Load
    amount: float  # the target reps a set (a hold: the seconds held)
    sets: int
    result: ExerciseResult  # judged against the routine's current target
    records: tuple[SetRecord, ...]

    @property
    def started(self) -> datetime:
        return self.session.started

    @property
    def level(self) -> Level:
        return level(self.load, self.amount)

    @property
    def effort(self) -> str | None:
        return self.result.effort

    @property
    def good(self) -> bool:
        """Met honestly (each side, for a two-sided move), every set felt easy or right."""
        return self.result.met_honestly and self.result.all_good


@dataclass(frozen=True)
class Imbalance:
    """One side weaker than the other by more than 10% over the last sessions of a move."""

    exercise_id: str
    weaker: str
    stronger: str
    weaker_amount: float
    stronger_amount: float
    unit: str  # "reps" | "s"
    sessions: int

    @property
    def share(self) -> float:
        """How far the weaker side is below the stronger: 0.59 for 7 against 17."""
        return 1 - self.weaker_amount / self.stronger_amount if self.stronger_amount else 0.0

    @property
    def text(self) -> str:
        over = "the last session" if self.sessions == 1 else f"the last {self.sessions} sessions"
        return (f"{self.weaker} {self._amount(self.weaker_amount)} vs {self.stronger} "
                f"{self.stronger_amount:g} over {over} ({self.share:.0%} less): {self.weaker} goes first")

    def _amount(self, amount: float) -> str:
        """`1 rep`, `3 reps`, `2.5 reps`, `20 s`."""
        unit = "rep" if self.unit == "reps" and amount == 1 else self.unit
        return f"{amount:g} {unit}"


@dataclass(frozen=True)
class Coaching:
    """Everything the coach says about a routine as of a moment."""

    as_of: datetime
    session: Session | None  # the newest session of the routine that did any work
    advice: list[Advice]
    imbalances: dict[str, Imbalance] = field(default_factory=dict)
    first_sides: dict[str, str] = field(default_factory=dict)
    referrals: list[Referral] = field(default_factory=list)

    def for_exercise(self, exercise_id: str) -> Advice | None:
        return next((a for a in self.advice if a.exercise_id == exercise_id), None)


# --- reading the history --------------------------------------------------------------------------

def counted(sessions: Iterable[Session], now: datetime | None = None) -> list[Session]:
    """The sessions that did any work and started by `now` (None: all), oldest first."""
    return sorted((s for s in sessions if s.counts and (now is None or s.started <= now)),
                  key=lambda s: (s.started, s.id))


def _load_of(records: list[SetRecord], fallback: Load) -> Load:
    for record in records:
        try:
            return Load.parse(record.load)
        except ValueError:
            continue
    return fallback


def entries(item: RoutineExercise, sessions: list[Session], *, held_targets: bool = False) -> list[Entry]:
    """`item`'s exercise in each of `sessions` (oldest first) that did it, oldest first. Each is
    judged against the targets it had (its sets' `target_reps` and load, as recorded). A hold's
    target is not recorded: it is judged against `item`'s, or with `held_targets` against the
    longest it was held that session (a hold ends by itself at its target)."""
    found = []
    for session in sessions:
        records = [r for r in session.sets if r.exercise == item.id]
        done = [r for r in records if r.done]
        if not done:
            continue
        load = _load_of(done, item.load)
        sets = max(r.set for r in records)
        if session.status != "completed":  # a stopped workout may have dropped its last sets
            sets = max(sets, item.sets)
        if item.is_hold:
            amount = max(r.hold_s or 0.0 for r in done)
            then = replace(item, load=load, sets=sets,
                           hold_s=max(1, int(amount)) if held_targets else item.hold_s)
        else:
            amount = float(max(r.target_reps or r.reps or 0 for r in done))
            then = replace(item, load=load, sets=sets, reps=max(1, int(amount)))
        plan = build_plan(Routine(id="-", name="-", exercises=(then,)))
        found.append(Entry(session, load, amount, max(r.set for r in records),
                           summarize(plan, records)[0], tuple(records)))
    return found


def at_session_targets(item: RoutineExercise, entry: Entry) -> RoutineExercise:
    """`item` at the targets of one session (for advice as it would have been that day)."""
    return replace(_level_at(item, entry), sets=entry.sets)


def side_amounts(item: RoutineExercise, entry: Entry) -> dict[str, float]:
    """Reps (or seconds held) per side over the sets done on both sides in one session."""
    by_set: dict[int, dict[str, float]] = {}
    for record in entry.records:
        if record.done and record.side in SIDES:
            amount = (record.hold_s or 0.0) if item.is_hold else float(record.reps or 0)
            by_set.setdefault(record.set, {})[record.side] = amount
    paired = [sides for sides in by_set.values() if len(sides) == 2]
    return {side: sum(s[side] for s in paired) for side in SIDES}


def imbalance_of(item: RoutineExercise, found: list[Entry]) -> Imbalance | None:
    """The weaker side over the last 3 sessions of a move done on each side in turn, when it is
    more than 10% below the stronger; None when balanced (or not a two-sided move)."""
    if item.side_mode != "both":
        return None
    totals = {side: 0.0 for side in SIDES}
    used = 0
    for entry in reversed(found):
        amounts = side_amounts(item, entry)
        if not any(amounts.values()):
            continue
        for side in SIDES:
            totals[side] += amounts[side]
        used += 1
        if used == IMBALANCE_SESSIONS:
            break
    weaker, stronger = sorted(SIDES, key=lambda side: (totals[side], side != "right"))
    if not used or totals[weaker] >= totals[stronger] * (1 - IMBALANCE_SHARE):
        return None
    return Imbalance(item.id, weaker, stronger, totals[weaker], totals[stronger],
                     "s" if item.is_hold else "reps", used)


def imbalance(item: RoutineExercise, sessions: Iterable[Session], *, now: datetime | None = None) -> Imbalance | None:
    """The imbalance of `item`'s exercise over its last 3 sessions among `sessions` (History)."""
    ordered = counted(sessions, now)
    return imbalance_of(item, entries(item, ordered))


def first_sides(routine: Routine, sessions: Iterable[Session], *, now: datetime | None = None) -> dict[str, str]:
    """For each two-sided move of `routine`: the side each set starts with next time (the
    weaker one while an imbalance lasts, else the left)."""
    ordered = counted(sessions, now)
    sides = {}
    for item in routine.exercises:
        if item.side_mode == "both":
            found = imbalance_of(item, entries(item, ordered))
            sides[item.id] = found.weaker if found else "left"
    return sides


# --- the rules --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Context:
    """What the rules need besides one exercise's entries."""

    now: datetime
    routine: Routine
    loads: Mapping[str, Iterable[str]]
    catalogue: Mapping[str, Exercise]
    ladder: Ladder
    pains: list[Pain]
    referrals: list[Referral]
    threshold: int = PAIN_THRESHOLD

    def loaded(self, exercise_id: str) -> frozenset[str]:
        return frozenset(self.loads.get(exercise_id, ()))

    @property
    def taken(self) -> list[str]:
        return [item.id for item in self.routine.exercises]


def _sides_used(item: RoutineExercise) -> tuple[str, ...]:
    return SIDES if item.side_mode == "both" else ("none",)


def _pain_advice(item: RoutineExercise, ctx: Context) -> Advice | None:
    """Refer or hold, when pain says so; None when it does not."""
    loaded = ctx.loaded(item.id)
    sides = _sides_used(item)
    for referral in ctx.referrals:
        if any(referral.covers(area, side) for area in loaded for side in sides):
            return Advice(item.id, REFER, f"{referral.label}: {referral.why}. {GUIDANCE}", item,
                          alternative=_sparing(item, [Pain(referral.area, referral.side)], ctx),
                          referral=referral)
    sore = [p for side in sides for p in sore_for(ctx.pains, loaded, side, ctx.threshold)]
    if not sore:
        return None
    where = ", ".join(dict.fromkeys(p.label for p in sore))
    why = (f"{where} hurt more than {ctx.threshold}/10 and this move loads it: hold until it settles "
           f"(pain-monitoring). {GUIDANCE}")
    return Advice(item.id, HOLD, why, item, alternative=_sparing(item, sore, ctx))


def _sparing(item: RoutineExercise, sore: list[Pain], ctx: Context) -> Exercise | None:
    """The move's gentler alternative, when it spares every sore area."""
    alternative = ctx.catalogue.get(item.exercise.alternative)
    if alternative is None or {p.area for p in sore} & ctx.loaded(alternative.id):
        return None
    return alternative


def _level_at(item: RoutineExercise, entry: Entry) -> RoutineExercise:
    """`item` at the level one session did."""
    if item.is_hold:
        return replace(item, load=entry.load, hold_s=max(5, int(entry.amount)))
    return replace(item, load=entry.load, reps=max(1, int(entry.amount)))


def _gap_advice(item: RoutineExercise, found: list[Entry], ctx: Context) -> Advice | None:
    last = found[-1]
    gap = ctx.now - last.started
    if gap < NO_STEP_UP_AFTER:
        return None
    weeks, days = gap.days // 7, gap.days
    back = previous_step(item, ctx.ladder)
    if gap >= RESET_AFTER:
        before = [e for e in found if e.started <= last.started - RESET_AFTER]
        then = before[-1] if before else found[0]
        target = _level_at(item, then)
        if back is not None and level(back.load, back.reps or back.hold_s or 0) < level(target.load, target.reps or target.hold_s or 0):
            target = back
        why = (f"{weeks} weeks without it (last on {last.started.date()}): back to the level of 8 weeks "
               f"before the break ({then.started.date()}), strength fades over a long break")
        return Advice(item.id, BACK, why, item, target) if target != item else Advice(item.id, STAY, why, item)
    if gap >= STEP_BACK_AFTER:
        why = f"{weeks} weeks without it (last on {last.started.date()}): one step back to come back safely"
        return Advice(item.id, BACK, why, item, back) if back is not None else Advice(
            item.id, STAY, why + ", already at the lowest step", item)
    return Advice(item.id, STAY, f"{days} days without it (last on {last.started.date()}): no step up until "
                                 "two sessions back at this level", item)


def _hard_twice(item: RoutineExercise, found: list[Entry], ctx: Context) -> Advice | None:
    if len(found) < 2:
        return None
    last, before = found[-1], found[-2]
    if last.effort not in HARD_EFFORTS or before.effort not in HARD_EFFORTS:
        return None
    if last.started - before.started >= NO_STEP_UP_AFTER:
        return None
    why = f"{EFFORT_LABELS[last.effort]} after {EFFORT_LABELS[before.effort]} last time: two in a row"
    back = previous_step(item, ctx.ladder)
    if back is None:
        return Advice(item.id, STAY, why + ", already at the lowest step", item)
    return Advice(item.id, BACK, why, item, back)


def _latest_stays(item: RoutineExercise, result: ExerciseResult, ctx: Context) -> str:
    """Why the newest session alone keeps the target where it is ('' when it does not)."""
    if not result.met_target:
        return f"not met: {', '.join(result.missed)}"
    if result.too_fast:
        return (f"{plural(result.too_fast, 'set')} done faster than the {item.tempo_s:g} s tempo "
                "allows: not counted as met")
    if result.effort == "hard":
        return "felt hard: stay here; twice in a row suggests a step back"
    if result.effort == "failed":
        return "could not finish: stay here; twice in a row suggests a step back"
    if not result.all_good:
        if result.app_counted:
            return "no answer to \"How was it?\": the app's count alone cannot tell"
        return "no answer to \"How was it?\""
    if any(p.area == "other" and p.above(ctx.threshold) for p in ctx.pains):
        return "pain reported (other): no step up until it is gone"
    return ""


def _at_target(item: RoutineExercise, entry: Entry) -> bool:
    amount = item.hold_s if item.is_hold else item.reps
    return entry.load == item.load and entry.sets == item.sets and entry.amount >= float(amount or 0)


def _two_for_two(item: RoutineExercise, found: list[Entry]) -> str:
    """'' when the last two sessions in a row were at this target, met, easy or right; else why not."""
    last = found[-1]
    if not _at_target(item, last):
        return "met; the routine's target has changed since: one more session at it first"
    if len(found) < 2:
        return "met and felt right: one more session like this earns the step up (2-for-2)"
    before = found[-2]
    if last.started - before.started >= NO_STEP_UP_AFTER or not _at_target(item, before) or not before.good:
        felt = EFFORT_LABELS[last.effort or "right"]
        return f"met, felt {felt}: one more session like this earns the step up (2-for-2: two in a row)"
    return ""


def _raised(before: Entry, after: Entry) -> bool:
    if after.level != before.level:
        return after.level > before.level
    both_whole = before.session.status == after.session.status == "completed"
    return both_whole and after.sets > before.sets


def last_step_up(found: list[Entry]) -> Entry | None:
    """The first session at the newest raised level (a step up taken), or None."""
    for before, after in zip(reversed(found[:-1]), reversed(found[1:])):
        if _raised(before, after):
            return after
    return None


def _week_limit(found: list[Entry], ctx: Context) -> str:
    stepped = last_step_up(found)
    if stepped is None or ctx.now - stepped.started >= STEP_UP_EVERY:
        return ""
    again = (stepped.started + STEP_UP_EVERY).date()
    return f"met twice, but stepped up on {stepped.started.date()}: at most one step up a week (next from {again})"


def failed_steps(found: list[Entry], target: Level, now: datetime) -> bool:
    """Whether the step up to `target` led to a step back twice within 8 weeks (two step backs
    from it no more than 8 weeks apart, the newer within the last 16 weeks): then it is not
    offered again the same way."""
    recent = [e for e in found if now - e.started <= 2 * FAILED_STEP_WINDOW]
    backs = [b.started for a, b in zip(recent, recent[1:]) if a.level == target and b.level < target]
    return any(later - earlier <= FAILED_STEP_WINDOW for earlier, later in zip(backs, backs[1:]))


def _step_up(item: RoutineExercise, found: list[Entry], ctx: Context, why_up: str) -> Advice:
    after = next_step(item, ctx.ladder, catalogue=ctx.catalogue, taken=ctx.taken)
    if after is None:
        return _lever(item, ctx, "already at the top of its ladder", why_up)
    if after.id == item.id:
        target = level(after.load, (after.hold_s if after.is_hold else after.reps) or 0)
        if failed_steps(found, target, ctx.now):
            return _lever(item, ctx, f"{step_text(item, after)} led to a step back twice in 8 weeks", why_up)
    return Advice(item.id, UP, why_up, item, after, lever="variation" if after.id != item.id else "")


def _lever(item: RoutineExercise, ctx: Context, reason: str, why_up: str) -> Advice:
    found = other_lever(item, ctx.ladder, ctx.catalogue, ctx.taken)
    if found is None:
        return Advice(item.id, STAY, f"{why_up}; {reason}, and no other lever is left: stay here", item)
    lever, after = found
    instead = {"sets": "one more set instead", "tempo": "a slower tempo instead",
               "variation": "the next variation instead"}[lever]
    return Advice(item.id, UP, f"{why_up}; {reason}: {instead}", item, after, lever=lever)


def _decide(item: RoutineExercise, found: list[Entry], ctx: Context, weak: Imbalance | None) -> Advice:
    """The advice for one exercise (see the module's doc for the order of the rules)."""
    if not found:
        return Advice(item.id, STAY, "not done yet", item)
    for rule in (_pain_advice(item, ctx), _gap_advice(item, found, ctx), _hard_twice(item, found, ctx)):
        if rule is not None:
            return rule
    last = found[-1]
    stays = _latest_stays(item, last.result, ctx)
    if not stays and weak is not None:
        stays = f"{weak.weaker} side weaker ({weak.text}): the target stays until the sides are within 10%"
    stays = stays or _two_for_two(item, found) or _week_limit(found, ctx)
    if stays:
        return Advice(item.id, STAY, stays, item)
    felt = EFFORT_LABELS[last.effort or "right"]
    return _step_up(item, found, ctx, f"met twice in a row, felt {felt} (2-for-2)")


def _side_advice(item: RoutineExercise, advice: Advice, last: Entry | None, ctx: Context,
                 weak: Imbalance | None) -> tuple[SideAdvice, ...]:
    if item.side_mode not in ("both", "alternate") or last is None or not last.result.per_side:
        return ()
    sides = []
    for result in last.result.per_side:
        kind, why = _one_side(item, advice, result, ctx, weak)
        sides.append(SideAdvice(result.side, result.met_honestly, result.effort, result.reps_done,
                                result.hold_done_s, kind, why))
    return tuple(sides)


def _one_side(item: RoutineExercise, advice: Advice, result: ExerciseResult, ctx: Context,
              weak: Imbalance | None) -> tuple[str, str]:
    """One side's advice: pain and referrals by side, its own "met", the stronger side not raised."""
    if advice.kind == REFER and advice.referral is not None:
        if any(advice.referral.covers(area, result.side) for area in ctx.loaded(item.id)):
            return REFER, advice.why
        return STAY, "the other side is to be seen first: one target serves both sides"
    if advice.kind == HOLD:
        if sore_for(ctx.pains, ctx.loaded(item.id), result.side, ctx.threshold):
            return HOLD, advice.why
        return STAY, "the other side hurts: one target serves both sides"
    if not result.met_target:
        return STAY, f"not met: {', '.join(result.amount_missed()) or 'sets missed'}"
    if weak is not None and result.side == weak.stronger and advice.kind != BACK:
        return STAY, "the stronger side: not raised while the other side catches up"
    return advice.kind, advice.why


def coach(routine: Routine, sessions: Iterable[Session], *, now: datetime,
          loads: Mapping[str, Iterable[str]] | None = None, catalogue: Mapping[str, Exercise] | None = None,
          ladder: Ladder | None = None, threshold: int = PAIN_THRESHOLD, as_done: bool = False) -> Coaching:
    """The advice for each exercise of `routine` as of `now`, from `sessions` (any order, any
    routines: an exercise's history and pain are the person's, whatever routine they did).
    `as_done`: start from the targets each exercise's newest session had, not the routine's
    (the advice as it would have been that day: `suggest --as-of`)."""
    ordered = counted(sessions, now)
    everything = [s for s in sessions if s.started <= now]
    ctx = Context(now, routine, loads or {}, catalogue or {}, ladder or Ladder(),
                  current_pain(everything, now=now), referrals(everything, now=now, threshold=threshold),
                  threshold)
    advice, imbalances, firsts = [], {}, {}
    for item in routine.exercises:
        found = entries(item, ordered, held_targets=as_done)
        if as_done and found:
            item = at_session_targets(item, found[-1])
        weak = imbalance_of(item, found)
        one = _decide(item, found, ctx, weak)
        if weak is not None:
            imbalances[item.id] = weak
        first = (weak.weaker if weak else "left") if item.side_mode == "both" else None
        if first is not None:
            firsts[item.id] = first
        advice.append(replace(one, sides=_side_advice(item, one, found[-1] if found else None, ctx, weak),
                              weaker_side=weak.weaker if weak else None, first_side=first))
    newest = next((s for s in reversed(ordered) if s.routine == routine.id), None)
    return Coaching(now, newest, advice, imbalances, firsts, ctx.referrals)


# --- the older entry points, on the coach -----------------------------------------------------------

def advise_from_history(routine: Routine, sessions: list[Session], *,
                        loads: Mapping[str, Iterable[str]] | None = None,
                        catalogue: Mapping[str, Exercise] | None = None,
                        now: datetime | None = None, ladder: Ladder | None = None) -> tuple[Session | None, list[Advice]]:
    """The advice after the newest session of `routine` among `sessions` (as of the end of that
    session unless `now` says otherwise); (None, []) when there is none."""
    ordered = counted(sessions, now)
    newest = next((s for s in reversed(ordered) if s.routine == routine.id), None)
    if newest is None:
        return None, []
    when = now or datetime.fromisoformat(newest.ended_at)
    found = coach(routine, sessions, now=when, loads=loads, catalogue=catalogue, ladder=ladder)
    return found.session, found.advice


def advise(routine: Routine, results: Iterable[ExerciseResult], *,
           pain: Iterable[Pain] | None = None, loads: Mapping[str, Iterable[str]] | None = None,
           previous_effort: Mapping[str, str | None] | None = None,
           catalogue: Mapping[str, Exercise] | None = None) -> list[Advice]:
    """Advice from one workout's `results` alone (no history: the 2-for-2 rule cannot be met,
    so never a step up). What the Summary shows until the history is read; `coach` is the whole."""
    by_id = {r.exercise_id: r for r in results}
    previous_effort = previous_effort or {}
    ctx = Context(datetime.now().astimezone(), routine, loads or {}, catalogue or {}, Ladder(),
                  list(pain or []), [])
    advice = []
    for item in routine.exercises:
        result = by_id.get(item.id)
        if result is None or not result.sets_done:
            advice.append(Advice(item.id, STAY, "not done this time", item))
            continue
        one = (_pain_advice(item, ctx) or _hard_after(item, result, previous_effort.get(item.id), ctx)
               or Advice(item.id, STAY, _latest_stays(item, result, ctx)
                         or "met and felt right: one more session like this earns the step up (2-for-2)", item))
        advice.append(one)
    return advice


def _hard_after(item: RoutineExercise, result: ExerciseResult, previous: str | None, ctx: Context) -> Advice | None:
    effort = result.effort
    if effort not in HARD_EFFORTS or previous not in HARD_EFFORTS:
        return None
    why = f"{EFFORT_LABELS[effort]} after {EFFORT_LABELS[previous]} last time: two in a row"
    back = previous_step(item, ctx.ladder)
    return Advice(item.id, BACK, why, item, back) if back is not None else Advice(
        item.id, STAY, why + ", already at the lowest step", item)

