"""The person's preferences, kept as JSON in the config folder; the app starts with them."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from .atomic import atomic_write_text, move_aside

WEEKLY_GOAL_RANGE = (1, 14)


class PreferenceError(ValueError):
    pass


@dataclass
class Preferences:
    default_routine: str = "article"
    counting: str = "paced"
    weekly_goal: int = 1
    sound: bool = True
    speech: bool = True
    theme: str = "textual-dark"
    notifications: bool = False  # desktop notifications (OSC 9 / 777) on a change of phase

    def validate(self, where: str) -> None:
        low, high = WEEKLY_GOAL_RANGE
        if isinstance(self.weekly_goal, bool) or not isinstance(self.weekly_goal, int) \
                or not low <= self.weekly_goal <= high:
            raise PreferenceError(f"{where}: weekly_goal: must be a whole number from {low} to {high} "
                                  f"(got {self.weekly_goal!r})")
        if self.counting not in ("paced", "self-paced"):
            raise PreferenceError(f"{where}: counting: must be paced or self-paced (got {self.counting!r})")
        for name in ("sound", "speech", "notifications"):
            if not isinstance(getattr(self, name), bool):
                raise PreferenceError(f"{where}: {name}: must be true or false")
        for name in ("default_routine", "theme"):
            if not isinstance(getattr(self, name), str):
                raise PreferenceError(f"{where}: {name}: must be text")


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
