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
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, Iterator

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
    """The export as JSON text (see `json_chunks`)."""
    return "".join(json_chunks(sessions))


def json_chunks(sessions: Iterable[Session]) -> Iterator[str]:
    """The export as JSON text, a session at a time (an export of any size is written as it
    is read): the text of `json.dumps({"format", "version", "sessions"}, indent=2,
    ensure_ascii=False)` and a newline. JSON escapes C0 controls itself; DEL and C1 controls (a
    raw U+009B is a terminal's CSI) are escaped too, so the text never carries a control
    character to a terminal it is printed on, and reads back as the same data."""
    head = json.dumps({"format": FORMAT, "version": VERSION}, indent=2)[:-2]
    first = True
    for session in sessions:
        text = pretty(session.to_dict(), 2)
        yield (f'{head},\n  "sessions": [\n    ' if first else ",\n    ") + _escape_controls(text)
        first = False
    yield f'{head},\n  "sessions": []\n}}\n' if first else "\n  ]\n}\n"


_ENCODERS: dict[int, json.JSONEncoder] = {}


def pretty(value: Any, level: int = 0) -> str:
    """`json.dumps(value, indent=2, ensure_ascii=False)` as it would stand `level` levels deep
    (its first line not indented), made by the C encoder: with `indent` Python's own encoder
    is used, and it was most of an export's time. An object of plain values (a set) is dumped
    at once with the line break and indent as the separator between its items."""
    inner = "  " * (level + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        if not any(isinstance(v, (dict, list)) for v in value.values()):
            encoder = _ENCODERS.get(level)
            if encoder is None:
                encoder = _ENCODERS[level] = json.JSONEncoder(ensure_ascii=False, separators=(",\n" + inner, ": "))
            return "{\n" + inner + encoder.encode(value)[1:-1] + "\n" + "  " * level + "}"
        items = (f"{inner}{json.dumps(str(k), ensure_ascii=False)}: {pretty(v, level + 1)}" for k, v in value.items())
        return "{\n" + ",\n".join(items) + "\n" + "  " * level + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + pretty(v, level + 1) for v in value) + "\n" + "  " * level + "]"
    return json.dumps(value, ensure_ascii=False)


def _escape_controls(text: str) -> str:
    return _RAW_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def to_csv(sessions: Iterable[Session]) -> str:
    return "".join(csv_chunks(sessions))


def csv_chunks(sessions: Iterable[Session]) -> Iterator[str]:
    """The CSV export, a session's rows at a time."""
    out: list[str] = []
    row = io.StringIO()
    # "\r\n" as the writer's line end makes it quote a cell holding a CR as well as a LF
    # (with "\n" alone Python 3.11 leaves a CR bare, and a reader splits the row there);
    # each row then ends with "\n" as before.
    writer = csv.writer(row, lineterminator="\r\n")

    def write(cells: list[Any]) -> None:
        row.seek(0)
        row.truncate()
        writer.writerow(cells)
        out.append(row.getvalue()[:-2] + "\n")

    write(SESSION_COLUMNS + SET_COLUMNS)
    yield out.pop()
    for session in sessions:
        head = [_cell(_session_cell(session, c)) for c in SESSION_COLUMNS]
        if not session.sets:
            write(head + [""] * len(SET_COLUMNS))
        for record in session.sets:
            values = record.to_dict()
            write(head + ["" if values[c] is None else _cell(values[c]) for c in SET_COLUMNS])
        yield "".join(out)
        out.clear()


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


# --- reading an export of any size, a session at a time ---------------------------------------
# `json.loads` of a whole export holds about seven times its size in objects (5.6 GB at 100,000
# sessions); an export is read here a session at a time instead. The reader knows the export's
# shape (an object whose `sessions` is a list) and hands each value to the C decoder
# (`raw_decode`), so it is as strict as `json.loads` and refuses the same things by kind: deep
# nesting (RecursionError), integers of more than 4,300 digits (ValueError), a value too large.

VALUE_MAX = 16 * 1024 * 1024  # characters of one value (a session of SETS_MAX sets is < 1 MiB)
_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")


