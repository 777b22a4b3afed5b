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
from glute_tui.store.atomic import atomic_write_text, move_aside


def load_preferences(path: Path) -> tuple[Preferences, str]:
    """The saved preferences, or the defaults and a message when the file is damaged.

    A damaged file is moved aside with a timestamp (never overwritten), and the message
    says where it went.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Preferences(), ""
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return Preferences(), _set_aside(path, f"not JSON ({exc})")
    except OSError as exc:
        return Preferences(), f"{path}: could not be read ({exc.strerror or exc}); using the defaults."
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
    except OSError:
        return f"{path} could not be read ({why}); using the defaults."
    return f"{path.name} could not be read ({why}); it was moved aside to {target}. Using the defaults."


def save_preferences(path: Path, prefs: Preferences) -> None:
    prefs.validate(str(path))
    atomic_write_text(path, json.dumps(asdict(prefs), indent=2) + "\n")


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
    path.parent.mkdir(parents=True, exist_ok=True)
    with _locked(path.with_name(path.name + ".lock")):
        current, _ = load_preferences(path)
        merged = replace(current, **changes)  # type: ignore[arg-type]  # each value is validated below
        save_preferences(path, merged)
    return merged


@contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
