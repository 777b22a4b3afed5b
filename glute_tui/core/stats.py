"""Streaks, totals and bests, from the sessions, as of a given day.

The rules (the History screen and `glute-tui stats` share them):
- A session *counts* when at least one of its sets was done (not skipped, reps or hold > 0).
- A session's day is the date of `started_at` in the UTC offset it was recorded with (where
  the person was), never converted to this machine's zone.
- Daily streak: consecutive days with a counted session. The current one ends on `as_of`, or
  on the day before when `as_of` has none yet: a day is not lost until it is over.
- Weekly streak: consecutive ISO weeks (Monday first) with at least `weekly_goal` counted
  sessions. The current one includes this week once it meets the goal, else ends last week.
- Only sessions on or before `as_of` are taken into account.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, Iterable

from glute_tui.core.effort import EFFORTS, PAIN_AREAS, PAIN_SIDES, Pain
from glute_tui.core.format import format_duration
from glute_tui.core.records import Session, sets_done
from glute_tui.core.routines import BANDS, Load

HEATMAP_WEEKS = 26


def session_day(session: Session) -> date:
    return datetime.fromisoformat(session.started_at).date()


def session_seconds(session: Session) -> float:
    """How long a session took, start to end: the length every screen and command shows."""
    try:
        seconds = (datetime.fromisoformat(session.ended_at)
                   - datetime.fromisoformat(session.started_at)).total_seconds()
    except ValueError:
        return 0.0
    return max(0.0, seconds)


def session_minutes(session: Session) -> float:
    return session_seconds(session) / 60


def session_row(session: Session) -> tuple[str, ...]:
    """Date, routine, time taken, sets done/planned, reps, status: a session in a table.

    Sets are counted from what was saved with the session (`Session.sets_done` and
    `sets_planned`), never against the routine as it is now."""
    reps = sum(r.reps or 0 for r in session.sets if r.done)
    return (session.when, session.routine_name, format_duration(session_seconds(session)),
            f"{session.sets_done}/{session.sets_planned}", str(reps), session.status)


SHORT_SIDE = {"left": "L", "right": "R", "both": "L+R"}


def session_felt(session: Session) -> str:
    """The hardest answer to "How was it?" in a session (`—` when none was given)."""
    given = [e for e in session.efforts().values() if e is not None]
    return max(given, key=EFFORTS.index) if given else "—"


def session_pain(session: Session) -> str:
    """`R knee, L hip`; `none` when the person said no pain; '' when not asked (version 1)."""
    if session.pain is None:
        return ""
    if not session.pain:
        return "none"
    return ", ".join(f"{SHORT_SIDE[p.side]} {PAIN_AREAS[p.area]}" for p in session.pain)


def week_start(day: date) -> date:
    """The Monday of `day`'s ISO week."""
    return day - timedelta(days=day.weekday())


def _runs(starts: list[date], step: timedelta) -> list[tuple[date, int]]:
    """Runs of consecutive values (sorted, distinct): (last value, length)."""
    runs: list[tuple[date, int]] = []
    for value in starts:
        if runs and value - runs[-1][0] == step:
            runs[-1] = (value, runs[-1][1] + 1)
        else:
            runs.append((value, 1))
    return runs


def _current(runs: list[tuple[date, int]], *ends: date) -> int:
    by_end = dict(runs)
    for end in ends:
        if end in by_end:
            return by_end[end]
    return 0


@dataclass(frozen=True)
class LoadPoint:
    day: date
    reps: int  # reps in the session; for a timed hold, seconds held
    load: str  # the heaviest load of the session


@lru_cache(maxsize=1024)  # a history repeats a few loads a million times
def load_rank(text: str) -> tuple[int, float]:
    """Body weight, then bands light to heavy, then kilograms: heavier sorts later."""
    try:
        load = Load.parse(text)
    except ValueError:
        return (0, 0.0)
    if load.kind == "band":
        return (1, float(BANDS.index(load.band)))
    return (2, load.kg) if load.kind == "kg" else (0, 0.0)


