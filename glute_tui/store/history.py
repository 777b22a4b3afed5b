"""The session history: TinyDB files (a `sessions` table), one file per year.

- Every write goes through `AtomicJSONStorage` (temporary file, fsync, rename), so a kill at
  any instant leaves the old or the new file, never a torn one.
- Every change is a read-modify-write under an exclusive lock on `history.lock`, with a fresh
  TinyDB each time, so two copies of the app on one folder never drop each other's sessions.
- One file per year keeps each rewrite small, whatever the length of the history.
- A file that cannot be read is moved aside with a timestamp, never overwritten; a single bad
  session is skipped and reported, and stays in its file untouched.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from tinydb import Query, TinyDB
from tinydb.storages import Storage

from glute_tui.store.atomic import atomic_write_chunks, clean_orphans, move_aside
from glute_tui.store.journal import Journal, find_leftovers
from glute_tui.core.records import RecordError, Session

TABLE = "sessions"
FILE_RE = re.compile(r"sessions-(\d{4})\.json")


class DamagedFile(Exception):
    """A history file that is not a TinyDB document."""


def json_chunks(data: dict[str, Any]) -> Iterator[str]:
    """The text of `json.dumps(data, separators=(",", ":"), ensure_ascii=False)`, a session at
    a time: dumped at once, a year's file held ten times its size in pieces while saving."""
    def dumps(value: Any) -> str:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)

    yield "{"
    for i, (name, table) in enumerate(data.items()):
        yield f"{',' if i else ''}{dumps(str(name))}:"
        if not isinstance(table, dict):
            yield dumps(table)
            continue
        yield "{"
        for j, (doc_id, doc) in enumerate(table.items()):
            yield f"{',' if j else ''}{dumps(str(doc_id))}:{dumps(doc)}"
        yield "}"
    yield "}"


class AtomicJSONStorage(Storage):
    """TinyDB storage that never rewrites a file in place."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, Any] | None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except UnicodeDecodeError as exc:
            raise DamagedFile(f"not UTF-8 text ({exc.reason})") from None
        if not text.strip():
            return None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DamagedFile(f"not JSON ({exc.msg} at line {exc.lineno})") from None
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            raise DamagedFile("JSON of the wrong shape (expected tables of sessions)")
        table = data.get(TABLE, {})
        if not all(isinstance(doc, dict) for doc in table.values()):
            raise DamagedFile("JSON of the wrong shape (a session that is not an object)")
        return data

    def write(self, data: dict[str, Any]) -> None:
        atomic_write_chunks(self.path, json_chunks(data))

    def close(self) -> None:
        pass


class ReadOnceStorage(AtomicJSONStorage):
    """The file as it was just read under the lock. TinyDB reads a table more than once per
    change, and each read parsed the whole year's file again (a save parsed it three times)."""

    def __init__(self, path: str | Path, data: dict[str, Any] | None) -> None:
        super().__init__(path)
        self._data = data

    def read(self) -> dict[str, Any] | None:
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        super().write(data)
        self._data = data


def _session_ids(data: dict[str, Any] | None) -> set[str]:
    return {str(doc.get("id")) for doc in (data or {}).get(TABLE, {}).values() if isinstance(doc, dict)}


@dataclass
class Loaded:
    sessions: list[Session] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass
class Recovery:
    recovered: list[Session] = field(default_factory=list)
    live: int = 0
    problems: list[str] = field(default_factory=list)

    def messages(self) -> list[str]:
        lines = []
        for session in self.recovered:
            done = sum(1 for s in session.sets if s.done)
            lines.append(f"Recovered an unfinished workout from {session.when}: "
                         f"{session.routine_name}, {done} set{'s' if done != 1 else ''} saved as 'recovered'.")
        if self.live:
            lines.append("A workout is running in another glute-tui window; its sets are saved there.")
        return lines + self.problems


