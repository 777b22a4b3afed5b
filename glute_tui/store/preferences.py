"""The person's preferences on disk: `preferences.json` in the config folder."""

from __future__ import annotations

import fcntl
import json
import os
from contextlib import contextmanager
from dataclasses import asdict, fields, replace
from pathlib import Path
from typing import Iterator

from glute_tui.core.preferences import PreferenceError, Preferences
from glute_tui.store.atomic import atomic_write_text, make_dirs, move_aside
from glute_tui.store.safe_read import SMALL_MAX_BYTES, Unreadable, load_json


def load_preferences(path: Path) -> tuple[Preferences, str]:
    """The saved preferences, or the defaults and a message when the file is damaged.

    A damaged file (or a folder, FIFO, device or broken link in its place) is moved aside with
    a timestamp (never overwritten), and the message says where it went. A link to a regular
    file is followed: a dotfiles manager may have put it there.
    """
    try:
        data = load_json(path, limit=SMALL_MAX_BYTES, follow=True)
    except FileNotFoundError:
        return Preferences(), ""
    except Unreadable as exc:
        if exc.damaged:
            return Preferences(), _set_aside(path, exc.why)
        return Preferences(), f"{path}: {exc.why}; using the defaults."
    if not isinstance(data, dict):
        return Preferences(), _set_aside(path, "not a JSON object")
    known = {f.name for f in fields(Preferences)}
    prefs = Preferences(**{k: v for k, v in data.items() if k in known})
    try:
        prefs.validate(str(path))
    except PreferenceError as exc:
        return Preferences(), _set_aside(path, str(exc).replace(f"{path}: ", ""))
    return prefs, ""


def _set_aside(path: Path, why: str) -> str:
    try:
        target = move_aside(path)
    except OSError as exc:  # a read-only folder: it stays, and is read again next time
        return (f"{path} could not be read ({why}); it could not be moved aside either "
                f"({exc.strerror or exc}). Using the defaults.")
    return f"{path.name} could not be read ({why}); it was moved aside to {target}. Using the defaults."


def save_preferences(path: Path, prefs: Preferences) -> None:
    prefs.validate(str(path))
    atomic_write_text(written_file(path), json.dumps(asdict(prefs), indent=2) + "\n")


def written_file(path: Path) -> Path:
    """The file a save replaces: for a link to a regular file (a dotfiles manager put it there,
    as the README promises it may), the link's target, written atomically in the target's own
    folder, so the link stays a link; else `path` itself."""
    if path.is_symlink():
        target = Path(os.path.realpath(path))
        if target.is_file():
            return target
    return path


def update_preferences(path: Path, changes: dict[str, object]) -> Preferences:
    """Apply `changes` to the file as it is now, under a lock, and return what it then holds.

    Two copies of the app (two terminals, two browser tabs) each change only the keys the
    person changed there: a mute in one is never undone by a theme chosen in the other.
    Raises PreferenceError for a value out of range, OSError when the file cannot be written.
    """
    known = {f.name for f in fields(Preferences)}
    unknown = sorted(set(changes) - known)
    if unknown:
        raise PreferenceError(f"{path}: {', '.join(unknown)}: unknown preference")
    make_dirs(path.parent)
    with _locked(path.with_name(path.name + ".lock")):
        current, _ = load_preferences(path)
        merged = replace(current, **changes)  # type: ignore[arg-type]  # each value is validated below
        save_preferences(path, merged)
    return merged


@contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)  # never through a link
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
