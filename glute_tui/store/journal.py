"""The journal of a running workout: each finished set appended and synced to disk.

A running workout holds an exclusive lock on its journal for as long as it lives; the lock
goes with the process, even on SIGKILL. So a journal whose lock can be taken belongs to a
workout that is no longer running, and can be turned into a `recovered` session.

Lines are JSON: a `session` header first, then `set` lines (a set's record at a plan step;
a later line for the same step replaces an earlier one, which is how corrections are kept)
and `drop` lines (going back removes the sets from a step on).

A line is written whole or not at all: on a full disk `os.write` may write part of a line and
raise nothing (a short count), so the writer loops until all of it is written, and on a failure
cuts the file back to its last complete line. If even that fails, the next line it writes starts
on a fresh line. Recovery keeps every line it can read and reports the ones it cannot (a line
cut short), so one torn line never costs the sets written after it.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from glute_tui.core.records import RecordError, Session, SetRecord, end_within, now_iso
from glute_tui.store.atomic import fsync_dir, make_dirs
from glute_tui.store.safe_read import BOM, DATA_MAX_BYTES, Unreadable, open_regular, read_fd

SUFFIX = ".jsonl"

# Journals this process holds open: its own running workout, neither a leftover to recover
# nor a workout "in another window" (recovery may look while a workout of ours is running).
_OWN: set[Path] = set()


class Journal:
    """The open, locked journal of the workout in this process."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd = fd
        self._good = 0  # the length of the file up to its last complete line
        self._torn = False  # a failed write left part of a line that could not be cut off

    @classmethod
    def create(cls, folder: Path, session: Session) -> "Journal":
        make_dirs(folder)
        tmp = folder / f".{session.id}{SUFFIX}.new"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND | os.O_NOFOLLOW
                     | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            journal = cls(folder / f"{session.id}{SUFFIX}", fd)
            header = {"type": "session", "id": session.id, "routine": session.routine,
                      "routine_name": session.routine_name, "started_at": session.started_at,
                      "planned_sets": session.planned_sets, "pid": os.getpid()}
            journal._write(header)
            # Only a journal that is locked and has its header gets the name recovery looks for.
            _OWN.add(journal.path)
            os.replace(tmp, journal.path)
        except BaseException:
            _OWN.discard(folder / f"{session.id}{SUFFIX}")
            os.close(fd)
            try:
                tmp.unlink()
            except OSError:
                pass
            raise
        fsync_dir(folder)
        return journal

    def _write(self, line: dict[str, Any]) -> None:
        self._append((json.dumps(line, separators=(",", ":")) + "\n").encode())

    def _append(self, data: bytes) -> None:
        """Append `data` (whole lines) and sync it, or leave the file as it was and raise."""
        if self._torn:  # cut off what the last failure left, else start on a fresh line
            try:
                os.ftruncate(self._fd, self._good)
                self._torn = False
            except OSError:
                data = b"\n" + data
        view = memoryview(data)
        try:
            while view:
                written = os.write(self._fd, view)
                if written <= 0:
                    raise OSError(errno.ENOSPC, "No space left on device (a write was cut short)")
                view = view[written:]
            os.fsync(self._fd)
        except BaseException:
            self._cut_back()
            raise
        self._good = os.lseek(self._fd, 0, os.SEEK_CUR)  # O_APPEND: the end of the file
        self._torn = False

    def _cut_back(self) -> None:
        try:
            os.ftruncate(self._fd, self._good)
        except OSError:
            self._torn = True

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
    """A journal found at start: either still live, or read back into a session.

    `problem`: why it could not be read at all (`damaged`: move it aside; else leave it there).
    `notes`: lines that could not be read and were skipped; the session has every other one.
    """

    path: Path
    live: bool
    session: Session | None = None
    problem: str = ""
    damaged: bool = True
    notes: list[str] = field(default_factory=list)
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
            fd = open_regular(path, follow=False)  # never blocks: a FIFO or a link is refused
        except FileNotFoundError:
            continue
        except Unreadable as exc:
            found.append(LeftOver(path, live=False, problem=exc.why, damaged=exc.damaged))
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            found.append(LeftOver(path, live=True))
            continue
        except OSError as exc:
            os.close(fd)
            found.append(LeftOver(path, live=False, problem="cannot be locked "
                                  f"({exc.strerror or exc})", damaged=False))
            continue
        if not path.exists():  # its workout finished and removed it while we looked
            os.close(fd)
            continue
        leftover = LeftOver(path, live=False, _fd=fd)
        try:
            leftover.session, leftover.notes = parse_journal(read_fd(fd, path, limit=DATA_MAX_BYTES),
                                                             path.name)
        except Unreadable as exc:
            leftover.problem, leftover.damaged = exc.why, exc.damaged
        except (RecordError, ValueError) as exc:
            leftover.problem = str(exc)
        found.append(leftover)
    return found


