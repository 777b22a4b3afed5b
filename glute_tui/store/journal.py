"""The journal of a running workout: each finished set appended and synced to disk.

A running workout holds an exclusive lock on its journal for as long as it lives; the lock
goes with the process, even on SIGKILL. So a journal whose lock can be taken belongs to a
workout that is no longer running, and can be turned into a `recovered` session.

Lines are JSON: a `session` header first, then `set` lines (a set's record at a plan step;
a later line for the same step replaces an earlier one, which is how corrections are kept)
and `drop` lines (going back removes the sets from a step on). A torn last line is ignored.
"""

from __future__ import annotations

import fcntl
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from glute_tui.store.atomic import fsync_dir
from glute_tui.core.records import RecordError, Session, SetRecord, now_iso

SUFFIX = ".jsonl"

# Journals this process holds open: its own running workout, neither a leftover to recover
# nor a workout "in another window" (recovery may look while a workout of ours is running).
_OWN: set[Path] = set()


class Journal:
    """The open, locked journal of the workout in this process."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd = fd

    @classmethod
    def create(cls, folder: Path, session: Session) -> "Journal":
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{session.id}{SUFFIX}.new"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        fcntl.flock(fd, fcntl.LOCK_EX)
        journal = cls(folder / f"{session.id}{SUFFIX}", fd)
        header = {"type": "session", "id": session.id, "routine": session.routine,
                  "routine_name": session.routine_name, "started_at": session.started_at,
                  "planned_sets": session.planned_sets, "pid": os.getpid()}
        journal._write(header)
        # Only a journal that is locked and has its header gets the name recovery looks for.
        _OWN.add(journal.path)
        os.replace(tmp, journal.path)
        fsync_dir(folder)
        return journal

    def _write(self, line: dict[str, Any]) -> None:
        os.write(self._fd, (json.dumps(line, separators=(",", ":")) + "\n").encode())
        os.fsync(self._fd)

    def record_set(self, step_index: int, record: SetRecord) -> None:
        self._write({"type": "set", "step": step_index, "at": now_iso(), "record": record.to_dict()})

    def drop_from(self, step_index: int) -> None:
        self._write({"type": "drop", "from": step_index, "at": now_iso()})

    def close(self, *, remove: bool) -> None:
        """Remove the journal once its session is safely in history, then let go of the lock."""
        if self._fd < 0:
            return
        _OWN.discard(self.path)
        if remove:
            try:
                self.path.unlink()
                fsync_dir(self.path.parent)
            except FileNotFoundError:
                pass
        os.close(self._fd)
        self._fd = -1


@dataclass
class LeftOver:
    """A journal found at start: either still live, or read back into a session."""

    path: Path
    live: bool
    session: Session | None = None
    problem: str = ""
    _fd: int = field(default=-1, repr=False)

    def release(self, *, remove: bool) -> None:
        if remove:
            try:
                self.path.unlink()
                fsync_dir(self.path.parent)
            except FileNotFoundError:
                pass
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


def find_leftovers(folder: Path) -> list[LeftOver]:
    """Journals in `folder`; those not locked by a live workout are read and stay locked."""
    found: list[LeftOver] = []
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        if path in _OWN:
            continue
        try:
            fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            found.append(LeftOver(path, live=True))
            continue
        if not path.exists():  # its workout finished and removed it while we looked
            os.close(fd)
            continue
        leftover = LeftOver(path, live=False, _fd=fd)
        try:
            leftover.session = read_journal(path)
        except (RecordError, ValueError) as exc:
            leftover.problem = f"{path.name}: {exc}"
        found.append(leftover)
    return found


def read_journal(path: Path) -> Session | None:
    """The session a journal describes (status `recovered`), or None when no set was finished."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        lines = handle.read().split("\n")
    entries: list[dict[str, Any]] = []
    for number, text in enumerate(lines):
        if not text.strip():
            continue
        try:
            entry = json.loads(text)
        except json.JSONDecodeError:
            if number >= len(lines) - 2:  # a torn last line: the kill came mid-write
                break
            raise ValueError(f"line {number + 1} is not JSON") from None
        if isinstance(entry, dict):
            entries.append(entry)
    if not entries or entries[0].get("type") != "session":
        raise ValueError("no session header")
    header = entries[0]
    records: dict[int, Any] = {}
    ended_at = header.get("started_at")
    for entry in entries[1:]:
        if entry.get("type") == "set" and isinstance(entry.get("step"), int):
            records[entry["step"]] = entry.get("record")
        elif entry.get("type") == "drop" and isinstance(entry.get("from"), int):
            records = {k: v for k, v in records.items() if k < entry["from"]}
        ended_at = entry.get("at", ended_at)
    if not records:
        return None
    data = {"id": header.get("id"), "routine": header.get("routine"),
            "routine_name": header.get("routine_name"), "started_at": header.get("started_at"),
            "ended_at": ended_at, "status": "recovered",
            "sets": [records[k] for k in sorted(records)], "planned_sets": header.get("planned_sets")}
    return Session.from_dict(data, where=path.name)