@dataclass
class Stats:
    as_of: date
    weekly_goal: int
    sessions: int = 0
    counted_sessions: int = 0
    current_daily_streak: int = 0
    longest_daily_streak: int = 0
    current_weekly_streak: int = 0
    longest_weekly_streak: int = 0
    this_week: int = 0
    total_reps: int = 0
    total_hold_s: float = 0.0
    total_minutes: float = 0.0
    reps_by_exercise: dict[str, int] = field(default_factory=dict)
    best_set_by_exercise: dict[str, int] = field(default_factory=dict)
    sides_by_exercise: dict[str, dict[str, int]] = field(default_factory=dict)
    work_by_day: dict[date, int] = field(default_factory=dict)  # sets done per day
    progress_by_exercise: dict[str, list[LoadPoint]] = field(default_factory=dict)  # the last PROGRESS_KEEP
    # exercise -> {easy, right, hard, failed, none}: one answer per session that did it
    effort_by_exercise: dict[str, dict[str, int]] = field(default_factory=dict)
    # area -> {left, right, both}: sessions that reported pain there
    pain_by_area: dict[str, dict[str, int]] = field(default_factory=dict)
    pain_by_day: dict[date, list[Pain]] = field(default_factory=dict)  # for the pain calendar
    # exercise -> its timed holds (only those done at least once as a hold)
    holds_by_exercise: dict[str, "Holds"] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "sessions": self.sessions,
            "counted_sessions": self.counted_sessions,
            "weekly_goal": self.weekly_goal,
            "current_daily_streak": self.current_daily_streak,
            "longest_daily_streak": self.longest_daily_streak,
            "current_weekly_streak": self.current_weekly_streak,
            "longest_weekly_streak": self.longest_weekly_streak,
            "this_week": self.this_week,
            "total_reps": self.total_reps,
            "total_hold_s": round(self.total_hold_s, 1),
            "total_minutes": round(self.total_minutes, 1),
            "reps_by_exercise": dict(sorted(self.reps_by_exercise.items())),
            "best_set_by_exercise": dict(sorted(self.best_set_by_exercise.items())),
            "sides_by_exercise": {k: v for k, v in sorted(self.sides_by_exercise.items())},
            "effort_by_exercise": dict(sorted(self.effort_by_exercise.items())),
            "pain_by_area": {area: self.pain_by_area.get(area, _no_pain()) for area in PAIN_AREAS},
        }

    def pain_sides(self) -> dict[str, int]:
        """Reports of pain on each side, all areas together ("both" counts on each)."""
        sides = {"left": 0, "right": 0}
        for counts in self.pain_by_area.values():
            sides["left"] += counts["left"] + counts["both"]
            sides["right"] += counts["right"] + counts["both"]
        return sides


def _no_pain() -> dict[str, int]:
    return {side: 0 for side in PAIN_SIDES}


def _no_efforts() -> dict[str, int]:
    return {answer: 0 for answer in (*EFFORTS, "none")}


def compute(sessions: Iterable[Session], as_of: date, weekly_goal: int = 1) -> Stats:
    builder = StatsBuilder(as_of, weekly_goal)
    for session in sorted(sessions, key=lambda s: s.started_at):
        builder.add(session)
    return builder.finish()


# --- a session's figures as plain data ---------------------------------------------------------
# What a session adds to the figures, whatever `as_of` and the weekly goal: a *bucket* of sums
# and bests that add up (a day's, a year's), plain JSON so that the history's index
# (store/history_index.py) can keep a year's and never parse its sessions again. Every path to
# the figures (a year from the index, a session just read) goes through these, so they agree.
#
# bucket: {"n": sessions, "c": counted, "sets": sets done, "sec": seconds, "reps": reps,
#          "hold": seconds held, "ex": {exercise: EX}, "eff": {exercise: {effort|none: n}},
#          "pain": {area: {side: n}}}
# EX: [reps, best, left, right, sided, hold_total, best_hold, best_reps, held]
_REPS, _BEST, _LEFT, _RIGHT, _SIDED, _HOLD, _BEST_HOLD, _BEST_REPS, _HELD = range(9)
PROGRESS_KEEP = 30  # the points kept per exercise: what the progress dialog shows


def empty_bucket() -> dict[str, Any]:
    return {"n": 0, "c": 0, "sets": 0, "sec": 0.0, "reps": 0, "hold": 0.0, "ex": {}, "eff": {}, "pain": {}}


@dataclass
class SessionFigures:
    """One session's part of the figures: its bucket, its progress points (exercise, amount,
    heaviest load) and its pains; `day` decides whether it counts as of a day."""
    day: date
    bucket: dict[str, Any]
    progress: list[tuple[str, int, str]]
    pains: list[tuple[str, str, int | None]]  # area, side, severity