def read_journal(path: Path) -> Session | None:
    """The session a journal describes (status `recovered`), or None when no set was finished."""
    return parse_journal(read_fd_path(path), path.name)[0]


def read_fd_path(path: Path) -> bytes:
    fd = open_regular(path, follow=False)
    try:
        return read_fd(fd, path, limit=DATA_MAX_BYTES)
    finally:
        os.close(fd)


_LINE_START = b'{"type":'


def _entry(raw: bytes) -> dict[str, Any] | None:
    """One line as an object, or None. A line an older version glued to the fragment of a
    failed write (`{"type":"se{"type":"set",...}`) is read from its last start."""
    for start in (0, raw.rfind(_LINE_START)):
        if start < 0:
            continue
        try:
            entry = json.loads(raw[start:].decode("utf-8"))
        except (ValueError, RecursionError, MemoryError):  # not UTF-8, not JSON, a huge integer
            continue
        if isinstance(entry, dict):
            return entry
    return None


def _timestamp(value: Any) -> bool:
    try:
        return isinstance(value, str) and datetime.fromisoformat(value).utcoffset() is not None
    except ValueError:
        return False


def parse_journal(data: bytes, name: str) -> tuple[Session | None, list[str]]:
    """The session a journal's bytes describe (None when no set was finished), and notes on the
    lines that could not be read (skipped: the session holds every other one).

    ValueError or RecordError when it has no readable session header.
    """
    entries: list[tuple[int, dict[str, Any]]] = []
    unreadable: list[int] = []
    lines = data.removeprefix(BOM).split(b"\n")
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        entry = _entry(raw)
        if entry is None:
            unreadable.append(number)
        else:
            entries.append((number, entry))
    if not entries or entries[0][1].get("type") != "session":
        raise ValueError("no session header")
    header = entries[0][1]
    records: dict[int, SetRecord] = {}
    ended_at = header.get("started_at")
    bad_sets: list[str] = []
    for number, entry in entries[1:]:
        kind, step = entry.get("type"), entry.get("step", entry.get("from"))
        if kind not in ("set", "drop") or isinstance(step, bool) or not isinstance(step, int):
            unreadable.append(number)
            continue
        if kind == "set":
            try:
                records[step] = SetRecord.from_dict(entry.get("record"), where=f"line {number}: record")
            except RecordError as exc:
                bad_sets.append(str(exc))
                continue
        else:
            records = {k: v for k, v in records.items() if k < step}
        if _timestamp(entry.get("at")):
            ended_at = entry["at"]
    if isinstance(ended_at, str) and _timestamp(ended_at) and _timestamp(header.get("started_at")):
        ended_at = end_within(header["started_at"], ended_at)  # a wall clock set back (or ahead) meanwhile
    notes = []
    if unreadable:
        unreadable.sort()
        last = len(lines) if lines[-1].strip() else len(lines) - 1
        which = ", ".join(str(n) for n in unreadable[:10]) + (", …" if len(unreadable) > 10 else "")
        cut = " (the last one, cut short when the workout ended)" if unreadable == [last] else ""
        lines_were = f"lines {which} were" if len(unreadable) > 1 else f"line {which} was"
        notes.append(f"{name}: {lines_were} not complete{cut} and skipped; every other line was "
                     "recovered.")
    notes += [f"{name}: {problem} (this set is skipped)" for problem in bad_sets]
    if not records:
        Session.from_dict({**_session_fields(header, ended_at), "sets": []}, where=name)  # a bad header
        return None, notes
    data_ = {**_session_fields(header, ended_at), "sets": [records[k].to_dict() for k in sorted(records)]}
    return Session.from_dict(data_, where=name), notes


def _session_fields(header: dict[str, Any], ended_at: Any) -> dict[str, Any]:
    return {"id": header.get("id"), "routine": header.get("routine"),
            "routine_name": header.get("routine_name"), "started_at": header.get("started_at"),
            "ended_at": ended_at, "status": "recovered",
            # a bad count (a hand-edited header) costs only the count, never the sets
            "planned_sets": planned if isinstance(planned := header.get("planned_sets"), int)
            and not isinstance(planned, bool) and 0 <= planned <= 100_000 else None}
