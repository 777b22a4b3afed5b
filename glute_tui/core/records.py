"""What was done: a set record and a session, as stored in history and exported.

`from_dict` is strict, because it guards everything that comes from outside (an import, a
journal left by a crash, a hand-edited history file): a bad value names its field.

Format version 2 adds, per set, `effort` (the answer to "How was it?"), `counted_by` and
`too_fast`, and per session `pain` and `note`. A version-1 session (no such fields) reads with
them null (false for `too_fast`): nothing is rewritten just because it was read. Version 3
adds to each pain entry its `severity` (0-10 or null); in versions 1 and 2 it reads as null.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from sys import intern
from typing import Any, Iterable

from glute_tui.core.effort import COUNTED_BY, EFFORTS, PAIN_AREAS, PAIN_SIDES, Pain, note_problem, severity_problem
from glute_tui.core.text import shown as _quote
from glute_tui.core.vocab import Side, Status

FORMAT_VERSION = 3  # what this version writes: history files, journals, exports
STATUSES = tuple(status.value for status in Status)
RECORD_SIDES = tuple(side.value for side in Side)


class RecordError(ValueError):
    """A stored or imported record that is not valid; `field` names where."""

    def __init__(self, field_name: str, problem: str) -> None:
        self.field = field_name
        self.problem = problem
        super().__init__(f"{field_name}: {problem}")


@dataclass(slots=True)  # a long history holds many thousands of these
class SetRecord:
    exercise: str
    side: str
    set: int
    target_reps: int | None
    reps: int | None
    hold_s: float | None
    load: str
    seconds: float
    skipped: bool = False
    effort: str | None = None  # "easy" | "right" | "hard" | "failed"; None: not answered
    counted_by: str | None = None  # "app" | "person"; None: not known (version 1)
    too_fast: bool = False  # done far faster than its tempo allows

    @property
    def done(self) -> bool:
        """A set counts when it was not skipped and some work was done."""
        return not self.skipped and ((self.reps or 0) > 0 or (self.hold_s or 0) > 0)

    def to_dict(self) -> dict[str, Any]:
        # Written out, in the fields' order: `dataclasses.asdict` deep-copies each plain value,
        # and was half the time of exporting or saving a long history.
        return {"exercise": self.exercise, "side": self.side, "set": self.set,
                "target_reps": self.target_reps, "reps": self.reps, "hold_s": self.hold_s,
                "load": self.load, "seconds": self.seconds, "skipped": self.skipped,
                "effort": self.effort, "counted_by": self.counted_by, "too_fast": self.too_fast}

    @classmethod
    def from_dict(cls, data: Any, where: str = "set", version: int = FORMAT_VERSION) -> "SetRecord":
        record = _fast_set(data, version) if type(data) is dict else None
        if record is not None:
            return record
        if not isinstance(data, dict):
            raise RecordError(where, "must be an object")
        # A history repeats a few names thousands of times: one string each, not one per set
        # (a third of a loaded history's memory was copies of "squat" and "bodyweight").
        exercise = intern(_text(data, "exercise", where))
        side = data.get("side")
        if side not in RECORD_SIDES:
            raise RecordError(f"{where}.side", f"must be one of {', '.join(RECORD_SIDES)} (got {shown(side)})")
        side = RECORD_SIDES[RECORD_SIDES.index(side)]
        set_no = _int(data, "set", where, low=1)
        target = _int(data, "target_reps", where, low=0, optional=True)
        reps = _int(data, "reps", where, low=0, optional=True)
        hold = _number(data, "hold_s", where, optional=True)
        load = intern(_text(data, "load", where))
        seconds = _number(data, "seconds", where)
        skipped = data.get("skipped", False)
        if not isinstance(skipped, bool):
            raise RecordError(f"{where}.skipped", f"must be true or false (got {shown(skipped)})")
        assert set_no is not None and seconds is not None  # not optional: checked above
        if version < 2:
            return cls(exercise, side, set_no, target, reps, hold, load, seconds, skipped)
        effort = _choice(data, "effort", where, EFFORTS)
        counted_by = _choice(data, "counted_by", where, COUNTED_BY)
        fast = data.get("too_fast", False)
        if not isinstance(fast, bool):
            raise RecordError(f"{where}.too_fast", f"must be true or false (got {shown(fast)})")
        return cls(exercise, side, set_no, target, reps, hold, load, seconds, skipped,
                   effort, counted_by, fast)


_SIDES = {side: side for side in RECORD_SIDES}
_EFFORTS = {effort: effort for effort in EFFORTS}
_COUNTED = {who: who for who in COUNTED_BY}


def _fast_set(data: dict[str, Any], version: int) -> SetRecord | None:
    """A set as `SetRecord.from_dict` reads it, in one pass, when every value is plainly valid;
    None when anything is not (the slow path then names the field). A history is millions of
    sets: the checks one call each cost most of reading it."""
    get = data.get
    exercise: Any
    load: Any
    seconds: Any
    hold: Any
    exercise, load, side = get("exercise"), get("load"), get("side")
    set_no, target, reps = get("set"), get("target_reps"), get("reps")
    hold, seconds, skipped = get("hold_s"), get("seconds"), get("skipped", False)
    if not (type(exercise) is str and exercise and exercise.isascii()
            and type(load) is str and load and load.isascii()
            and type(side) is str and side in _SIDES
            and type(set_no) is int and 1 <= set_no <= 100_000
            and (target is None or (type(target) is int and 0 <= target <= 100_000))
            and (reps is None or (type(reps) is int and 0 <= reps <= 100_000))
            and (hold is None or (type(hold) in (int, float) and 0 <= hold <= 86_400))
            and type(seconds) in (int, float) and 0 <= seconds <= 86_400
            and type(skipped) is bool):
        return None
    exercise, load, side = intern(exercise), intern(load), _SIDES[side]
    hold = None if hold is None else float(hold)
    if version < 2:
        return SetRecord(exercise, side, set_no, target, reps, hold, load, float(seconds), skipped)
    effort, counted_by, fast = get("effort"), get("counted_by"), get("too_fast", False)
    if not ((effort is None or (type(effort) is str and effort in _EFFORTS))
            and (counted_by is None or (type(counted_by) is str and counted_by in _COUNTED))
            and type(fast) is bool):
        return None
    return SetRecord(exercise, side, set_no, target, reps, hold, load, float(seconds), skipped,
                     None if effort is None else _EFFORTS[effort],
                     None if counted_by is None else _COUNTED[counted_by], fast)


def sets_done(records: "Iterable[SetRecord]") -> int:
    """How many sets were done, as a routine counts them: "3 sets" of a two-sided move are
    three sets, each done on the left and then the right. A two-sided set counts only when both
    its sides were done (the left alone, the right skipped or never reached, is not a done set:
    "3 / 3" for it misled); any other set counts when it was done. The workout, the Summary, the
    History screen and `glute-tui history` all count with this, from what was saved."""
    return len(done_set_keys(records))


def done_set_keys(records: "Iterable[SetRecord]") -> set[tuple[str, int]]:
    """(exercise, set) of each done set, as `sets_done` counts them."""
    sides: dict[tuple[str, int], int] = {}
    for r in records:
        if r.done:
            key = (r.exercise, r.set)
            sides[key] = sides.get(key, 0) | _SIDE_BITS.get(r.side, _WHOLE)
    return {key for key, bits in sides.items() if bits & _WHOLE or bits == _BOTH}


_SIDE_BITS = {"left": 1, "right": 2}
_BOTH, _WHOLE = 3, 4


def sides_apart(records: "Iterable[SetRecord]") -> int:
    """Sides done of a two-sided set whose other side was not (the left alone, then a stop):
    not a done set (`sets_done`), yet kept with the session, so said wherever what is kept is."""
    records = list(records)
    whole = done_set_keys(records)
    return sum(1 for r in records if r.done and r.side in _SIDE_BITS and (r.exercise, r.set) not in whole)


def and_sides(sides: int) -> str:
    """" and 1 side of a set" after the sets done: the part of a two-sided set that is kept."""
    return f" and {sides} side{'' if sides == 1 else 's'} of a set" if sides else ""


@dataclass(slots=True)
class Session:
    routine: str
    routine_name: str
    started_at: str
    ended_at: str
    status: str
    sets: list[SetRecord] = field(default_factory=list)
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    pain: list[Pain] | None = None  # None: not asked (version 1); []: no pain
    note: str | None = None
    planned_sets: int | None = None  # the routine's sets when it started; None in older files

    @property
    def sets_done(self) -> int:
        return sets_done(self.sets)

    @property
    def sets_planned(self) -> int:
        """The sets the routine had when this session began (saved with it, so editing the
        routine later changes no old row); for an older session, the sets it recorded."""
        if self.planned_sets is not None:
            return self.planned_sets
        return len({(r.exercise, r.set) for r in self.sets})

    @property
    def started(self) -> datetime:
        return datetime.fromisoformat(self.started_at)

    @property
    def when(self) -> str:
        """`2026-11-24 07:30`, local to where the person was."""
        return self.started_at[:16].replace("T", " ")

    @property
    def counts(self) -> bool:
        return any(record.done for record in self.sets)

    def efforts(self) -> dict[str, str | None]:
        """Each exercise done -> its answer to "How was it?" (the hardest given to any of its
        sets), or None when none was given."""
        given: dict[str, list[str]] = {}
        for record in self.sets:
            if record.done:
                answers = given.setdefault(record.exercise, [])
                if record.effort is not None:
                    answers.append(record.effort)
        return {k: max(v, key=EFFORTS.index) if v else None for k, v in given.items()}

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "routine": self.routine,
            "routine_name": self.routine_name,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "status": self.status,
            "sets": [record.to_dict() for record in self.sets],
            "pain": None if self.pain is None else [p.to_dict() for p in self.pain],
            "note": self.note,
        } | ({} if self.planned_sets is None else {"planned_sets": self.planned_sets})

    @classmethod
    def from_dict(cls, data: Any, where: str = "session", version: int = FORMAT_VERSION) -> "Session":
        if not isinstance(data, dict):
            raise RecordError(where, "must be an object")
        session_id = _text(data, "id", where)
        try:
            uuid.UUID(session_id)
        except ValueError:
            raise RecordError(f"{where}.id", f"must be a UUID (got {shown(session_id)})") from None
        started = _timestamp(data, "started_at", where)
        ended = _timestamp(data, "ended_at", where)
        status = data.get("status")
        if status not in STATUSES:
            raise RecordError(f"{where}.status", f"must be one of {', '.join(STATUSES)} (got {shown(status)})")
        status = STATUSES[STATUSES.index(status)]
        sets = data.get("sets")
        if not isinstance(sets, list):
            raise RecordError(f"{where}.sets", "must be a list of sets")
        records = [SetRecord.from_dict(item, f"{where}.sets[{i}]", version) for i, item in enumerate(sets)]
        planned = _int(data, "planned_sets", where, low=0, optional=True)
        pain, note = (_pain(data.get("pain"), f"{where}.pain", version), data.get("note")) if version >= 2 else (None, None)
        if note is not None and note_problem(note):
            raise RecordError(f"{where}.note", note_problem(note))
        if note is not None and _SURROGATE.search(note):
            raise RecordError(f"{where}.note", "must be text that can be saved as UTF-8 (it holds a lone surrogate)")
        return cls(routine=intern(_text(data, "routine", where)),
                   routine_name=intern(_text(data, "routine_name", where)),
                   started_at=started, ended_at=ended, status=status, sets=records, id=session_id,
                   planned_sets=planned, pain=pain, note=note)


def now_iso(now: datetime | None = None) -> str:
    """The local time with its UTC offset, to the second: where the person was."""
    return (now or datetime.now().astimezone()).isoformat(timespec="seconds")


SESSION_MAX_S = 86_400  # a session lasts at most a day: longer is a clock's mistake, and import refuses it
EARLIEST = datetime(2000, 1, 1, tzinfo=timezone.utc)  # no session is older (import refuses one)
FUTURE_S = 86_400  # nor more than a day ahead of the clock that reads it


def ended_after(started_at: str, seconds: float) -> str:
    """The end of a session that began at `started_at` and lasted `seconds` on the monotonic
    clock, in the same UTC offset: never before its start, whatever the wall clock did
    meanwhile (set back two days mid-workout), and at most SESSION_MAX_S after it."""
    start = datetime.fromisoformat(started_at)
    seconds = min(max(0.0, seconds), float(SESSION_MAX_S))
    try:
        return (start + timedelta(seconds=round(seconds))).isoformat(timespec="seconds")
    except OverflowError:  # a start in the last day of year 9999 (a hand-made file)
        return started_at


def end_within(started_at: str, ended_at: str) -> str:
    """`ended_at` held between `started_at` and SESSION_MAX_S after it (a wall clock that moved
    back or far ahead during the workout): for an end read from wall-clock times (a journal)."""
    seconds = (datetime.fromisoformat(ended_at) - datetime.fromisoformat(started_at)).total_seconds()
    if 0 <= seconds <= SESSION_MAX_S:
        return ended_at
    return ended_after(started_at, seconds)


def time_problem(session: Session, now: datetime) -> tuple[str, str] | None:
    """(field, why) when a session's times cannot be true: before 2000, more than a day after
    `now`, or lasting more than a day (History once showed "87649418.0 hours"); else None."""
    started, ended = datetime.fromisoformat(session.started_at), datetime.fromisoformat(session.ended_at)
    latest = now + timedelta(seconds=FUTURE_S)
    for key, value in (("started_at", started), ("ended_at", ended)):
        if value < EARLIEST:
            return key, f"must be on or after 2000-01-01 (got {_quote(getattr(session, key))})"
        if value > latest:
            return key, (f"must be at most a day after now, {now.isoformat(timespec='seconds')} "
                         f"(got {_quote(getattr(session, key))})")
    if (ended - started).total_seconds() > SESSION_MAX_S:
        return "ended_at", (f"must be at most 24 hours after started_at, {session.started_at} "
                            f"(got {_quote(session.ended_at)}: a session lasts at most a day)")
    return None


def shown(value: object) -> str:
    """A bad value quoted in a message, cheaply: a list or an object (maybe nested 900 deep, or
    megabytes long) is named, not printed; a long text is cut before it is quoted."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str) and len(value) > 100:
        value = value[:100]
    return _quote(value)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _choice(data: dict[str, Any], key: str, where: str, allowed: tuple[str, ...]) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if value not in allowed:
        raise RecordError(f"{where}.{key}", f"must be one of {', '.join(allowed)} or null (got {shown(value)})")
    return allowed[allowed.index(value)]  # one string each, not one per set