def session_figures(session: Session) -> SessionFigures:
    bucket = empty_bucket()
    bucket["n"] = 1
    pains = [(p.area, p.side, p.severity) for p in session.pain or ()]
    for area, side, _severity in pains:
        bucket["pain"].setdefault(area, {})
        bucket["pain"][area][side] = bucket["pain"][area].get(side, 0) + 1
    done = [r for r in session.sets if r.done]
    progress: list[tuple[str, int, str]] = []
    if done:
        bucket["c"] = 1
        bucket["sets"] = sets_done(done)
        bucket["sec"] = session_seconds(session)
        ex: dict[str, list[Any]] = bucket["ex"]
        session_reps: dict[str, int] = {}
        session_load: dict[str, str] = {}
        for record in done:
            reps = record.reps or 0
            bucket["reps"] += reps
            bucket["hold"] += record.hold_s or 0
            entry = ex.get(record.exercise)
            if entry is None:
                entry = ex[record.exercise] = [0, 0, 0, 0, 0, 0.0, 0.0, 0, 0]
            entry[_REPS] += reps
            amount = reps if record.reps is not None else int(record.hold_s or 0)
            session_reps[record.exercise] = session_reps.get(record.exercise, 0) + amount
            heaviest = session_load.get(record.exercise)
            if heaviest is None or load_rank(record.load) > load_rank(heaviest):
                session_load[record.exercise] = record.load
            entry[_BEST] = max(entry[_BEST], amount)
            if record.side in ("left", "right"):
                entry[_SIDED] = 1
                entry[_LEFT if record.side == "left" else _RIGHT] += reps
            elif record.side == "alternate":  # alternating legs start on the left
                entry[_SIDED] = 1
                entry[_LEFT] += math.ceil(reps / 2)
                entry[_RIGHT] += reps // 2
            if record.reps is None:
                entry[_HELD] = 1
                entry[_HOLD] += record.hold_s or 0
                entry[_BEST_HOLD] = max(entry[_BEST_HOLD], record.hold_s or 0)
            else:
                entry[_BEST_REPS] = max(entry[_BEST_REPS], record.reps)
        progress = [(exercise, amount, session_load[exercise]) for exercise, amount in session_reps.items()]
        for exercise, effort in session.efforts().items():
            bucket["eff"].setdefault(exercise, {})
            key = effort or "none"
            bucket["eff"][exercise][key] = bucket["eff"][exercise].get(key, 0) + 1
    return SessionFigures(session_day(session), bucket, progress, pains)


def bucket_sums(bucket: dict[str, Any]) -> list[Any]:
    """The sums of a bucket whose total depends on the order they are added in (floats):
    [seconds, seconds held, {exercise: seconds held}] (the exercises held, only)."""
    return [bucket["sec"], bucket["hold"], {e: entry[_HOLD] for e, entry in bucket["ex"].items() if entry[_HOLD]}]


def resum_bucket(bucket: dict[str, Any], sums: Iterable[list[Any]]) -> None:
    """Set `bucket`'s order-dependent sums to those of buckets merged in this order (each as
    `bucket_sums` gives it): what `merge_bucket` of them, one after another, would give. (Adding
    a zero changes no float, so a bucket without an exercise can be left out of its sum.)"""
    seconds, held, by_exercise = 0.0, 0.0, {exercise: 0.0 for exercise in bucket["ex"]}
    for sec, hold, exercises in sums:
        seconds += sec
        held += hold
        for exercise, value in exercises.items():
            by_exercise[exercise] += value
    bucket["sec"], bucket["hold"] = seconds, held
    for exercise, entry in bucket["ex"].items():
        entry[_HOLD] = by_exercise[exercise]


def merge_bucket(into: dict[str, Any], bucket: dict[str, Any]) -> None:
    """Add `bucket` to `into` (both as `empty_bucket` makes them)."""
    for key in ("n", "c", "sets", "sec", "reps", "hold"):
        into[key] += bucket[key]
    ex = into["ex"]
    for exercise, other in bucket["ex"].items():
        entry = ex.get(exercise)
        if entry is None:
            ex[exercise] = list(other)
            continue
        for i in (_REPS, _LEFT, _RIGHT, _HOLD):
            entry[i] += other[i]
        for i in (_BEST, _SIDED, _BEST_HOLD, _BEST_REPS, _HELD):
            entry[i] = max(entry[i], other[i])
    for name in ("eff", "pain"):
        table = into[name]
        for key, counts in bucket[name].items():
            mine = table.setdefault(key, {})
            for answer, n in counts.items():
                mine[answer] = mine.get(answer, 0) + n


@dataclass
class Holds:
    """An exercise's timed holds: seconds in all, and the longest."""
    total_s: float = 0.0
    best_s: float = 0.0
    best_reps: int = 0  # the most reps in one set, when it was also done for reps