class History:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    # --- files and locking ---------------------------------------------------------------------

    def files(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return sorted(p for p in self.folder.iterdir() if FILE_RE.fullmatch(p.name))

    def file_for(self, session: Session) -> Path:
        # The year as the person saw it, in the offset the session was recorded with.
        return self.folder / f"sessions-{session.started_at[:4]}.json"

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.folder / "history.lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def _move_aside(self, path: Path, why: str, what: str = "") -> str:
        try:
            target = move_aside(path)
        except OSError as exc:  # a read-only folder: say so, and go on with what can be read
            return (f"{path.name}{what} could not be read ({why}); it could not be moved aside "
                    f"either ({exc.strerror or exc}), so it is left as it is and skipped.")
        return (f"{path.name}{what} could not be read ({why}); it was moved aside to {target} "
                "and nothing in it was changed.")

    def _open(self, path: Path, problems: list[str]) -> TinyDB:
        """A TinyDB on `path`, read once (under the lock); a damaged file is moved aside first."""
        try:
            data = AtomicJSONStorage(path).read()
        except DamagedFile as exc:
            problems.append(self._move_aside(path, str(exc)))
            data = None
        return TinyDB(path, data, storage=ReadOnceStorage)

    # --- reading -------------------------------------------------------------------------------

    def load(self) -> Loaded:
        """Every readable session, oldest first, and what could not be read."""
        loaded = Loaded()
        for sessions, problems in self.each_file():
            loaded.sessions += sessions
            loaded.problems += problems
        loaded.sessions.sort(key=lambda s: (s.started, s.id))  # across the years' files too
        return loaded

    def each_file(self, *, newest_first: bool = False) -> Iterator[tuple[list[Session], list[str]]]:
        """Each year's sessions (in order of start) and problems, a file at a time, kept by
        nobody here: the app streams a long history through its figures, never holding it all."""
        files = self.files()
        for path in reversed(files) if newest_first else files:
            sessions, problems = self._load_file(path)
            yield sorted(sessions, key=lambda s: (s.started, s.id), reverse=newest_first), problems

    def version(self) -> tuple:
        """(file, mtime, size) of each file: equal versions, equal contents."""
        version = []
        for path in self.files():
            try:
                stat = path.stat()
                version.append((path.name, (stat.st_mtime_ns, stat.st_size)))
            except FileNotFoundError:
                version.append((path.name, (0, 0)))
        return tuple(version)

    def _load_file(self, path: Path) -> tuple[list[Session], list[str]]:
        try:
            data = AtomicJSONStorage(path).read() or {}
        except DamagedFile as exc:
            with self._locked():
                # Re-check under the lock: another copy may have just replaced the file.
                try:
                    data = AtomicJSONStorage(path).read() or {}
                except DamagedFile:
                    return [], [self._move_aside(path, str(exc))]
        sessions, problems = [], []
        for doc_id, doc in data.get(TABLE, {}).items():
            try:
                sessions.append(Session.from_dict(doc, where=f"session {doc_id}"))
            except RecordError as exc:
                problems.append(f"{path.name}: {exc} (this session is skipped, and kept in the file)")
        return sessions, problems

    # --- writing -------------------------------------------------------------------------------

    def add(self, session: Session) -> bool:
        """Save a session; False when one with its id is already there.

        Only its own year's file is read and rewritten: a session (or a journal recovered
        into one) always keeps its `started_at`, so its id could only be there.
        """
        return self.add_many([session], only_its_file=True) == 1

    def add_many(self, sessions: Iterable[Session], *, only_its_file: bool = False) -> int:
        """Save sessions not already present (by id), one write per file; returns how many."""
        by_file: dict[Path, list[Session]] = {}
        for session in sessions:
            by_file.setdefault(self.file_for(session), []).append(session)
        added = 0
        problems: list[str] = []
        with self._locked():
            known = set() if only_its_file else self._known_ids(self.files())
            for path, group in by_file.items():
                db = self._open(path, problems) if only_its_file else None
                if db is not None:  # one read of its file gives the ids and serves the write
                    known |= _session_ids(db.storage.read())
                fresh = []
                for session in group:
                    if session.id not in known:
                        known.add(session.id)
                        fresh.append(session.to_dict())
                if not fresh:
                    continue
                db = db or self._open(path, problems)
                db.table(TABLE).insert_multiple(fresh)
                added += len(fresh)
        return added

    def _known_ids(self, paths: list[Path]) -> set[str]:
        ids: set[str] = set()
        for path in paths:
            if not path.exists():
                continue
            try:
                data = AtomicJSONStorage(path).read() or {}
            except DamagedFile:
                continue
            ids |= _session_ids(data)
        return ids

    def delete(self, session_id: str) -> bool:
        with self._locked():
            for path in self.files():
                problems: list[str] = []
                db = self._open(path, problems)
                removed = db.table(TABLE).remove(Query().id == session_id)
                if removed:
                    return True
        return False

    # --- the journal of a running workout, and recovery ---------------------------------------

    @property
    def journal_dir(self) -> Path:
        return self.folder / "journal"

    def start_journal(self, session: Session) -> Journal:
        return Journal.create(self.journal_dir, session)

    def recover(self) -> Recovery:
        """Turn journals of workouts that are no longer running into `recovered` sessions.

        The session is saved before its journal is removed, and saving is idempotent by id,
        so a crash in between recovers it once, not twice.
        """
        clean_orphans(self.folder)
        recovery = Recovery()
        for leftover in find_leftovers(self.journal_dir):
            if leftover.live:
                recovery.live += 1
                continue
            try:
                if leftover.problem:
                    if leftover.damaged:
                        recovery.problems.append(self._set_aside_journal(leftover.path, leftover.problem))
                    else:
                        recovery.problems.append(f"The journal of a workout, {leftover.problem}; "
                                                 "it is left as it is, to be recovered later.")
                    leftover.release(remove=False)
                    continue
                recovery.problems += leftover.notes
                if leftover.session is not None:
                    if self.add(leftover.session):
                        recovery.recovered.append(leftover.session)
                leftover.release(remove=True)
            except OSError as exc:
                leftover.release(remove=False)
                recovery.problems.append(f"Could not recover {leftover.path.name}: {exc}")
        return recovery

    def _set_aside_journal(self, path: Path, problem: str) -> str:
        return self._move_aside(path, problem, what=", the journal of a workout,")
