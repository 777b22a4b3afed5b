"""The history service: the history opened once, recovered once, its figures computed once.

Home's streak line and the History screen both ask for the figures, from worker threads; the
first computes them, a second waits for the first, and both get the same answer until the
files change. Problems with the files are reported once each, however often they are read.
"""

from __future__ import annotations

import threading
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Mapping

if TYPE_CHECKING:  # loaded on first use, after the first frame: start-up stays short
    from glute_tui.core.coach import Coaching
    from glute_tui.core.digest import Row
    from glute_tui.core.ladder import Ladder
    from glute_tui.core.pain import Referral
    from glute_tui.core.records import Session
    from glute_tui.core.routines import Exercise, Routine
    from glute_tui.core.stats import Stats
    from glute_tui.core.weekplan import WeekPlan
    from glute_tui.store.history import History
    from glute_tui.store.history_index import YearIndex
    from glute_tui.store.recorder import Recorder

# How far back the advice reads: the rules look 8 weeks back from an exercise's last session
# (a long break goes back to the level of 8 weeks before it), pain 6 weeks; beyond a year of
# nothing, it stops reading.
ADVICE_LOOKBACK = timedelta(weeks=20)
ADVICE_MAX_LOOKBACK = timedelta(days=366)


def sessions_for_advice(files: Iterable[list[Session]], wanted: Iterable[str], *,
                        now: datetime | None = None) -> list[Session]:
    """The sessions the coach needs, from year files given newest first: enough to see each
    `wanted` exercise's last session and 20 weeks before it (a year at most, when one was
    never done). Reads no more files than that: a long history costs its newest years."""
    wanted = set(wanted)
    sessions: list[Session] = []
    for year in files:
        sessions.extend(year)
        if _enough(sessions, wanted, now):
            break
    return sessions


def _enough(sessions: list[Session], wanted: set[str], now: datetime | None) -> bool:
    considered = [s for s in sessions if now is None or s.started <= now]
    if not considered:
        return False
    oldest = min(s.started for s in sessions)
    newest = max(s.started for s in considered)
    if oldest <= newest - ADVICE_MAX_LOOKBACK:
        return True
    last_seen: dict[str, datetime] = {}
    for session in considered:
        for record in session.sets:
            if record.exercise in wanted and record.done:
                last_seen[record.exercise] = max(last_seen.get(record.exercise, session.started), session.started)
    if set(last_seen) != wanted:
        return False
    return oldest <= min(last_seen.values()) - ADVICE_LOOKBACK


# (message, severity): "information" | "warning" | "error"; called from any thread.
Reporter = Callable[[str, str], None]


