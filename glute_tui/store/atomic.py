"""Crash-safe file writes: a temporary file beside the target, fsync, rename, fsync the folder.

A kill at any instant leaves either the old file or the new one, never a torn one.

The temporary file has a random name and is created with O_EXCL|O_NOFOLLOW, so a file or a
symbolic link planted under a name it could take is never written through (a predictable
`.NAME.<pid>.tmp` let a planted link get another file overwritten). The name still carries the
writer's pid, so files left by a dead process can be cleaned at start without touching a live
writer's. New files are private (0600) in private folders (0700); a file that is replaced
keeps its mode.
"""

from __future__ import annotations

import os
import re
import stat
from datetime import datetime
from pathlib import Path
from typing import Iterable

TMP_SUFFIX = ".tmp"
FILE_MODE = 0o600
DIR_MODE = 0o700
# `.NAME.<pid>.<random>.tmp`, and `.NAME.<pid>.tmp` as older versions named them.
_TMP_RE = re.compile(r"\..+?\.(\d+)(?:\.[0-9a-f]{8})?\.tmp")


def make_dirs(folder: Path) -> None:
    """Create `folder` and any missing parent, each private (0700); existing ones are left as
    they are. (`Path.mkdir(parents=True, mode=...)` gives the mode to the last one only.)"""
    missing: list[Path] = []
    current = folder
    while not current.is_dir():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for level in reversed(missing):
        try:
            level.mkdir(mode=DIR_MODE)
        except FileExistsError:
            if not level.is_dir():
                raise


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _existing_mode(path: Path) -> int | None:
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else None


def random_part() -> str:
    """8 random hex digits for a temporary name: `secrets.token_hex(4)` is the same call to
    os.urandom, but importing `secrets` loads OpenSSL (through hmac and hashlib: 0.5 MB resident
    in every app's process, for a name)."""
    return os.urandom(4).hex()


def _create_tmp(path: Path) -> tuple[Path, int]:
    for _ in range(100):
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{random_part()}{TMP_SUFFIX}")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                         FILE_MODE)
        except FileExistsError:
            continue
        return tmp, fd
    raise FileExistsError(f"{path.parent}: no free name for a temporary file")


def atomic_write_text(path: Path, text: str, *, make_parent: bool = True) -> None:
    """Replace `path` with `text` so that readers only ever see the old or the new content."""
    atomic_write_chunks(path, (text,), make_parent=make_parent)


def atomic_write_chunks(path: Path, chunks: Iterable[str], *, make_parent: bool = True,
                        durable: bool = True) -> None:
    """`atomic_write_text` for a text made piece by piece, never whole in memory.

    `make_parent=False`: a missing folder is an error (FileNotFoundError), not created.
    `durable=False`: no fsync, for a derived file that is checked when read and made again
    (the history's index): a power cut may leave it old or torn, never half of another file.
    """
    if make_parent:
        make_dirs(path.parent)
    mode = _existing_mode(path)
    tmp, fd = _create_tmp(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            if mode is not None and mode != FILE_MODE:
                os.fchmod(handle.fileno(), mode)  # the mode the person gave it, whatever the umask
            handle.writelines(chunks)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    if durable:
        fsync_dir(path.parent)


def atomic_write_bytes(path: Path, pieces: Iterable[bytes | memoryview]) -> tuple[os.stat_result, os.stat_result]:
    """`atomic_write_chunks` for bytes (durable), in an existing folder; returns the new file's
    status just before and just after it took the name (a rename changes the ctime), both from
    the open file: what the history's index keys this content with."""
    mode = _existing_mode(path)
    tmp, fd = _create_tmp(path)
    try:
        if mode is not None and mode != FILE_MODE:
            os.fchmod(fd, mode)
        for piece in pieces:
            view = memoryview(piece)
            while view:  # os.write may write part of it (a full disk): go on, or raise
                view = view[os.write(fd, view):]
        os.fsync(fd)
        written = os.fstat(fd)
        os.replace(tmp, path)
        placed = os.fstat(fd)
    except BaseException:
        os.close(fd)
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    os.close(fd)
    fsync_dir(path.parent)
    return written, placed


def move_aside(path: Path) -> Path:
    """Rename a file that cannot be read to `NAME.damaged-<time>` (never over another); returns it."""
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    os.replace(path, target)
    fsync_dir(path.parent)
    return target


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_orphans(folder: Path) -> int:
    """Remove temporary files that a killed writer left behind; returns how many."""
    removed = 0
    if not folder.is_dir():
        return 0
    for tmp in folder.glob(f".*{TMP_SUFFIX}"):
        match = _TMP_RE.fullmatch(tmp.name)
        if match is None or len(match.group(1)) > 9:
            continue
        pid = int(match.group(1))
        if pid != os.getpid() and not _pid_alive(pid):
            try:
                tmp.unlink()
                removed += 1
            except OSError:
                pass
    return removed
