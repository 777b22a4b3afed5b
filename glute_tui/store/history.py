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
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, cast

from tinydb import Query, TinyDB
from tinydb.storages import Storage

from glute_tui.core.digest import DigestError, extend
from glute_tui.core.digest import digest as digest_of
from glute_tui.core.records import RecordError, Session
from glute_tui.store.atomic import (
    FILE_MODE,
    atomic_write_bytes,
    atomic_write_chunks,
    clean_orphans,
    make_dirs,
    move_aside,
)
from glute_tui.store.history_index import FOLDER as INDEX_FOLDER
from glute_tui.store.history_index import YearIndex, content_hash, has_uuid, read_index, stat_key, write_index
from glute_tui.store.journal import Journal, find_leftovers
from glute_tui.store.safe_read import DATA_MAX_BYTES, Unreadable, decode, open_regular, parse_json, read_fd, read_text
from glute_tui.store.year_append import DOC_ID, append_info, dumps, splice

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


_CANONICAL_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


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
            odd = {key: doc for key, doc in table.items() if not DOC_ID.fullmatch(key)}
            if odd:
                self._odd[name] = odd
                data[name] = {key: doc for key, doc in table.items() if key not in odd}  # type: ignore[index]
        self._data = data
        self.append: dict[str, int] | None = None  # of the file last written (see year_append)

    def read(self) -> dict[str, Any] | None:
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        whole = data
        if self._odd:
            whole = {name: {**table, **self._odd.get(name, {})} for name, table in data.items()}
            whole.update({name: odd for name, odd in self._odd.items() if name not in whole})
        super().write(whole)
        self._data = data
        self.append = append_info(whole, TABLE)


def _sessions_of(data: dict[str, Any], path: Path) -> tuple[list[Session], list[str]]:
    """The valid sessions of a year file's data, and a problem for each one skipped."""
    sessions, problems = [], []
    for doc_id, doc in data.get(TABLE, {}).items():
        try:
            sessions.append(Session.from_dict(doc, where=f"session {doc_id}"))
        except RecordError as exc:
            problems.append(f"{path.name}: {exc} (this session is skipped, and kept in the file)")
    return sessions, problems


def _read_source(path: Path) -> tuple[bytes, os.stat_result, os.stat_result]:
    """A year file's bytes, with its status before and after reading (from the open file)."""
    try:
        fd = open_regular(path, follow=False)
    except Unreadable as exc:
        raise DamagedFile(exc.why, damaged=exc.damaged) from None
    try:
        before = os.fstat(fd)
        raw = read_fd(fd, path, limit=DATA_MAX_BYTES)
        return raw, before, os.fstat(fd)
    except Unreadable as exc:
        raise DamagedFile(exc.why, damaged=exc.damaged) from None
    finally:
        os.close(fd)


def _parse_source(raw: bytes, path: Path) -> dict[str, Any]:
    """A year file's tables, as `AtomicJSONStorage.read` takes them."""
    try:
        text = decode(raw, path)
        data = parse_json(text, path) if text.strip() else {}
    except Unreadable as exc:
        raise DamagedFile(exc.why, damaged=exc.damaged) from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise DamagedFile("JSON of the wrong shape (expected tables of sessions)")
    return data


def _parts(detail: list[Any], rows: list[Any], ids: list[str]) -> dict[str, Any]:
    return {"detail": detail, "rows": rows, "ids": ids}


def _session_ids(data: dict[str, Any] | None) -> set[str]:
    """The ids of the sessions in a file's data, as compared (see `canonical_id`)."""
    ids = set()
    for doc in (data or {}).get(TABLE, {}).values():
        if isinstance(doc, dict) and isinstance(doc.get("id"), str):
            ids.add(canonical_id(doc["id"]))
    return ids