class HistoryService:
    def __init__(self, folder: Path, *, today: Callable[[], date] = date.today,
                 weekly_goal: Callable[[], int] = lambda: 1, report: Reporter | None = None) -> None:
        self.folder = folder
        self.today = today
        self.weekly_goal = weekly_goal
        self._report = report or (lambda message, severity: None)
        self._files: History | None = None
        self._files_lock = threading.Lock()
        self._recovered = False
        self._recovery_lock = threading.Lock()
        self._figures: tuple[tuple, Stats] | None = None
        self._figures_lock = threading.Lock()  # one computes, a second caller waits for it
        self._reported: set[str] = set()
        self._sides: dict[tuple, dict[str, str]] = {}  # the newest first_sides answer, by its key
        self._sides_lock = threading.Lock()
        self._reported_lock = threading.Lock()

    @property
    def files(self) -> History:
        """The year files of saved sessions (store/history.py); opened on first use (from any thread)."""
        with self._files_lock:
            if self._files is None:
                from glute_tui.store.history import History

                self._files = History(self.folder)
            return self._files

    def recover_once(self) -> None:
        """Journals left by a workout whose process died become sessions, before the history
        is first read. Reads and writes files: call it off the event loop."""
        with self._recovery_lock:
            if self._recovered:
                return
            recovery = self.files.recover()
            self._recovered = True
        problems = set(recovery.problems)  # a journal it could not recover: its sets are left out
        for message in recovery.messages():
            self._report(message, "warning" if message in problems else "information")

    def figures(self) -> Stats:
        """The history's figures for today; computed once per change of the files.

        The history is streamed through the figures a year file at a time and not kept: a long
        history costs its figures in memory, not its sessions.
        """
        self.recover_once()
        history = self.files
        with self._figures_lock:
            key = (history.version(), self.today(), self.weekly_goal())
            if self._figures is not None and self._figures[0] == key:
                return self._figures[1]
            stats = figures_of(history, key[1], key[2], self.report_problems)
            self._figures = (key, stats)
            return stats

    def rows(self, *, newest_first: bool = False) -> Iterator[list[Row]]:
        """Each year's sessions as a list shows them (from the index: no session is read),
        a year at a time, in order (newest first when asked); problems are reported once."""
        self.recover_once()
        for year in self.files.years(newest_first=newest_first):
            self.report_problems(year.problems)
            rows = _rows(self.files, year)
            yield list(reversed(rows)) if newest_first else rows

    def count(self) -> int:
        """How many sessions can be read (from the index)."""
        self.recover_once()
        total = 0
        for year in self.files.years():
            self.report_problems(year.problems)
            total += _count(self.files, year)
        return total

    def find(self, row: Row) -> Session | None:
        """The whole session a row shows (its detail, its pain check), read from its year file."""
        return self.files.find(row.id, row.started_at)

    def each_file(self, *, newest_first: bool = False) -> Iterator[list[Session]]:
        """Each year's sessions, a file at a time; problems are reported, once each."""
        self.recover_once()
        for sessions, problems in self.files.each_file(newest_first=newest_first):
            self.report_problems(problems)
            yield sessions

    # --- the coach (core/coach.py): advice, the plan over weeks, referrals, the side to start with ---

    def now(self) -> datetime:
        """Now; or, when the service was given another day (a scene, a test), the end of that
        day: what the coach's screens judge the history as of."""
        now = datetime.now().astimezone()
        today = self.today()
        return now if today == now.date() else datetime.combine(today, time(23, 59, 59), tzinfo=now.tzinfo)

    def advice_sessions(self, routine: Routine, *, now: datetime | None = None,
                        exclude: str = "") -> list[Session]:
        """The sessions the coach needs for `routine` (see `sessions_for_advice`), without the
        one whose id is `exclude` (a Summary adds its own, answers included). Reads files: off
        the event loop."""
        wanted = [item.id for item in routine.exercises]
        found = sessions_for_advice(self.each_file(newest_first=True), wanted, now=now)
        return [s for s in found if s.id != exclude]

    def coaching(self, routine: Routine, *, loads: Mapping[str, Iterable[str]],
                 catalogue: Mapping[str, Exercise], ladder: Ladder | None = None,
                 now: datetime | None = None, current: Session | None = None) -> Coaching:
        """The coach's advice for `routine` as of `now` (default: now; with `current`, the end of
        that session, which is put in place of its saved copy)."""
        from glute_tui.core.coach import coach

        when = now or (datetime.fromisoformat(current.ended_at) if current else datetime.now().astimezone())
        sessions = self.advice_sessions(routine, now=when, exclude=current.id if current else "")
        if current is not None:
            sessions.append(current)
        return coach(routine, sessions, now=when, loads=loads, catalogue=catalogue, ladder=ladder)

    def week_plan(self, routine: Routine, *, loads: Mapping[str, Iterable[str]],
                  catalogue: Mapping[str, Exercise], ladder: Ladder | None = None,
                  now: datetime | None = None, weekly_goal: int | None = None) -> WeekPlan:
        """The plan over weeks for `routine` (core/weekplan.py); the weekly goal from the settings."""
        from glute_tui.core.weekplan import plan_over_weeks

        when = now or datetime.now().astimezone()
        sessions = self.advice_sessions(routine, now=when)
        return plan_over_weeks(routine, sessions, now=when, weekly_goal=weekly_goal or self.weekly_goal(),
                               loads=loads, catalogue=catalogue, ladder=ladder)

    def referrals(self, *, now: datetime | None = None) -> list[Referral]:
        """Every area and side to see a professional about (Home's line); reads 6 weeks back."""
        from glute_tui.core.pain import REFER_WINDOW, referrals

        when = now or datetime.now().astimezone()
        sessions: list[Session] = []
        for year in self.each_file(newest_first=True):
            sessions.extend(year)
            if sessions and min(s.started for s in sessions) < when - REFER_WINDOW:
                break
        return referrals(sessions, now=when)

    def first_sides(self, routine: Routine, *, now: datetime | None = None) -> dict[str, str]:
        """For each two-sided move of `routine`, the side to start each set with (the weaker one
        while an imbalance lasts). Reads files: call it before the workout's first frame or off
        the loop."""
        if not any(item.side_mode == "both" for item in routine.exercises):
            return {}  # (and the coach, 0.3 MB of modules, is not loaded for it)
        from glute_tui.core.coach import first_sides

        key = (routine.id, tuple((i.id, i.side_mode) for i in routine.exercises), self.files.version(), now)
        with self._sides_lock:
            if key not in self._sides:
                self._sides = {key: first_sides(routine, self.advice_sessions(routine, now=now), now=now)}
            return dict(self._sides[key])

    def recorder(self, session: Session, *, on_problem: Callable[[str], None] | None = None) -> Recorder:
        """What journals a running workout's sets and saves its session into these files."""
        from glute_tui.store.recorder import Recorder

        return Recorder(self.files, session, on_problem=on_problem)

    def delete(self, session_id: str) -> bool:
        return self.files.delete(session_id)

    def update(self, session: Session) -> bool:
        """Save an edited session (its pain check) over the stored one, atomically, under the
        history's lock; False when it is no longer there. Reads and writes files: off the loop."""
        return self.files.update(session)

    def report_problems(self, problems: list[str]) -> None:
        """Tell the person about each problem with their files once (from any thread)."""
        with self._reported_lock:
            new = [p for p in problems if p not in self._reported]
            self._reported.update(new)
        for problem in new:
            self._report(problem, "warning")


def figures_of(history: History, as_of: date, weekly_goal: int, report: Callable[[list[str]], None]) -> Stats:
    """The figures as of a day, from each year's digest (a year's index that turns out to be
    damaged is made again from its file, never trusted)."""
    from glute_tui.core.digest import DigestError, add_year
    from glute_tui.core.stats import StatsBuilder

    builder = StatsBuilder(as_of, weekly_goal)
    for year in history.years():
        report(year.problems)
        try:
            add_year(builder, year.figures, year.detail)
        except DigestError:
            if not year.cached:
                raise
            year = history.year(history.folder / year.name, trust_index=False)
            add_year(builder, year.figures, year.detail)
    return builder.finish()


def _rows(history: History, year: YearIndex) -> list[Row]:
    from glute_tui.core.digest import DigestError

    try:
        return year.rows()
    except DigestError:
        if not year.cached:
            raise
        return history.year(history.folder / year.name, trust_index=False).rows()


def _count(history: History, year: YearIndex) -> int:
    from glute_tui.core.digest import DigestError

    try:
        return year.sessions
    except DigestError:
        if not year.cached:
            raise
        return history.year(history.folder / year.name, trust_index=False).sessions
