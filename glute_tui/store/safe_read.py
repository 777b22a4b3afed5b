"""Reading a file that may be damaged, replaced or hostile, without hanging or a traceback.

Every file glute-tui reads (a history year file, the journal, `preferences.json`, a routine
or catalogue TOML, an import) comes through here, because the plain `read_text` +
`json.loads` way fails in ways that are not errors one expects:

- a FIFO in the file's place blocks `open` for ever; `/dev/zero` never ends (memory grows);
  so the file is opened with O_NONBLOCK, must be a regular file (fstat of the open file, not
  of the name), and is read up to a size cap;
- a symbolic link loop, a dangling link or a folder in the file's place raise odd OSErrors;
- `json.loads` raises RecursionError on deep nesting and ValueError on an integer of more
  than 4,300 digits; `tomllib` raises RecursionError; a huge document, MemoryError.

Each becomes `Unreadable`, whose message names the file and says what is wrong, and whose
`damaged` says whether the thing is not a readable document (move it aside, or report it and
leave it for the person) or could just not be read now (permission, an I/O error: leave it).

A UTF-8 byte-order mark at the start of a file is ignored (Windows editors write one); any
other byte that is not UTF-8 makes the file damaged.
"""

from __future__ import annotations

import codecs
import errno
import json
import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any, Iterator

# The largest file read, in bytes. A year of daily workouts is well under 1 MB and the
# benchmarks' 10,000 sessions are about 21 MB in all; an import may carry many years.
DATA_MAX_BYTES = 64 * 1024 * 1024  # a history year file, the journal, an import file
SMALL_MAX_BYTES = 1024 * 1024  # preferences.json, a routine or catalogue TOML

BOM = b"\xef\xbb\xbf"
_CHUNK = 1024 * 1024


class Unreadable(Exception):
    """A file that could not be read as a document; the message names the file."""

    def __init__(self, path: Path | str, why: str, *, damaged: bool) -> None:
        self.path = Path(path)
        self.why = why
        self.damaged = damaged
        super().__init__(f"{path}: {why}")


def kind_of(mode: int) -> str:
    """What a file's mode says it is: `a folder`, `a named pipe (FIFO)`, ..."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def _lstat_mode(path: Path) -> int | None:
    try:
        return os.lstat(path).st_mode
    except OSError:
        return None


def open_regular(path: Path, *, follow: bool = True) -> int:
    """An fd open for reading on the regular file at `path` (never blocking).

    `follow=False` for the files glute-tui makes itself (history, journal): a symbolic link in
    their place was put there by someone else. FileNotFoundError when nothing is there at all.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow else os.O_NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        mode = _lstat_mode(path)
        if mode is not None and stat.S_ISLNK(mode):
            raise Unreadable(path, "a symbolic link to nothing (dangling), not a file",
                             damaged=True) from None
        raise
    except OSError as exc:
        mode = _lstat_mode(path)
        if exc.errno == errno.ELOOP or (mode is not None and stat.S_ISLNK(mode)):
            why = "a symbolic link loop" if follow else "a symbolic link, not a file"
            raise Unreadable(path, why, damaged=True) from None
        if exc.errno in (errno.ENXIO, errno.EOPNOTSUPP) and mode is not None:
            raise Unreadable(path, f"{kind_of(mode)}, not a file", damaged=True) from None
        raise Unreadable(path, f"cannot be read ({exc.strerror or exc})", damaged=False) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(path, f"{kind_of(info.st_mode)}, not a file", damaged=True)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_fd(fd: int, path: Path, *, limit: int) -> bytes:
    """All of an open regular file, refused past `limit` bytes (it may grow while read)."""
    try:
        size = os.fstat(fd).st_size
        if size > limit:
            raise Unreadable(path, f"too large ({size:,} bytes; the most read is {limit:,})", damaged=True)
        os.lseek(fd, 0, os.SEEK_SET)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise Unreadable(path, f"too large (more than {limit:,} bytes)", damaged=True)
    except MemoryError:
        raise Unreadable(path, "too large to read into memory", damaged=True) from None
    except OSError as exc:
        raise Unreadable(path, f"cannot be read ({exc.strerror or exc})", damaged=False) from None
    return b"".join(chunks)


def read_bytes(path: Path, *, limit: int = DATA_MAX_BYTES, follow: bool = True) -> bytes:
    """The bytes of a regular file; FileNotFoundError when it is not there, else Unreadable."""
    fd = open_regular(path, follow=follow)
    try:
        return read_fd(fd, path, limit=limit)
    finally:
        os.close(fd)