def _pain(value: Any, where: str, version: int) -> list[Pain] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise RecordError(where, "must be a list of {\"area\": …, \"side\": …} or null")
    pains = []
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise RecordError(f"{where}[{i}]", "must be an object with an area and a side")
        area, side = item.get("area"), item.get("side")
        if area not in PAIN_AREAS:
            raise RecordError(f"{where}[{i}].area", f"must be one of {', '.join(PAIN_AREAS)} (got {shown(area)})")
        if side not in PAIN_SIDES:
            raise RecordError(f"{where}[{i}].side", f"must be one of {', '.join(PAIN_SIDES)} (got {shown(side)})")
        severity = item.get("severity") if version >= 3 else None  # read as null before version 3
        problem = severity_problem(severity)
        if problem:
            raise RecordError(f"{where}[{i}].severity", problem)
        pains.append(Pain(area, side, severity))
    return pains


def _text(data: dict[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise RecordError(f"{where}.{key}", f"must be non-empty text (got {shown(value)})")
    if not value.isascii() and _SURROGATE.search(value):  # isascii is O(1): names are ASCII
        raise RecordError(f"{where}.{key}", "must be text that can be saved as UTF-8 (it holds a "
                                            "lone surrogate, an escape like \\ud800 without its pair)")
    return value


def _int(data: dict[str, Any], key: str, where: str, *, low: int, optional: bool = False) -> int | None:
    value = data.get(key)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < low or value > 100_000:
        allowed = f"a whole number from {low} to 100000" + (" or null" if optional else "")
        raise RecordError(f"{where}.{key}", f"must be {allowed} (got {shown(value)})")
    return value


def _number(data: dict[str, Any], key: str, where: str, *, optional: bool = False) -> float | None:
    value = data.get(key)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 86_400:
        allowed = "a number of seconds from 0 to 86400" + (" or null" if optional else "")
        raise RecordError(f"{where}.{key}", f"must be {allowed} (got {shown(value)})")
    return float(value)


def _timestamp(data: dict[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    try:
        parsed = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None or parsed.utcoffset() is None:
        raise RecordError(f"{where}.{key}",
                          f"must be an ISO 8601 time with its UTC offset, like 2026-11-24T07:30:00+01:00 (got {shown(value)})")
    return str(value)