class _Window:
    """The text of a file seen through a window that slides over its pieces."""

    def __init__(self, chunks: Iterable[str], name: str) -> None:
        self.chunks = iter(chunks)
        self.name = name
        self.text = ""
        self.pos = 0
        self.line = 1  # the line of text[0]
        self.ended = False

    def more(self) -> bool:
        if self.pos:
            self.line += self.text.count("\n", 0, self.pos)
            self.text, self.pos = self.text[self.pos:], 0
        for chunk in self.chunks:
            if chunk:
                self.text += chunk
                return True
        self.ended = True
        return False

    def peek(self) -> str:
        """The next character that is not white space ('' at the end)."""
        while True:
            self.pos = _SPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.more():
                return ""

    def take(self, allowed: str, what: str) -> str:
        char = self.peek()
        if not char or char not in allowed:
            self.fail(f"Expecting {what}", self.pos)
        self.pos += 1
        return char

    def fail(self, message: str, pos: int) -> None:
        line = self.line + self.text.count("\n", 0, pos)
        raise ImportProblem(f"{self.name}: not JSON ({message} at line {line})")

    def value(self) -> Any:
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as exc:
                if self.ended:
                    self.fail(exc.msg, exc.pos)
                if len(self.text) - self.pos > VALUE_MAX:
                    raise ImportProblem(f"{self.name}: not JSON that can be read (a value of more "
                                        f"than {VALUE_MAX:,} characters)") from None
                self.more()
                continue
            except RecursionError:
                raise ImportProblem(f"{self.name}: not JSON that can be read (nested too deeply)") from None
            except ValueError as exc:  # an integer of more than 4,300 digits
                raise ImportProblem(f"{self.name}: not JSON that can be read ({str(exc).split(';')[0]})") from None
            except MemoryError:
                raise ImportProblem(f"{self.name}: too large to read into memory") from None
            if end == len(self.text) and not self.ended and self.more():
                continue  # a number may go on in the next piece
            self.pos = end
            return value


def read_export(chunks: Iterable[str], name: str) -> Iterator[tuple[str, Any]]:
    """An export's top level as it is read: ("key", (key, value)) for each key but `sessions`,
    ("session", value) for each item of the `sessions` list, ("sessions", count) after it.
    ImportProblem for text that is not JSON; the values themselves are not checked here."""
    window = _Window(chunks, name)
    if window.peek() != "{":
        window.value()  # JSON that is not an object (else: not JSON, said by `value`)
        raise ImportProblem(f'{name}: format: must be "{FORMAT}" (an export of glute-tui)')
    window.pos += 1
    if window.peek() == "}":
        window.pos += 1
    else:
        while True:
            if window.peek() != '"':
                window.fail("Expecting property name enclosed in double quotes", window.pos)
            key = window.value()
            window.take(":", "':' delimiter")
            if key == "sessions" and window.peek() == "[":
                window.pos += 1
                count = 0
                if window.peek() == "]":
                    window.pos += 1
                else:
                    while True:
                        yield "session", window.value()
                        count += 1
                        if window.take(",]", "',' delimiter") == "]":
                            break
                yield "sessions", count
            else:
                yield "key", (key, window.value())
            if window.take(",}", "',' delimiter") == "}":
                break
    if window.peek():
        window.fail("Extra data", window.pos)


@dataclass
class ExportInfo:
    version: int
    sessions: int


def check_export(open_chunks: Callable[[], Iterable[str]], name: str) -> ExportInfo:
    """Every session of an export checked (as `parse_export` checks them) without keeping
    any; ImportProblem naming the first bad session and field. `open_chunks` gives the text
    from its start (a second time only for a file whose version comes after its sessions)."""
    header: dict[str, Any] = {}
    count: int | None = None
    late = False  # sessions before the format and version: checked in a second reading
    for kind, value in read_export(open_chunks(), name):
        if kind == "key":
            header[value[0]] = value[1]
            if value[0] in ("format", "version") and count is None:
                _check_header(header, name, partial=True)
        elif kind == "session":
            if "format" in header and "version" in header:
                _checked(value, header["version"], count or 0, name)
                count = (count or 0) + 1
            else:
                late, count = True, (count or 0) + 1
        else:
            count = value
    _check_header(header, name)
    if count is None or ("sessions" in header):
        raise ImportProblem(f"{name}: sessions: must be a list of sessions")
    if late:
        for index, item in enumerate(v for k, v in read_export(open_chunks(), name) if k == "session"):
            _checked(item, header["version"], index, name)
    return ExportInfo(header["version"], count)


def export_sessions(chunks: Iterable[str], name: str, version: int) -> Iterator[Session]:
    """The sessions of an export that `check_export` passed, in the file's order, ids canonical."""
    index = 0
    for kind, value in read_export(chunks, name):
        if kind == "session":
            yield _checked(value, version, index, name)
            index += 1


def _check_header(header: dict[str, Any], name: str, *, partial: bool = False) -> None:
    if "format" in header or not partial:
        if header.get("format") != FORMAT:
            raise ImportProblem(f'{name}: format: must be "{FORMAT}" (an export of glute-tui)')
    if "version" in header or not partial:
        version = header.get("version")
        if type(version) is not int or version not in READABLE_VERSIONS:
            allowed = ", ".join(str(v) for v in READABLE_VERSIONS[:-1]) + f" or {READABLE_VERSIONS[-1]}"
            raise ImportProblem(f"{name}: version: must be {allowed} (got {shown(version)})")


def _checked(item: Any, version: int, index: int, name: str) -> Session:
    where = f"sessions[{index}]"
    try:
        session = Session.from_dict(item, where=where, version=version)
        check_limits(session, where)
    except RecordError as exc:
        raise ImportProblem(f"{name}: {exc}") from None
    return replace(session, id=str(uuid.UUID(session.id)))
