"""The documented export formats, and reading an export back (`glute-tui import`).

JSON: {"format": "glute-tui-history", "version": 3, "sessions": [<session as stored>, ...]}
Version 2 adds `effort`, `counted_by`, `too_fast` to each set and `pain`, `note` to each
session; version 3 adds `severity` (0-10 or null) to each pain entry. A version-1 or version-2
export still imports, the fields it lacks read as null.
CSV: one row per set, the session's columns repeated; a session with no sets has one row
with the set columns empty, so nothing is lost. `pain` is written `area:side` (`area:side:severity`
when the severity is known) joined by `; `. A text cell that starts with `=`, `+`, `-`,
`@`, a tab or a carriage return gets a `'` in front (the OWASP rule against formula injection):
a spreadsheet would run `=cmd|' /C calc'!A0` as a formula. Numbers are never changed (none of
ours is negative).

Import validates the whole file before anything is written: every session as `Session.from_dict`
checks it (which includes that every text can be saved as UTF-8), names and loads up to
`NAME_MAX` characters without control characters, at most `SETS_MAX` sets a session, times from
2000 to a day after now and lasting at most 24 hours (`records.time_problem`); ids are
compared as canonical UUIDs (lower case, hyphens), however the file spells them.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any, Iterable

from glute_tui.core.limits import NAME_MAX, SETS_MAX
from glute_tui.core.records import FORMAT_VERSION, RecordError, Session, shown, time_problem
from glute_tui.core.text import text_problem

FORMAT, VERSION = "glute-tui-history", FORMAT_VERSION
READABLE_VERSIONS = (1, 2, 3)
SESSION_COLUMNS = ["id", "routine", "routine_name", "started_at", "ended_at", "status", "planned_sets", "pain", "note"]
SET_COLUMNS = ["exercise", "side", "set", "target_reps", "reps", "hold_s", "load", "seconds", "skipped",
               "effort", "counted_by", "too_fast"]


class ImportProblem(ValueError):
    """A file that cannot be imported; nothing of it is written."""


_RAW_CONTROLS = re.compile("[\x7f-\x9f]")


def to_json(sessions: Iterable[Session]) -> str:
    """The export as JSON text. JSON escapes C0 controls itself; DEL and C1 controls (a raw
    U+009B is a terminal's CSI) are escaped too, so the text never carries a control character
    to a terminal it is printed on, and reads back as the same data."""
    doc = {"format": FORMAT, "version": VERSION, "sessions": [s.to_dict() for s in sessions]}
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    return _RAW_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def to_csv(sessions: Iterable[Session]) -> str:
    out = io.StringIO()
    row = io.StringIO()
    # "\r\n" as the writer's line end makes it quote a cell holding a CR as well as a LF
    # (with "\n" alone Python 3.11 leaves a CR bare, and a reader splits the row there);
    # each row then ends with "\n" as before.
    writer = csv.writer(row, lineterminator="\r\n")

    def write(cells: list[Any]) -> None:
        row.seek(0)
        row.truncate()
        writer.writerow(cells)
        out.write(row.getvalue()[:-2] + "\n")

    write(SESSION_COLUMNS + SET_COLUMNS)
    for session in sessions:
        head = [_cell(_session_cell(session, c)) for c in SESSION_COLUMNS]
        if not session.sets:
            write(head + [""] * len(SET_COLUMNS))
        for record in session.sets:
            values = record.to_dict()
            write(head + ["" if values[c] is None else _cell(values[c]) for c in SET_COLUMNS])
    return out.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value  # a spreadsheet shows it as text, never runs it
    return value


def _session_cell(session: Session, column: str) -> Any:
    if column == "pain":
        return "" if session.pain is None else "; ".join(
            f"{p.area}:{p.side}" + ("" if p.severity is None else f":{p.severity}") for p in session.pain)
    if column == "note":
        return session.note or ""  # `_cell` quotes a note that starts like a formula
    return getattr(session, column)


def parse_export(text: str, name: str) -> list[Session]:
    """Every session of an export, or ImportProblem naming the first bad session and field."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportProblem(f"{name}: not JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise ImportProblem(f"{name}: not JSON that can be read (nested too deeply)") from None
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise ImportProblem(f"{name}: not JSON that can be read ({str(exc).split(';')[0]})") from None
    except MemoryError:
        raise ImportProblem(f"{name}: too large to read into memory") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ImportProblem(f'{name}: format: must be "{FORMAT}" (an export of glute-tui)')
    version = doc.get("version")
    if type(version) is not int or version not in READABLE_VERSIONS:
        allowed = ", ".join(str(v) for v in READABLE_VERSIONS[:-1]) + f" or {READABLE_VERSIONS[-1]}"
        raise ImportProblem(f"{name}: version: must be {allowed} (got {shown(version)})")
    items = doc.get("sessions")
    if not isinstance(items, list):
        raise ImportProblem(f"{name}: sessions: must be a list of sessions")
    sessions = []
    for index, item in enumerate(items):
        where = f"sessions[{index}]"
        try:
            session = Session.from_dict(item, where=where, version=version)
            check_limits(session, where)
        except RecordError as exc:
            raise ImportProblem(f"{name}: {exc}") from None
        sessions.append(replace(session, id=str(uuid.UUID(session.id))))
    return sessions


def check_limits(session: Session, where: str, now: datetime | None = None) -> None:
    """What an import must hold beyond a stored session's shape: RecordError naming the field.
    `now` (default: this machine's time) is what "more than a day in the future" counts from."""
    times = time_problem(session, now or datetime.now(timezone.utc))
    if times is not None:
        raise RecordError(f"{where}.{times[0]}", f"{times[1]}; session {session.id}")
    for key in ("routine", "routine_name"):
        problem = text_problem(getattr(session, key), NAME_MAX)
        if problem:
            raise RecordError(f"{where}.{key}", problem)
    if len(session.sets) > SETS_MAX:
        raise RecordError(f"{where}.sets", f"must hold at most {SETS_MAX} sets (got {len(session.sets)})")
    for number, record in enumerate(session.sets):
        for key in ("exercise", "load"):
            problem = text_problem(getattr(record, key), NAME_MAX)
            if problem:
                raise RecordError(f"{where}.sets[{number}].{key}", problem)
