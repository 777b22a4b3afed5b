"""Realistic made-up histories, for tests, screenshots and benchmarks (never for a person's data).

About three sessions a week with missed weeks, the built-in routines, reps near their targets,
the odd skipped set, loads that climb, and the European UTC offset of the date (+01:00 in
winter, +02:00 in summer), so streaks cross DST changes and year ends.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, time, timedelta, timezone
from typing import Iterator

from glute_tui.core.plan import build_plan
from glute_tui.core.records import Session, SetRecord
from glute_tui.core.routines import Routine
from glute_tui.store.routine_files import builtin_routines

LOADS = ["bodyweight", "band:light", "band:medium", "band:heavy", "kg:4", "kg:6", "kg:8"]


def _offset(day: date) -> timezone:
    summer = date(day.year, 3, 29) <= day < date(day.year, 10, 25)
    return timezone(timedelta(hours=2 if summer else 1))


def make_sessions(count: int, *, end: date, seed: int = 7, sets_per_session: int | None = None,
                  routines: list[Routine] | None = None, since: date | None = None) -> list[Session]:
    """`count` sessions ending on or before `end`, oldest first.

    `since`: all of them on or after that day, several a day when there are more sessions
    than days (the benchmarks' 100,000 sessions fit the years an import accepts)."""
    return list(iter_sessions(count, end=end, seed=seed, sets_per_session=sets_per_session,
                              routines=routines, since=since))


def iter_sessions(count: int, *, end: date, seed: int = 7, sets_per_session: int | None = None,
                  routines: list[Routine] | None = None, since: date | None = None) -> Iterator[Session]:
    """`make_sessions`, one at a time (a history of 100,000 is not held)."""
    rng = random.Random(seed)
    routines = routines or builtin_routines()
    plans = [build_plan(r) for r in routines]
    days: list[date] = []
    day = end
    span = (end - since).days + 1 if since else 0
    if since and count > span * 0.4:  # more sessions than days: spread evenly, many a day
        days = [since + timedelta(days=i * span // count) for i in range(count)]
        days.reverse()
    while len(days) < count:
        if rng.random() < 0.08:  # a missed week now and then
            day -= timedelta(days=7)
        if rng.random() < 0.45:
            days.append(day)
            if rng.random() < 0.1 and len(days) < count:
                days.append(day)  # twice on one day
        day -= timedelta(days=1)
    days.reverse()
    for index, day in enumerate(days):
        plan = plans[0] if rng.random() < 0.6 else rng.choice(plans)
        level = min(len(LOADS) - 1, index * len(LOADS) // max(1, count))
        start = datetime.combine(day, time(rng.choice([6, 7, 12, 18, 19, 21]), rng.randrange(60)),
                                 tzinfo=_offset(day))
        steps = plan.work_steps
        if sets_per_session is not None:
            steps = [steps[i % len(steps)] for i in range(sets_per_session)]
        load = LOADS[level] if rng.random() < 0.85 else "bodyweight"  # one load a session, as people do
        records = []
        elapsed = 0.0
        stopped = rng.random() < 0.07
        for number, step in enumerate(steps):
            if stopped and number > len(steps) // 2:
                break
            item = step.item
            skipped = rng.random() < 0.03
            if item.is_hold:
                reps, hold = None, float(item.hold_s if not skipped else 0)
            else:
                reps, hold = (0 if skipped else max(0, (item.reps or 0) + rng.choice([-2, -1, 0, 0, 0, 1]))), None
            seconds = step.duration_s + rng.uniform(-3, 3)
            elapsed += seconds + item.rest_s
            records.append(SetRecord(item.id, step.side, step.set_no, item.reps, reps, hold, load,
                                     round(max(1.0, seconds), 1), skipped))
        yield (Session(
            routine=plan.routine.id, routine_name=plan.routine.name,
            started_at=start.isoformat(timespec="seconds"),
            ended_at=(start + timedelta(seconds=elapsed)).isoformat(timespec="seconds"),
            status="stopped" if stopped else "completed", sets=records,
            id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            planned_sets=plan.sets_planned if sets_per_session is None else None,
        ))


def done_as_planned(routine: Routine, started: datetime, *, effort: str | None = "right",
                    reps: dict[str, dict[str, int]] | None = None, pain: list | None = None,
                    status: str = "completed", first_sides: dict[str, str] | None = None) -> Session:
    """A session of `routine` started at `started` (aware), every set done at its target and
    counted by the person, each answered `effort`; `reps` overrides a side's reps a set
    (exercise id -> side ("none", "left", "right", "alternate") -> reps). For tests and scenes
    that need a history over weeks (the coach's 2-for-2 needs a session before this one)."""
    records = []
    for step in build_plan(routine, first_sides).work_steps:
        item = step.item
        assert item is not None
        done = (reps or {}).get(item.id, {}).get(step.side, item.reps)
        records.append(SetRecord(item.id, step.side, step.set_no, item.reps, None if item.is_hold else done,
                                 float(item.hold_s) if item.is_hold else None, str(item.load),
                                 step.duration_s, effort=effort, counted_by="person"))
    return Session(routine=routine.id, routine_name=routine.name, started_at=started.isoformat(timespec="seconds"),
                   ended_at=(started + timedelta(minutes=25)).isoformat(timespec="seconds"), status=status,
                   sets=records, id=str(uuid.uuid4()), pain=pain)


def yesterday_with_pain(routine: Routine, *, now: datetime | None = None, weak_side: str = "right",
                        weak_reps: int = 8) -> Session:
    """The session of `routine` a person did a day before `now` (the real time by default: the
    Summary judges a workout against the days before it), every set done and felt right, the
    `weak_side` of each two-sided move short at `weak_reps`, and the right knee 3/10 after.
    For scenes: today's pain growing from 3 refers, and the sides are measured over two sessions."""
    from glute_tui.core.effort import Pain

    start = (now or datetime.now().astimezone()) - timedelta(days=1)  # the day before `now`
    records = []
    for step in build_plan(routine).work_steps:
        item = step.item
        reps = None if item.is_hold else (weak_reps if step.side == weak_side else item.reps)
        records.append(SetRecord(item.id, step.side, step.set_no, item.reps, reps,
                                 float(item.hold_s) if item.is_hold else None, str(item.load),
                                 step.duration_s, effort="right", counted_by="person"))
    return Session(routine=routine.id, routine_name=routine.name,
                   started_at=start.isoformat(timespec="seconds"),
                   ended_at=(start + timedelta(minutes=8)).isoformat(timespec="seconds"),
                   status="completed", sets=records, pain=[Pain("knee", "right", 3)],
                   planned_sets=build_plan(routine).sets_planned)