class StatsBuilder:
    """The figures, one session (or one day, or one year's digest) at a time, in order of
    start: the app streams a long history through it, so the sessions need not all be in
    memory, and a year that did not change is added from its index without being read."""

    def __init__(self, as_of: date, weekly_goal: int = 1) -> None:
        if weekly_goal < 1:
            raise ValueError("weekly_goal must be at least 1")
        self.stats = Stats(as_of=as_of, weekly_goal=weekly_goal)
        self.total = empty_bucket()
        self.counted_days: set[date] = set()
        self.per_week: Counter[date] = Counter()
        self.work: Counter[date] = Counter()
        self.progress: dict[str, list[LoadPoint]] = defaultdict(list)
        self.pain_days: dict[date, list[Pain]] = defaultdict(list)

    def add(self, session: Session) -> None:
        figures = session_figures(session)
        if figures.day <= self.stats.as_of:
            self.add_day(figures.day, figures.bucket, figures.progress, figures.pains)

    def add_day(self, day: date, bucket: dict[str, Any], progress: Iterable[tuple[str, int, str]],
                pains: Iterable[tuple[str, str, int | None]]) -> None:
        """A day's sessions (or one of them), already known to be on or before `as_of`."""
        merge_bucket(self.total, bucket)
        self.add_days([(day, bucket["c"], bucket["sets"])])
        self.add_progress((exercise, day, amount, load) for exercise, amount, load in progress)
        self.add_pains((day, *pain) for pain in pains)

    def add_days(self, days: Iterable[tuple[date, int, int]]) -> None:
        """(day, counted sessions, sets done) for the streaks and the calendar."""
        for day, counted, sets in days:
            if counted:
                self.counted_days.add(day)
                self.per_week[week_start(day)] += counted
                self.work[day] += sets

    def add_progress(self, points: Iterable[tuple[str, date, int, str]]) -> None:
        for exercise, day, amount, load in points:
            kept = self.progress[exercise]
            kept.append(LoadPoint(day, amount, load))
            if len(kept) > 2 * PROGRESS_KEEP:
                del kept[:-PROGRESS_KEEP]

    def add_pains(self, pains: Iterable[tuple[date, str, str, int | None]]) -> None:
        for day, area, side, severity in pains:
            self.pain_days[day].append(Pain(area, side, severity))

    def finish(self) -> Stats:
        stats, as_of, total = self.stats, self.stats.as_of, self.total
        stats.sessions, stats.counted_sessions = total["n"], total["c"]
        stats.total_reps, stats.total_hold_s = total["reps"], total["hold"]
        stats.total_minutes = total["sec"] / 60
        day_runs = _runs(sorted(self.counted_days), timedelta(days=1))
        stats.longest_daily_streak = max((n for _, n in day_runs), default=0)
        stats.current_daily_streak = _current(day_runs, as_of, as_of - timedelta(days=1))
        met = sorted(w for w, n in self.per_week.items() if n >= stats.weekly_goal)
        week_runs = _runs(met, timedelta(days=7))
        stats.longest_weekly_streak = max((n for _, n in week_runs), default=0)
        this_week = week_start(as_of)
        stats.current_weekly_streak = _current(week_runs, this_week, this_week - timedelta(days=7))
        stats.this_week = self.per_week.get(this_week, 0)
        ex = total["ex"]
        stats.reps_by_exercise = {k: v[_REPS] for k, v in ex.items()}
        stats.best_set_by_exercise = {k: v[_BEST] for k, v in ex.items()}
        stats.sides_by_exercise = {k: {"left": v[_LEFT], "right": v[_RIGHT]} for k, v in ex.items() if v[_SIDED]}
        stats.holds_by_exercise = {k: Holds(v[_HOLD], v[_BEST_HOLD], v[_BEST_REPS]) for k, v in ex.items() if v[_HELD]}
        stats.work_by_day = dict(self.work)
        stats.progress_by_exercise = {k: v[-PROGRESS_KEEP:] for k, v in self.progress.items()}
        stats.effort_by_exercise = {k: _no_efforts() | v for k, v in total["eff"].items()}
        stats.pain_by_area = {k: _no_pain() | v for k, v in total["pain"].items()}
        stats.pain_by_day = dict(self.pain_days)
        return stats


def heatmap_days(as_of: date, weeks: int = HEATMAP_WEEKS) -> list[list[date]]:
    """The calendar grid: `weeks` columns of Monday..Sunday, the last holding `as_of`."""
    first = week_start(as_of) - timedelta(weeks=weeks - 1)
    return [[first + timedelta(weeks=w, days=d) for w in range(weeks)] for d in range(7)]


def shade(sets: int) -> int:
    """0 (nothing) to 4 (a full workout or more), for the heat map's colours."""
    if sets <= 0:
        return 0
    return 1 if sets < 4 else 2 if sets < 8 else 3 if sets < 14 else 4
