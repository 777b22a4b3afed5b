"""The person's preferences on disk: `preferences.json` in the config folder."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from pathlib import Path

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
