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
from typing import Any, Iterable

from glute_tui.core.effort import EFFORTS, PAIN_AREAS, PAIN_SIDES, Pain
from glute_tui.core.records import Session, sets_done
from glute_tui.core.routines import BANDS, Load

HEATMAP_WEEKS = 26


def session_day(session: Session) -> date:
    return datetime.fromisoformat(session.started_at).date()


def session_minutes(session: Session) -> float:
    try:
        seconds = (datetime.fromisoformat(session.ended_at)
                   - datetime.fromisoformat(session.started_at)).total_seconds()
    except ValueError:
        return 0.0
    return max(0.0, seconds / 60)


def session_row(session: Session) -> tuple[str, ...]:
    """Date, routine, minutes, sets done/planned, reps, status: a session in a table.

    Sets are counted from what was saved with the session (`Session.sets_done` and
    `sets_planned`), never against the routine as it is now."""
    reps = sum(r.reps or 0 for r in session.sets if r.done)
    return (session.when, session.routine_name, f"{session_minutes(session):.0f}",
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
    progress_by_exercise: dict[str, list[LoadPoint]] = field(default_factory=dict)
    # exercise -> {easy, right, hard, failed, none}: one answer per session that did it
    effort_by_exercise: dict[str, dict[str, int]] = field(default_factory=dict)
    # area -> {left, right, both}: sessions that reported pain there
    pain_by_area: dict[str, dict[str, int]] = field(default_factory=dict)
    pain_by_day: dict[date, list[Pain]] = field(default_factory=dict)  # for the pain calendar

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


class StatsBuilder:
    """The figures, one session at a time (in order of start): the app streams a long
    history through it a file at a time, so the sessions need not all be in memory."""

    def __init__(self, as_of: date, weekly_goal: int = 1) -> None:
        if weekly_goal < 1:
            raise ValueError("weekly_goal must be at least 1")
        self.stats = Stats(as_of=as_of, weekly_goal=weekly_goal)
        self.counted_days: set[date] = set()
        self.per_week: Counter[date] = Counter()
        self.reps_by: Counter[str] = Counter()
        self.best: dict[str, int] = {}
        self.sides: dict[str, Counter[str]] = defaultdict(Counter)
        self.work: Counter[date] = Counter()
        self.progress: dict[str, list[LoadPoint]] = defaultdict(list)
        self.efforts: dict[str, dict[str, int]] = defaultdict(_no_efforts)
        self.pain: dict[str, dict[str, int]] = defaultdict(_no_pain)
        self.pain_days: dict[date, list[Pain]] = defaultdict(list)

    def add(self, session: Session) -> None:
        stats, sides = self.stats, self.sides
        day = session_day(session)
        if day > stats.as_of:
            return
        stats.sessions += 1
        for pain in session.pain or ():
            self.pain[pain.area][pain.side] += 1
            self.pain_days[day].append(pain)
        done = [r for r in session.sets if r.done]
        if not done:
            return
        stats.counted_sessions += 1
        self.counted_days.add(day)
        self.per_week[week_start(day)] += 1
        self.work[day] += sets_done(done)
        stats.total_minutes += session_minutes(session)
        session_reps: Counter[str] = Counter()
        session_load: dict[str, str] = {}
        for record in done:
            reps = record.reps or 0
            stats.total_reps += reps
            stats.total_hold_s += record.hold_s or 0
            self.reps_by[record.exercise] += reps
            amount = reps if record.reps is not None else int(record.hold_s or 0)
            session_reps[record.exercise] += amount
            heaviest = session_load.get(record.exercise)
            if heaviest is None or load_rank(record.load) > load_rank(heaviest):
                session_load[record.exercise] = record.load
            self.best[record.exercise] = max(self.best.get(record.exercise, 0), amount)
            if record.side in ("left", "right"):
                sides[record.exercise][record.side] += reps
            elif record.side == "alternate":  # alternating legs start on the left
                sides[record.exercise]["left"] += math.ceil(reps / 2)
                sides[record.exercise]["right"] += reps // 2
        for exercise, reps in session_reps.items():
            self.progress[exercise].append(LoadPoint(day, reps, session_load[exercise]))
        for exercise, effort in session.efforts().items():
            self.efforts[exercise][effort or "none"] += 1

    def finish(self) -> Stats:
        stats, as_of = self.stats, self.stats.as_of
        day_runs = _runs(sorted(self.counted_days), timedelta(days=1))
        stats.longest_daily_streak = max((n for _, n in day_runs), default=0)
        stats.current_daily_streak = _current(day_runs, as_of, as_of - timedelta(days=1))
        met = sorted(w for w, n in self.per_week.items() if n >= stats.weekly_goal)
        week_runs = _runs(met, timedelta(days=7))
        stats.longest_weekly_streak = max((n for _, n in week_runs), default=0)
        this_week = week_start(as_of)
        stats.current_weekly_streak = _current(week_runs, this_week, this_week - timedelta(days=7))
        stats.this_week = self.per_week.get(this_week, 0)
        stats.reps_by_exercise = dict(self.reps_by)
        stats.best_set_by_exercise = self.best
        stats.sides_by_exercise = {k: {"left": v["left"], "right": v["right"]} for k, v in self.sides.items()}
        stats.work_by_day = dict(self.work)
        stats.progress_by_exercise = dict(self.progress)
        stats.effort_by_exercise = dict(self.efforts)
        stats.pain_by_area = dict(self.pain)
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