class KnownIds:
    """The ids of the sessions already saved, as import's merge asks for them (canonical): the
    first few UUIDs are looked up in each year's ids as the index keeps them, unparsed (100,000
    ids take longer to parse than the rest of an import of one session); past those, or for an
    id that is not a UUID, every year's ids are parsed once into a set."""

    FEW = 16

    def __init__(self, history: History, texts: list[tuple[Path, bytes]]) -> None:
        self._history = history
        self._texts = texts
        self._ids: set[str] | None = None
        self._added: set[str] = set()
        self._asked = 0

    def __contains__(self, key: str) -> bool:
        if key in self._added:
            return True
        if self._ids is None and self._asked < self.FEW and _CANONICAL_ID.fullmatch(key):
            self._asked += 1
            return any(has_uuid(text, key) for _, text in self._texts)
        return key in self._all()

    def add(self, key: str) -> None:
        self._added.add(key)
        if self._ids is not None:
            self._ids.add(key)

    def _all(self) -> set[str]:
        if self._ids is None:
            ids = set(self._added)
            for path, text in self._texts:
                try:
                    found = json.loads(text)
                    if not isinstance(found, list) or not all(isinstance(i, str) for i in found):
                        raise DigestError("ids must be texts")
                    ids.update(found)
                except (ValueError, RecursionError):  # DigestError too: made again from the file
                    ids |= self._history.year(path, trust_index=False, move_damaged=False).ids()
            self._ids = ids
        return self._ids


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

    def in_order(self, problems: list[str]) -> Iterator[Session]:
        """Every readable session, oldest first as `load` orders them, read a year file at a
        time (an export of any length); what could not be read is added to `problems`."""
        files = self.files()
        held: list[Session] = []
        for index, path in enumerate(files):
            sessions, found = self._load_file(path)
            problems += found
            held = sorted(held + sessions, key=lambda s: (s.started, s.id))
            if index + 1 == len(files):
                break
            # A later file holds later local years only: nothing in it starts before its
            # year's first instant anywhere on earth (+14:00).
            year = max(1, int(files[index + 1].name[9:13]))
            cutoff = datetime(year, 1, 1, tzinfo=timezone(timedelta(hours=14)))
            keep = next((i for i, s in enumerate(held) if s.started >= cutoff), len(held))
            yield from held[:keep]
            held = held[keep:]
        yield from held

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
        for _ in range(3):
            try:
                data = AtomicJSONStorage(path).read() or {}
            except DamagedFile as exc:
                problems = self._damaged(path, exc)
                if problems:
                    return [], problems
                continue
            return _sessions_of(data, path)
        return [], [f"{path.name} kept changing while it was read; it is skipped this time."]

    def _damaged(self, path: Path, exc: DamagedFile) -> list[str]:
        """What a reader says of a file it could not read: moved aside when damaged (checked
        again under the lock: another copy may have just replaced it), else left as it is."""
        if not exc.damaged:
            return [f"{path.name} could not be read ({exc}); it is left as it is and skipped."]
        with self._locked(reading=True):
            try:
                AtomicJSONStorage(path).read()
            except DamagedFile as again:
                if not again.damaged:
                    return [f"{path.name} could not be read ({again}); it is left as it is "
                            "and skipped."]
                return [self._move_aside(path, str(again))]
        return []  # readable now: the caller reads it again

    # --- the index: each year's digest, kept beside the files ------------------------------------

    def years(self, *, newest_first: bool = False) -> Iterator[YearIndex]:
        """Each year file's digest (see store/history_index.py), a year at a time; a year that
        did not change since its index was made is not read."""
        files = self.files()
        for path in reversed(files) if newest_first else files:
            yield self.year(path)

    def year(self, path: Path, *, trust_index: bool = True, move_damaged: bool = True) -> YearIndex:
        """The digest of one year file: its index when that was made from the file as it is,
        else made from the file now (and kept for the next read)."""
        kept = read_index(path) if trust_index else None
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            return YearIndex(path.name, digest_of([])[0], parts=_parts([], [], []))
        except OSError as exc:
            return YearIndex(path.name, digest_of([])[0], [f"{path.name} could not be read ({exc}); "
                                                           "it is left as it is and skipped."])
        if kept is not None and kept[1]["stat"] == stat_key(info):
            return kept[0]
        for _ in range(3):  # a file that is replaced while read is read again
            try:
                raw, before, after = _read_source(path)
            except FileNotFoundError:
                return YearIndex(path.name, digest_of([])[0], parts=_parts([], [], []))
            except DamagedFile as exc:
                if not move_damaged:
                    return YearIndex(path.name, digest_of([])[0], [f"{path.name} could not be read ({exc})"],
                                     parts=_parts([], [], []))
                problems = self._damaged(path, exc)
                if problems:
                    return YearIndex(path.name, digest_of([])[0], problems, parts=_parts([], [], []))
                continue
            source = {"name": path.name, "stat": stat_key(after), "blake2b": content_hash(raw)}
            steady = stat_key(before) == stat_key(after)
            if kept is not None and kept[1]["blake2b"] == source["blake2b"] and steady:
                year = kept[0]  # the same bytes (copied, touched): only its key is new
            else:
                try:
                    data = _parse_source(raw, path)
                except DamagedFile as exc:
                    if not move_damaged:
                        return YearIndex(path.name, digest_of([])[0], [f"{path.name} could not be read ({exc})"],
                                         parts=_parts([], [], []))
                    problems = self._damaged(path, exc)
                    if problems:
                        return YearIndex(path.name, digest_of([])[0], problems, parts=_parts([], [], []))
                    continue
                del raw
                sessions, problems = _sessions_of(data, path)
                ids = sorted(_session_ids(data))
                append = append_info(data, TABLE)
                del data
                figures, detail, rows = digest_of(sessions)
                year = YearIndex(path.name, figures, problems, _parts(detail, rows, ids), append=append)
            if steady:
                write_index(path, year, source)
            return year
        sessions, problems = self._load_file(path)
        figures, detail, rows = digest_of(sessions)
        return YearIndex(path.name, figures, problems, _parts(detail, rows, sorted({canonical_id(s.id) for s in sessions})))

    def _index_before(self, path: Path) -> YearIndex | None:
        """Under the lock, before a write: the index of `path` when it is of the file as it is
        (an empty one for a file not made yet); None when there is none to grow."""
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            return YearIndex(path.name, digest_of([])[0], parts=_parts([], [], []))
        except OSError:
            return None
        kept = read_index(path)
        return kept[0] if kept is not None and kept[1]["stat"] == stat_key(info) else None

    def _extend_index(self, path: Path, before: YearIndex | None, sessions: list[Session], *,
                      append: dict[str, int] | None, source: dict[str, Any] | None = None) -> None:
        """Under the lock, after `sessions` were added to `path`: its index grown by them (a
        saved workout needs no year read again). `source`: the file as it was just written (its
        status and hash), else it is read again. Whatever goes wrong, the index is left to be
        made again at the next read."""
        if before is None:
            return
        try:
            grown = extend(before.detail(), before._part("rows"), sessions)
            ids = sorted(before.ids() | {canonical_id(s.id) for s in sessions})
            if source is None:
                raw, info, again = _read_source(path)
                if stat_key(info) != stat_key(again):
                    return
                source = {"name": path.name, "stat": stat_key(again), "blake2b": content_hash(raw)}
                del raw
            figures, detail, rows = grown
            write_index(path, YearIndex(path.name, figures, before.problems, _parts(detail, rows, ids),
                                        append=append), source)
        except (OSError, DamagedFile, DigestError):
            return

    def _append(self, path: Path, before: YearIndex | None, sessions: list[Session]) -> bool:
        """Under the lock: `sessions` added to the end of `path`'s table without parsing it, when
        its index says how (see store/year_append.py), and the index grown by them. False when
        the file must be written the ordinary way (nothing was written). OSError when writing
        failed (the file is then as it was)."""
        if before is None or before.append is None or before.source is None:
            return False
        try:
            fd = open_regular(path, follow=False)
        except (OSError, Unreadable):
            return False
        try:
            size = before.source["stat"][0]
            if not 0 <= size <= DATA_MAX_BYTES:
                return False
            buffer = bytearray(size + 1)  # read into one buffer: 14 MB joined from pieces cost more
            view, got = memoryview(buffer), 0
            while got <= size:
                count = os.readv(fd, [view[got:]])
                if not count:
                    break
                got += count
            del view
            if got != size or stat_key(os.fstat(fd)) != before.source["stat"]:
                return False
            raw = bytes(memoryview(buffer)[:size]) if size else b""
            del buffer
        except (OSError, TypeError, IndexError):
            return False
        finally:
            os.close(fd)
        spliced = splice(raw, before.source["blake2b"], before.append["next_id"], (s.to_dict() for s in sessions))
        if spliced is None:
            return False
        written, placed = atomic_write_bytes(path, spliced.pieces(raw))
        del raw
        if stat_key(written)[:2] == stat_key(placed)[:2] and stat_key(written)[3] == stat_key(placed)[3]:
            # nothing wrote to it between fsync and rename (only the rename's ctime is new)
            source = {"name": path.name, "stat": stat_key(placed), "blake2b": spliced.digest}
            self._extend_index(path, before, sessions, append={"next_id": spliced.next_id}, source=source)
        return True

    def find(self, session_id: str, started_at: str) -> Session | None:
        """The whole session with this id, from its year's file (a list holds only rows)."""
        path = self.folder / f"sessions-{started_at[:4]}.json"
        if not FILE_RE.fullmatch(path.name):
            return None
        try:
            data = AtomicJSONStorage(path).read() or {}
        except DamagedFile:
            return None
        for doc_id, doc in data.get(TABLE, {}).items():
            if isinstance(doc, dict) and doc.get("id") == session_id:
                try:
                    return Session.from_dict(doc, where=f"session {doc_id}")
                except RecordError:
                    return None
        return None

    # --- writing -------------------------------------------------------------------------------

    def add(self, session: Session) -> bool:
        """Save a session; False when one with its id is already there.

        Only its own year's file is read and rewritten: a session (or a journal recovered
        into one) always keeps its `started_at`, so its id could only be there.
        """
        return self.add_many([session], only_its_file=True) == 1

    def add_many(self, sessions: Iterable[Session], *, only_its_file: bool = False) -> int:
        """Save sessions not already present (by id); returns how many. See `add_stream`."""
        if not only_its_file:
            return self.add_stream(sessions)
        added = 0
        problems: list[str] = []
        with self._locked():
            known: set[str] = set()
            for session in sessions:
                path = self.file_for(session)
                db = self._open(path, problems)  # one read of its file gives the ids and serves the write
                known |= cast(ReadOnceStorage, db.storage).ids
                key = canonical_id(session.id)
                if key in known:
                    continue
                known.add(key)
                before = self._index_before(path)
                db.table(TABLE).insert_multiple([session.to_dict()])
                self._extend_index(path, before, [session], append=cast(ReadOnceStorage, db.storage).append)
                added += 1
        return added

    BATCH = 2000  # sessions held before their files are written: memory stays flat

    def add_stream(self, sessions: Iterable[Session], *, batch: int | None = None) -> int:
        """Save sessions not already present (by id), read from `sessions` as they come (an
        import of any size): under the lock, the ids already saved are taken from the index
        once, then sessions are written a batch at a time, one write per year file in a batch.
        SaveFailed tells how many were saved before a write failed."""
        batch = batch or self.BATCH
        added = 0
        problems: list[str] = []
        with self._locked():
            known = self._known_ids(self.files())
            by_file: dict[Path, list[Session]] = {}
            held = 0

            def flush() -> None:
                nonlocal added, held
                for path, group in by_file.items():
                    before = self._index_before(path)
                    try:
                        if not self._append(path, before, group):  # else: parse, insert, write whole
                            db = self._open(path, problems)
                            db.table(TABLE).insert_multiple(s.to_dict() for s in group)
                            self._extend_index(path, before, group, append=cast(ReadOnceStorage, db.storage).append)
                    except OSError as exc:
                        raise SaveFailed(exc, added, path) from exc
                    added += len(group)
                by_file.clear()
                held = 0

            for session in sessions:
                key = canonical_id(session.id)
                if key in known:
                    continue
                known.add(key)
                by_file.setdefault(self.file_for(session), []).append(session)
                held += 1
                if held >= batch:
                    flush()
            flush()
        return added

    def _known_ids(self, paths: list[Path]) -> KnownIds:
        """Every session id already saved, from the index (under the lock: nothing is moved)."""
        texts = []
        for path in paths:
            try:
                texts.append((path, self.year(path, move_damaged=False).ids_text()))
            except DigestError:
                texts.append((path, self.year(path, trust_index=False, move_damaged=False).ids_text()))
        return KnownIds(self, texts)

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
        clean_orphans(self.folder / INDEX_FOLDER)
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
