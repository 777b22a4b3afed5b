"""The session history: TinyDB files (a `sessions` table), one file per year.

- Every write goes through `AtomicJSONStorage` (temporary file, fsync, rename), so a kill at
  any instant leaves the old or the new file, never a torn one.
- Every change is a read-modify-write under an exclusive lock on `history.lock`, with a fresh
  TinyDB each time, so two copies of the app on one folder never drop each other's sessions.
- One file per year keeps each rewrite small, whatever the length of the history.
- A file that cannot be read is moved aside with a timestamp, never overwritten; a single bad
  session (even one that is not an object, `null`) is skipped and reported, and stays in its
  file untouched: TinyDB is given the file's data as it is and writes it back as it was.
- Files are read through `store.safe_read` (no hang on a FIFO, regular files only, a size cap,
  deep nesting and huge numbers refused by kind). A file that cannot be read now (permission)
  is reported and left alone; in a read-only folder, what can be read is still shown.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, cast

from tinydb import Query, TinyDB
from tinydb.storages import Storage

from glute_tui.core.records import RecordError, Session
from glute_tui.store.atomic import FILE_MODE, atomic_write_chunks, clean_orphans, make_dirs, move_aside
from glute_tui.store.journal import Journal, find_leftovers
from glute_tui.store.safe_read import DATA_MAX_BYTES, Unreadable, parse_json, read_text

TABLE = "sessions"
FILE_RE = re.compile(r"sessions-(\d{4})\.json")


class DamagedFile(Exception):
    """A history file that is not a TinyDB document (`damaged`), or that cannot be read now."""

    def __init__(self, why: str, *, damaged: bool = True) -> None:
        super().__init__(why)
        self.damaged = damaged


class SaveFailed(OSError):
    """Saving several sessions stopped part way: `added` were saved before `path` failed."""

    def __init__(self, cause: OSError, added: int, path: Path) -> None:
        super().__init__(cause.errno, cause.strerror or str(cause), str(path))
        self.cause = cause
        self.added = added
        self.path = path


_SURROGATE = re.compile("[\ud800-\udfff]")
_CANONICAL_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_DOC_ID = re.compile(r"[1-9][0-9]{0,17}")  # a key TinyDB reads back as the same document id


def canonical_id(value: str) -> str:
    """A session id as it is compared: a UUID in its lower-case hyphenated form (however it was
    spelt: upper case, braces, `urn:uuid:`, no hyphens); anything else as it is."""
    if _CANONICAL_ID.fullmatch(value):
        return value
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return value


def json_chunks(data: dict[str, Any]) -> Iterator[str]:
    """The text of `json.dumps(data, separators=(",", ":"), ensure_ascii=False)`, a session at
    a time: dumped at once, a year's file held ten times its size in pieces while saving."""
    def dumps(value: Any) -> str:
        text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
        if not text.isascii() and _SURROGATE.search(text):  # a lone surrogate (from a `\\ud800`
            # escape in a hand-edited session) cannot be written as UTF-8: keep it escaped
            text = json.dumps(value, separators=(",", ":"))
        return text

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
        """The file's tables as they are; each session in them is checked by whoever reads it,
        so one bad session (even `null`) is skipped and reported, not the whole file."""
        try:
            text = read_text(self.path, limit=DATA_MAX_BYTES, follow=False)
            if not text.strip():
                return None
            data = parse_json(text, self.path)
        except FileNotFoundError:
            return None
        except Unreadable as exc:
            raise DamagedFile(exc.why, damaged=exc.damaged) from None
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            raise DamagedFile("JSON of the wrong shape (expected tables of sessions)")
        return data

    def write(self, data: dict[str, Any]) -> None:
        atomic_write_chunks(self.path, json_chunks(data))

    def close(self) -> None:
        pass


class ReadOnceStorage(AtomicJSONStorage):
    """The file as it was just read under the lock. TinyDB reads a table more than once per
    change, and each read parsed the whole year's file again (a save parsed it three times).

    TinyDB takes any value as a document when it only inserts and removes (a `null` session
    stays as it is), but not every key: a hand-edited key that is not a document id ("abc",
    "007") is kept out of its sight and written back where it was.
    """

    def __init__(self, path: str | Path, data: dict[str, Any] | None) -> None:
        super().__init__(path)
        self.ids = _session_ids(data)  # every session's, seen by TinyDB or not
        self._odd: dict[str, dict[str, Any]] = {}
        for name, table in (data or {}).items():
            odd = {key: doc for key, doc in table.items() if not _DOC_ID.fullmatch(key)}
            if odd:
                self._odd[name] = odd
                data[name] = {key: doc for key, doc in table.items() if key not in odd}  # type: ignore[index]
        self._data = data

    def read(self) -> dict[str, Any] | None:
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        whole = data
        if self._odd:
            whole = {name: {**table, **self._odd.get(name, {})} for name, table in data.items()}
            whole.update({name: odd for name, odd in self._odd.items() if name not in whole})
        super().write(whole)
        self._data = data


