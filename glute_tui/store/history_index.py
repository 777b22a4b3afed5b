"""The history's index: a digest of each year file (core/digest.py), kept in `index/` beside them.

The year files stay the record; an index file is derived and disposable (delete the folder at
any time: it is made again on the next read). Each index file names the year file it was made
from and that file's size, mtime, ctime and inode as they were when it was read, and the
BLAKE2b hash of its bytes:

- the index is used only when the year file's size, mtime_ns, ctime_ns and inode are exactly
  those recorded. An edit changes the ctime even when the mtime is set back (`touch -d`,
  `os.utime`) and the size kept, and a file put in its place (an atomic save, a copy, a
  restore) has a new inode or ctime: either way the index is not trusted;
- when they differ, the year file is read and hashed: the same bytes (a folder copied with
  its index, a `chmod`) only re-key the index, other bytes are parsed and digested again.
  Hashing every file at every read was measured instead: BLAKE2b of 210 MB (100,000
  sessions) takes 0.27 s on a 2-core machine, half of the whole budget of a read;
- an index that cannot be read, is of another format or version, names another file or is
  not of the digest's shape is ignored and made again. Writing it is atomic
  (store/atomic.py); when it cannot be written (a read-only folder), the digest is used
  from memory and the next read makes it again.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from glute_tui.core.digest import DigestError, Row
from glute_tui.store.atomic import atomic_write_chunks
from glute_tui.store.safe_read import Unreadable, open_regular

FOLDER = "index"
# 2: a row's length as 08:17 (was whole minutes); 3: a two-sided set done only with both sides;
# 4: `append` (where a new session goes in the file) and each day's sessions in the detail
FORMAT, VERSION = "glute-tui-index", 4


def stat_key(info: os.stat_result) -> list[int]:
    """What must not change for an index to be trusted."""
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


def content_hash(data: bytes) -> str:
    import hashlib  # here, not at start: importing it loads OpenSSL (0.5 MB resident)

    return hashlib.blake2b(data, digest_size=20).hexdigest()


PARTS = ("ids", "rows", "detail")


@dataclass
class YearIndex:
    """A year file's digest. `figures` is read at once; the ids, the rows and the days' detail
    only when asked for (the figures never need the rows, import needs only the ids). A
    damaged part raises DigestError (the caller makes the index again from the year file)."""

    name: str  # the year file's name, `sessions-2026.json`
    figures: dict[str, Any]
    problems: list[str] = field(default_factory=list)
    parts: dict[str, Any] = field(default_factory=dict)  # made now: the values themselves
    path: Path | None = None  # read from this index file: parts are read from it when asked
    stamp: str = ""  # the line every part of that file starts with
    where: dict[str, list[int]] = field(default_factory=dict)  # part -> [offset, length]
    # {"next_id": N}: the year file's `sessions` table is its last, and TinyDB would give the next
    # session the document id N; None when a new session cannot be appended without a full write
    append: dict[str, int] | None = None
    source: dict[str, Any] | None = None  # read from an index file: the year file it was made of

    @property
    def cached(self) -> bool:
        """Read from the index folder (else just made from the year file)."""
        return self.path is not None

    @property
    def sessions(self) -> int:
        """How many valid sessions the year file holds."""
        try:
            return int(self.figures["total"]["n"])
        except (KeyError, TypeError, ValueError):
            raise DigestError("figures without a total") from None

    def _raw(self, name: str) -> bytes:
        """A part's JSON text as kept in the index file (DigestError: not of this index)."""
        try:
            offset, length = self.where[name]
            fd = open_regular(self.path, follow=False)  # type: ignore[arg-type]
            try:
                data = os.pread(fd, length, offset)
            finally:
                os.close(fd)
            stamp, _, text = data.partition(b"\t")
            if len(data) != length or stamp.decode("ascii") != self.stamp:
                raise DigestError(f"{name} is not of this index (the file was replaced)")
        except (OSError, Unreadable, KeyError, TypeError, ValueError, MemoryError):
            raise DigestError(f"a damaged {name}") from None
        return text

    def _part(self, name: str) -> Any:
        if name in self.parts:
            return self.parts[name]
        text = self._raw(name)
        try:
            value = json.loads(text)
        except (ValueError, RecursionError, MemoryError):
            raise DigestError(f"a damaged {name}") from None
        if not isinstance(value, list):
            raise DigestError(f"{name} must be a list")
        return value

    def detail(self) -> list[Any]:
        return self._part("detail")

    def rows(self) -> list[Row]:
        """The year's sessions as a list shows them, oldest first."""
        return [Row.from_list(cells) for cells in self._part("rows")]

    def ids(self) -> set[str]:
        ids = self._part("ids")
        if not all(isinstance(i, str) for i in ids):
            raise DigestError("ids must be texts")
        return set(ids)

    def ids_text(self) -> bytes:
        """The ids as the JSON text kept (`["id","id",...]`), to look a few up without parsing
        them all (see `has_uuid`); DigestError when it is not such a list."""
        if "ids" in self.parts:
            return json.dumps(self.parts["ids"], separators=(",", ":"), ensure_ascii=False).encode()
        text = self._raw("ids")
        if not (text.startswith(b"[") and text.endswith(b"]")) or b"\0" in text:
            raise DigestError("a damaged ids")  # (a torn write leaves zeros)
        return text


