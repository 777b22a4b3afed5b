"""Adding sessions to a year file without parsing it: the new documents spliced into a copy.

TinyDB reads a whole file and writes it whole for one insert: at 3,700 sessions a year (14 MB)
that is 0.2 s to parse and 0.2 s to write, most of an import of one session. Yet an insert
only adds `"N":{...}` at the end of the `sessions` table, N being the next document id
(the highest id + 1), so the new file is the old one with those bytes before the table's
closing brace. That is done here, and only when the history's index (made when the file was
last parsed, and whose BLAKE2b hash of the file's bytes is checked here) says that `sessions`
is the file's last table and what N is. The copy is written as every history write is
(temporary file, fsync, rename, fsync of the folder): a kill leaves the old file or the new.

Anything unexpected (a hash or a tail that differs, an id past TinyDB's range) returns None
and the caller takes the ordinary path (TinyDB: parse, insert, write), which also deals with
a damaged file. What is written parses to exactly what TinyDB's insert would have written,
and for a file TinyDB wrote (compact, as `json_chunks` makes it), to the very same bytes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Iterable

_JSON_SPACE = b" \t\n\r"
_SURROGATE = re.compile("[\ud800-\udfff]")
DOC_ID = re.compile(r"[1-9][0-9]{0,17}")  # a key TinyDB reads back as the same document id
ID_LIMIT = 10 ** 18  # document ids from here on are not ones TinyDB reads back (see DOC_ID)


def dumps(value: Any) -> str:
    """A value as a history file holds it: compact, UTF-8 (a lone surrogate, from a `\\ud800`
    escape in a hand-edited session, cannot be written as UTF-8: it stays escaped)."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    if not text.isascii() and _SURROGATE.search(text):
        text = json.dumps(value, separators=(",", ":"))
    return text


@dataclass(frozen=True)
class Splice:
    """The new file: `raw[:at] + insert + raw[at:]`, with its BLAKE2b hash."""
    at: int
    insert: bytes
    digest: str
    next_id: int  # the document id TinyDB would give the session after these

    def pieces(self, raw: bytes) -> list[memoryview | bytes]:
        view = memoryview(raw)
        return [view[:self.at], self.insert, view[self.at:]]


def _last(raw: bytes, end: int) -> int:
    """The offset of the last byte before `end` that is not JSON white space (-1: none). Read in
    place: a slice of the file's 14 MB would be a copy."""
    end -= 1
    while end >= 0 and raw[end] in _JSON_SPACE:
        end -= 1
    return end


def table_end(raw: bytes) -> tuple[int, bool] | None:
    """(offset of the closing brace of the file's last table, whether that table is empty), for
    a file whose bytes end as a JSON object whose last value is an object: `...}}` and JSON's
    white space; None for any other ending."""
    close = _last(raw, len(raw))
    if close < 1 or raw[close] != 0x7D:  # }
        return None
    at = _last(raw, close)
    if at < 1 or raw[at] != 0x7D:
        return None
    before = _last(raw, at)
    if before < 0:
        return None
    return at, raw[before] == 0x7B  # {: a value never ends with it, only an empty table does


def splice(raw: bytes, content_hash: str, next_id: int, documents: Iterable[dict[str, Any]]) -> Splice | None:
    """The documents added to the year file `raw` as TinyDB's `insert_multiple` would add them,
    given what its index says: the hash of the bytes it was made from and the next document id
    (the `sessions` table last). None when `raw` is not those bytes or does not end as expected."""
    found = table_end(raw)
    if found is None:
        return None
    at, empty = found
    import hashlib  # here, not at start: importing it loads OpenSSL (0.5 MB resident)

    hasher = hashlib.blake2b(digest_size=20)
    hasher.update(memoryview(raw)[:at])
    before = hasher.copy()
    before.update(memoryview(raw)[at:])
    if before.hexdigest() != content_hash:
        return None
    pieces = []
    for document in documents:
        if next_id >= ID_LIMIT:
            return None
        pieces.append(f"{dumps(str(next_id))}:{dumps(document)}")
        next_id += 1
    if not pieces:
        return None
    insert = ("" if empty else ",") + ",".join(pieces)
    data = insert.encode("utf-8")
    hasher.update(data)
    hasher.update(memoryview(raw)[at:])
    return Splice(at, data, hasher.hexdigest(), next_id)


def append_info(data: dict[str, Any] | None, table: str) -> dict[str, int] | None:
    """What the index keeps for `splice`, from a year file's parsed data: the next document id
    TinyDB gives in `table` when that table is the file's last, else None."""
    if not data or list(data)[-1] != table or not isinstance(data[table], dict):
        return None
    ids = [int(key) for key in data[table] if isinstance(key, str) and DOC_ID.fullmatch(key)]
    return {"next_id": max(ids, default=0) + 1}