def _session_ids(data: dict[str, Any] | None) -> set[str]:
    """The ids of the sessions in a file's data, as compared (see `canonical_id`)."""
    ids = set()
    for doc in (data or {}).get(TABLE, {}).values():
        if isinstance(doc, dict) and isinstance(doc.get("id"), str):
            ids.add(canonical_id(doc["id"]))
    return ids


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
    def _locked(self, *, reading: bool = False) -> Iterator[None]:
        """The exclusive lock on `history.lock` (never through a symbolic link).

        `reading`: for a reader that only looks again before moving a file aside. Where the
        lock cannot be made (a read-only folder) it goes on without: nobody can write there.
        """
        lock = self.folder / "history.lock"
        flags = os.O_NOFOLLOW | os.O_CLOEXEC
        try:
            make_dirs(self.folder)
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | flags, FILE_MODE)
        except OSError:
            if not reading:
                raise
            try:
                fd = os.open(lock, os.O_RDONLY | flags)
            except OSError:
                yield
                return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def _move_aside(self, path: Path, why: str, what: str = "") -> str:
        return self._try_move_aside(path, why, what)[0]

    def _try_move_aside(self, path: Path, why: str, what: str = "") -> tuple[str, bool]:
        try:
            target = move_aside(path)
        except OSError as exc:  # a read-only folder: say so, and go on with what can be read
            return (f"{path.name}{what} could not be read ({why}); it could not be moved aside "
                    f"either ({exc.strerror or exc}), so it is left as it is and skipped.", False)
        return (f"{path.name}{what} could not be read ({why}); it was moved aside to {target} "
                "and nothing in it was changed.", True)

    def _open(self, path: Path, problems: list[str]) -> TinyDB:
        """A TinyDB on `path`, read once (under the lock); a damaged file is moved aside first.

        A file that cannot be read now, or not moved aside, is never written over: OSError."""
        try:
            data = AtomicJSONStorage(path).read()
        except DamagedFile as exc:
            if not exc.damaged:
                raise OSError(errno.EIO, f"{path.name} {exc}") from None
            message, moved = self._try_move_aside(path, str(exc))
            problems.append(message)
            if not moved:
                raise OSError(errno.EIO, message) from None
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
                stat = os.lstat(path)
                version.append((path.name, (stat.st_mtime_ns, stat.st_size)))
            except OSError:
                version.append((path.name, (0, 0)))
        return tuple(version)

    def _load_file(self, path: Path) -> tuple[list[Session], list[str]]:
        try:
            data = AtomicJSONStorage(path).read() or {}
        except DamagedFile as exc:
            if not exc.damaged:
                return [], [f"{path.name} could not be read ({exc}); it is left as it is and skipped."]
            with self._locked(reading=True):
                # Re-check under the lock: another copy may have just replaced the file.
                try:
                    data = AtomicJSONStorage(path).read() or {}
                except DamagedFile as again:
                    if not again.damaged:
                        return [], [f"{path.name} could not be read ({again}); it is left as it is "
                                    "and skipped."]
                    return [], [self._move_aside(path, str(again))]
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
                try:
                    db = self._open(path, problems) if only_its_file else None
                    if db is not None:  # one read of its file gives the ids and serves the write
                        known |= cast(ReadOnceStorage, db.storage).ids
                    fresh = []
                    for session in group:
                        key = canonical_id(session.id)
                        if key not in known:
                            known.add(key)
                            fresh.append(session.to_dict())
                    if not fresh:
                        continue
                    db = db or self._open(path, problems)
                    db.table(TABLE).insert_multiple(fresh)
                except OSError as exc:
                    if only_its_file:
                        raise
                    raise SaveFailed(exc, added, path) from exc
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

    def update(self, session: Session) -> bool:
        """Write an edited session (its pain check, say) over the stored one with its id, in its
        year's file, atomically and under the lock; False when it is not there (deleted meanwhile).
        Nothing else in the file changes: a version-1 session next to it stays as it was."""
        path = self.file_for(session)
        with self._locked():
            if not path.exists():
                return False
            problems: list[str] = []
            db = self._open(path, problems)
            return bool(db.table(TABLE).update(session.to_dict(), Query().id == session.id))

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
                        recovery.problems.append(f"{leftover.path.name}, the journal of a workout, could "
                                                 f"not be read ({leftover.problem}); it is left as it is, "
                                                 "to be recovered later.")
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
