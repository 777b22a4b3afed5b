"""A year's sessions, digested: what every reader of the history needs, as plain JSON data.

The history's index (store/history_index.py) keeps one digest per year file, so that the
figures, the list of sessions and import's merge never parse a year again until it changes.
The digest is derived and disposable: it is made from validated sessions only, and a digest
that does not have the shape made here is refused (`DigestError`) and made again from the file.

- `figures`: independent of the day the figures are for (`as_of`) and of the weekly goal: the
  year's bucket (see core/stats.py), its days for the streaks, its last progress points and its
  pains. `StatsBuilder.add_year` adds a year in one step when all of it is on or before
  `as_of`, else day by day from `detail`.
- `rows`: one per session, oldest first, what a list of sessions shows (`Row`).
- `ids`: every session id in the file, as compared (canonical), bad sessions' included.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Iterable

from glute_tui.core.effort import EFFORTS, PAIN_AREAS, PAIN_SIDES, severity_problem
from glute_tui.core.records import Session
from glute_tui.core.stats import (
    PROGRESS_KEEP,
    StatsBuilder,
    bucket_sums,
    empty_bucket,
    merge_bucket,
    resum_bucket,
    session_felt,
    session_figures,
    session_pain,
    session_row,
)


class DigestError(ValueError):
    """A digest that is not of the shape `digest` makes: ignore it, make it again."""


@dataclass(frozen=True, slots=True)
class Row:
    """A session as a list shows it (the History screen, `glute-tui history`)."""
    started_at: str
    id: str
    routine: str
    routine_name: str
    minutes: str
    sets: str  # done/planned
    reps: str
    status: str
    felt: str
    pain: str

    @property
    def when(self) -> str:
        return self.started_at[:16].replace("T", " ")

    @property
    def year(self) -> str:
        return self.started_at[:4]

    def to_list(self) -> list[str]:
        return [self.started_at, self.id, self.routine, self.routine_name, self.minutes, self.sets,
                self.reps, self.status, self.felt, self.pain]

    @classmethod
    def from_list(cls, cells: Any) -> "Row":
        if not isinstance(cells, list) or len(cells) != 10 or not all(isinstance(c, str) for c in cells):
            raise DigestError("a row must be a list of 10 texts")
        return cls(*cells)


def row_of(session: Session) -> Row:
    when, name, minutes, sets, reps, status = session_row(session)
    return Row(session.started_at, session.id, session.routine, name, minutes, sets, reps, status,
               session_felt(session), session_pain(session))


def digest(sessions: Iterable[Session]) -> tuple[dict[str, Any], list[list[Any]], list[list[str]]]:
    """(figures, detail, rows) of a year's valid sessions; see the module's docstring."""
    ordered = sorted(sessions, key=lambda s: s.started_at)  # as the figures take them
    detail = _add_days([], ordered)
    rows = [row_of(s).to_list() for s in sorted(ordered, key=lambda s: (s.started, s.id))]
    return figures_of(detail), detail, rows


def extend(detail: list[list[Any]], rows: list[list[str]], sessions: Iterable[Session]
           ) -> tuple[dict[str, Any], list[list[Any]], list[list[str]]]:
    """The digest of a year with `sessions` added to it (a workout just saved, an import, each
    at the end of the year's file), exactly as `digest` would make it of all of them: a session
    that starts before others of its day takes its place among them (each day keeps what each
    of its sessions added)."""
    ordered = sorted(sessions, key=lambda s: s.started_at)
    try:
        detail = _add_days(list(detail), ordered)
        rows = sorted([*rows, *(row_of(s).to_list() for s in ordered)],
                      key=lambda cells: (datetime.fromisoformat(cells[0]), cells[1]))
        return figures_of(detail), detail, rows
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
        raise DigestError(f"not a digest ({type(exc).__name__})") from None


def _add_days(detail: list[list[Any]], ordered: list[Session]) -> list[list[Any]]:
    """`detail` with the sessions added, by day. A day is [ordinal, bucket, progress, pains,
    sessions]: its bucket, progress points and pains are those of its sessions added in the
    order of their start (a file's order among equal starts); `sessions` keeps, for each,
    [started_at, how many points, how many pains, its bucket's order-dependent sums], so that
    one added between them is put in its place and the day's float sums added up again in order."""
    days = {day[0]: day for day in detail}
    changed: set[int] = set()
    for session in ordered:
        figures = session_figures(session)
        ordinal = figures.day.toordinal()
        points = [list(point) for point in figures.progress]
        pains = [list(pain) for pain in figures.pains]
        entry = [session.started_at, len(points), len(pains), bucket_sums(figures.bucket)]
        day = days.get(ordinal)
        if day is None:
            day = days[ordinal] = [ordinal, empty_bucket(), [], [], []]
        elif ordinal not in changed:
            day = days[ordinal] = [ordinal, _copy_bucket(day[1]), list(day[2]), list(day[3]), list(day[4])]
        changed.add(ordinal)
        merge_bucket(day[1], figures.bucket)  # its counts and bests, whatever the order
        at = bisect_right([item[0] for item in day[4]], session.started_at)
        if at == len(day[4]):  # the latest of its day (always so when a year is digested whole)
            day[2] += points
            day[3] += pains
            day[4].append(entry)
        else:
            _insert(day, at, entry, points, pains)
    return sorted(days.values(), key=lambda d: d[0])


def _insert(day: list[Any], at: int, entry: list[Any], points: list[Any], pains: list[Any]) -> None:
    """A session put at `at` among its day's: its points and pains in their place, the day's
    float sums added up again in the new order."""
    split_points, split_pains = [], []
    point, pain = 0, 0
    for _started, n_points, n_pains, _sums in day[4]:
        split_points.append(day[2][point:point + n_points])
        split_pains.append(day[3][pain:pain + n_pains])
        point, pain = point + n_points, pain + n_pains
    if point != len(day[2]) or pain != len(day[3]):
        raise DigestError("a day whose sessions do not add up to it")
    day[4].insert(at, entry)
    split_points.insert(at, points)
    split_pains.insert(at, pains)
    day[2] = [p for part in split_points for p in part]
    day[3] = [p for part in split_pains for p in part]
    resum_bucket(day[1], (item[3] for item in day[4]))


def _copy_bucket(bucket: dict[str, Any]) -> dict[str, Any]:
    copy = empty_bucket()
    merge_bucket(copy, bucket)
    return copy


def figures_of(detail: list[list[Any]]) -> dict[str, Any]:
    """A year's figures from its days (see `add_year`)."""
    total = empty_bucket()
    progress: dict[str, list[list[Any]]] = {}
    for ordinal, bucket, points, *_pains_sessions in detail:
        merge_bucket(total, bucket)
        for exercise, amount, load in points:
            kept = progress.setdefault(exercise, [])
            kept.append([ordinal, amount, load])
            if len(kept) > 2 * PROGRESS_KEEP:
                del kept[:-PROGRESS_KEEP]
    return {
        "last": detail[-1][0] if detail else 0,
        "total": total,
        "days": [[d[0], d[1]["c"], d[1]["sets"]] for d in detail if d[1]["c"]],
        "progress": {k: v[-PROGRESS_KEEP:] for k, v in progress.items()},
        "pains": [[d[0], *pain] for d in detail for pain in d[3]],
    }


def add_year(builder: StatsBuilder, figures: dict[str, Any], detail: Any) -> None:
    """Add a year's digest to the figures: at once when all of it is on or before `as_of`, else
    day by day (`detail` is called for the days then). DigestError if it is not a digest, and
    then nothing of it was added."""
    try:
        as_of = builder.stats.as_of.toordinal()
        if figures["last"] <= as_of:
            _check_bucket(figures["total"])
            days = [(date.fromordinal(o), int(c), int(s)) for o, c, s in figures["days"]]
            progress = [(str(exercise), date.fromordinal(o), int(amount), str(load))
                        for exercise, points in figures["progress"].items() for o, amount, load in points]
            pains = [(date.fromordinal(o), *pain) for o, *pain in _pains(figures["pains"])]
            merge_bucket(builder.total, figures["total"])
            builder.add_days(days)
            builder.add_progress(progress)
            builder.add_pains(pains)
            return
        wanted = []
        for ordinal, bucket, progress, pains, _sessions in detail():
            if ordinal <= as_of:
                _check_bucket(bucket)
                wanted.append((date.fromordinal(ordinal), bucket,
                               [(str(e), int(a), str(lo)) for e, a, lo in progress],
                               [tuple(pain) for pain in _pains(pains)]))
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, OverflowError) as exc:
        raise DigestError(f"not a digest ({type(exc).__name__})") from None
    for day, bucket, points, pain_list in wanted:
        builder.add_day(day, bucket, points, pain_list)


_BUCKET_KEYS = frozenset(empty_bucket())
_ANSWERS = frozenset((*EFFORTS, "none"))


def _pains(pains: list[Any]) -> list[Any]:
    """[..., area, side, severity] each, checked (a pain's area names a row of the calendar)."""
    for pain in pains:
        area, side, severity = pain[-3:]
        if area not in PAIN_AREAS or side not in PAIN_SIDES or severity_problem(severity):
            raise DigestError("a pain of an unknown area, side or severity")
    return pains


def _check_bucket(bucket: Any) -> None:
    if not isinstance(bucket, dict) or set(bucket) != _BUCKET_KEYS:
        raise DigestError("a bucket of the wrong shape")
    for key in ("n", "c", "sets", "sec", "reps", "hold"):
        if type(bucket[key]) not in (int, float):
            raise DigestError(f"bucket.{key} must be a number")
    for name in ("ex", "eff", "pain"):
        if not isinstance(bucket[name], dict):
            raise DigestError(f"bucket.{name} must be an object")
    for entry in bucket["ex"].values():
        if not isinstance(entry, list) or len(entry) != 9 or not all(type(v) in (int, float) for v in entry):
            raise DigestError("bucket.ex: an entry of the wrong shape")
    for area, counts in bucket["pain"].items():
        if area not in PAIN_AREAS or not set(counts) <= set(PAIN_SIDES):
            raise DigestError("bucket.pain: an unknown area or side")
    for counts in bucket["eff"].values():
        if not set(counts) <= _ANSWERS:
            raise DigestError("bucket.eff: an unknown answer")
    for name in ("eff", "pain"):
        for counts in bucket[name].values():
            if not isinstance(counts, dict) or not all(type(v) is int for v in counts.values()):
                raise DigestError(f"bucket.{name}: counts of the wrong shape")
