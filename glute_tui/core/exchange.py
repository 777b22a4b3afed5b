"""The documented export formats, and reading an export back (`glute-tui import`).

JSON: {"format": "glute-tui-history", "version": 1, "sessions": [<session as stored>, ...]}
CSV: one row per set, the session's columns repeated; a session with no sets has one row
with the set columns empty, so nothing is lost.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any, Iterable

from glute_tui.core.records import RecordError, Session

FORMAT, VERSION = "glute-tui-history", 1
SESSION_COLUMNS = ["id", "routine", "routine_name", "started_at", "ended_at", "status"]
SET_COLUMNS = ["exercise", "side", "set", "target_reps", "reps", "hold_s", "load", "seconds", "skipped"]


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
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SESSION_COLUMNS + SET_COLUMNS)
    for session in sessions:
        head = [getattr(session, c) for c in SESSION_COLUMNS]
        if not session.sets:
            writer.writerow(head + [""] * len(SET_COLUMNS))
        for record in session.sets:
            values = record.to_dict()
            writer.writerow(head + ["" if values[c] is None else _cell(values[c]) for c in SET_COLUMNS])
    return out.getvalue()


def _cell(value: Any) -> Any:
    return str(value).lower() if isinstance(value, bool) else value


def parse_export(text: str, name: str) -> list[Session]:
    """Every session of an export, or ImportProblem naming the first bad session and field."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportProblem(f"{name}: not JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ImportProblem(f'{name}: format: must be "{FORMAT}" (an export of glute-tui)')
    if doc.get("version") != VERSION:
        raise ImportProblem(f"{name}: version: must be {VERSION} (got {doc.get('version')!r})")
    items = doc.get("sessions")
    if not isinstance(items, list):
        raise ImportProblem(f"{name}: sessions: must be a list of sessions")
    sessions = []
    for index, item in enumerate(items):
        try:
            sessions.append(Session.from_dict(item, where=f"sessions[{index}]"))
        except RecordError as exc:
            raise ImportProblem(f"{name}: {exc}") from None
    return sessions