def decode(data: bytes, path: Path) -> str:
    """UTF-8 text (a leading byte-order mark dropped), or Unreadable naming the first bad byte."""
    if data.startswith(BOM):
        data = data[len(BOM):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise Unreadable(path, f"not UTF-8 text ({exc.reason} at byte {exc.start + 1}, line {line})",
                         damaged=True) from None


def text_chunks(fd: int, path: Path, *, size: int = _CHUNK) -> Iterator[str]:
    """The UTF-8 text of an open regular file from its start, a piece at a time and of any
    length (a leading byte-order mark dropped); Unreadable naming the first byte that is not
    UTF-8. For a file read whole or more than once (an import), never held whole."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset, lines = 0, 1
    while True:
        try:
            data = os.pread(fd, size, offset)
        except OSError as exc:
            raise Unreadable(path, f"cannot be read ({exc.strerror or exc})", damaged=False) from None
        if offset == 0 and data.startswith(BOM):
            data = data[len(BOM):]
            offset += len(BOM)
        try:
            text = decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            at = max(0, exc.start - len(decoder.getstate()[0]))
            line = lines + data.count(b"\n", 0, at)
            raise Unreadable(path, f"not UTF-8 text ({exc.reason} at byte {offset + at + 1}, line {line})",
                             damaged=True) from None
        if text:
            yield text
        if not data:
            return
        offset += len(data)
        lines += data.count(b"\n")


def read_text(path: Path, *, limit: int = DATA_MAX_BYTES, follow: bool = True) -> str:
    return decode(read_bytes(path, limit=limit, follow=follow), path)


def parse_json(text: str, path: Path | str) -> Any:
    """`json.loads`, with every way it fails on a damaged file turned into Unreadable."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise Unreadable(path, f"not JSON ({exc.msg} at line {exc.lineno})", damaged=True) from None
    except RecursionError:
        raise Unreadable(path, "not JSON that can be read (nested too deeply)", damaged=True) from None
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise Unreadable(path, f"not JSON that can be read ({_first_line(exc)})", damaged=True) from None
    except MemoryError:
        raise Unreadable(path, "too large to read into memory", damaged=True) from None


# A dotted key (`a.b.c = 1`, `[a.b.c]`) costs tomllib time and memory that grow with the
# square of its depth: 100,000 levels (200 kB) took all the memory there was. No routine
# needs more than a few; a line with more dots than this outside strings is refused first.
TOML_DOTS_MAX = 128
_TOML_TOKENS = re.compile(r'"""|\'\'\'|[\\"\'#\n.]')


def deepest_toml_line(text: str) -> int:
    """The most dots on one line of `text` outside strings and comments (a linear scan)."""
    state = ""  # "", "#", or the quote that opened the string we are in
    dots = worst = 0
    skip_to = -1
    for match in _TOML_TOKENS.finditer(text):
        token, start = match.group(), match.start()
        if start < skip_to:
            continue
        if not state:
            if token == ".":
                dots += 1
                worst = max(worst, dots)
            elif token == "\n":
                dots = 0
            elif token != "\\":
                state = token
        elif state == "#":
            if token == "\n":
                state, dots = "", 0
        elif token == "\\":
            if state in ('"', '"""'):
                skip_to = start + 2
        elif token == state:
            state = ""
        elif token == "\n" and len(state) == 1:  # a one-line string ends with its line
            state, dots = "", 0
    return worst


def parse_toml(text: str, path: Path | str) -> dict[str, Any]:
    """`tomllib.loads`, with every way it fails on a damaged file turned into Unreadable."""
    if deepest_toml_line(text) > TOML_DOTS_MAX:
        raise Unreadable(path, f"not TOML that can be read (a key nested more than {TOML_DOTS_MAX} "
                               "levels deep)", damaged=True)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise Unreadable(path, f"not valid TOML: {exc}", damaged=True) from None
    except RecursionError:
        raise Unreadable(path, "not TOML that can be read (nested too deeply)", damaged=True) from None
    except ValueError as exc:
        raise Unreadable(path, f"not TOML that can be read ({_first_line(exc)})", damaged=True) from None
    except MemoryError:
        raise Unreadable(path, "too large to read into memory", damaged=True) from None


def _first_line(exc: BaseException) -> str:
    text = str(exc).split("\n", 1)[0]
    return text if len(text) <= 120 else text[:119] + "…"


def load_json(path: Path, *, limit: int = DATA_MAX_BYTES, follow: bool = True) -> Any:
    """The JSON document in `path`; FileNotFoundError when it is not there, else Unreadable."""
    return parse_json(read_text(path, limit=limit, follow=follow), path)


def load_toml(path: Path, *, limit: int = SMALL_MAX_BYTES, follow: bool = True) -> dict[str, Any]:
    return parse_toml(read_text(path, limit=limit, follow=follow), path)