def has_uuid(ids_text: bytes, uuid: str) -> bool:
    """Whether the JSON list of texts `ids_text` holds `uuid`, a canonical UUID (hex digits and
    hyphens). Found as `"UUID"` right after `[` or `,`: that quote opens an element (a quote
    inside a text is always escaped, `\\"`, and a closing one is never followed by a hex
    digit), and the next quote, bare, closes it: the element is the UUID, nothing more."""
    needle = f'"{uuid}"'.encode("ascii")
    at = ids_text.find(needle)
    while at != -1:
        if ids_text[at - 1:at] in (b"[", b","):
            return True
        at = ids_text.find(needle, at + 1)
    return False


def index_path(year_file: Path) -> Path:
    return year_file.parent / FOLDER / year_file.name


HEAD_MAX = 16 * 1024 * 1024  # the first line: the source, the problems, the figures


def read_index(year_file: Path) -> tuple[YearIndex, dict[str, Any]] | None:
    """The index of `year_file` as it was written, with its `source`; None when there is none
    that can be used (missing, damaged, foreign: it is made again).

    An index file is lines: a head (JSON: format, version, source, problems, figures, and
    where each part is), then each part as `STAMP<tab>JSON`, where STAMP names the source,
    so that a part is never taken from another index written over this one meanwhile."""
    path = index_path(year_file)
    try:
        fd = open_regular(path, follow=False)
        try:
            head = b""
            while b"\n" not in head and len(head) <= HEAD_MAX:
                chunk = os.pread(fd, max(65536, len(head)), len(head))  # most heads fit the first
                if not chunk:
                    break
                head += chunk
        finally:
            os.close(fd)
        line = head.split(b"\n", 1)[0]
        doc = json.loads(line)
    except (OSError, Unreadable, ValueError, RecursionError, MemoryError):
        return None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("version") != VERSION:
        return None
    source, figures, problems, where = doc.get("source"), doc.get("figures"), doc.get("problems"), doc.get("parts")
    append = doc.get("append")
    if (not isinstance(source, dict) or source.get("name") != year_file.name
            or not isinstance(source.get("stat"), list) or not isinstance(source.get("blake2b"), str)
            or not isinstance(figures, dict) or not isinstance(problems, list)
            or not all(isinstance(p, str) for p in problems)
            or not isinstance(where, dict) or set(where) != set(PARTS)
            or not all(isinstance(w, list) and len(w) == 2 and all(type(n) is int and n >= 0 for n in w)
                       for w in where.values())
            or not (append is None or (isinstance(append, dict) and set(append) == {"next_id"}
                                       and type(append["next_id"]) is int and append["next_id"] >= 1))):
        return None
    year = YearIndex(year_file.name, figures, problems, path=path, stamp=_stamp(source), where=where,
                     append=append, source=source)
    return year, source


def _stamp(source: dict[str, Any]) -> str:
    return f"{source['blake2b']}:{':'.join(str(n) for n in source['stat'])}"


def write_index(year_file: Path, year: YearIndex, source: dict[str, Any]) -> bool:
    """Keep `year` for `year_file` as read with `source`; False when it could not be written
    (a read-only folder: the digest is then used from memory). Not synced: a torn index is
    refused when read and made again."""
    stamp = _stamp(source).encode("ascii")
    parts: list[bytes] = []
    where: dict[str, list[int]] = {}
    try:
        for name in PARTS:
            value = year._part(name)
            parts.append(stamp + b"\t" + json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode() + b"\n")
    except DigestError:
        return False
    head = {"format": FORMAT, "version": VERSION, "source": source, "problems": year.problems,
            "figures": year.figures, "append": year.append, "parts": where}
    # Where the parts are depends on the head's length, which depends on how many digits
    # those offsets have: the head is measured with the widest offsets, and padded to that.
    for name, part in zip(PARTS, parts):
        where[name] = [10 ** 12, len(part) - 1]
    offset = len(json.dumps(head, separators=(",", ":"))) + 1
    for name, part in zip(PARTS, parts):
        where[name] = [offset, len(part) - 1]
        offset += len(part)
    text = json.dumps(head, separators=(",", ":"))
    width = where[PARTS[0]][0] - 1
    chunks = [text.ljust(width) + "\n", *(part.decode() for part in parts)]
    try:
        atomic_write_chunks(index_path(year_file), chunks, durable=False)
    except OSError:
        return False
    return True
