"""Settings: the one source of truth for the person's preferences while the app runs.

Screens read `settings.current` and subscribe to changes instead of keeping copies. A change
is merged into the file as it is on disk (another copy of the app may have changed other
keys meanwhile), and every subscriber hears the merged result.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import Callable

from glute_tui.core.preferences import PreferenceError, Preferences
from glute_tui.store.preferences import load_preferences, update_preferences

Listener = Callable[[Preferences], None]


class Settings:
    def __init__(self, path: Path, *, counting: str | None = None) -> None:
        self.path = path
        self.current, self.problem = load_preferences(path)  # problem: a damaged file moved aside
        self._counting = counting  # --self-paced: for this run only, never saved
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    @classmethod
    def in_memory(cls, prefs: Preferences | None = None) -> "Settings":
        """Settings that are never written (for tests and scenes that pass no folder)."""
        settings = cls.__new__(cls)
        settings.path = None  # type: ignore[assignment]
        settings.current, settings.problem = prefs or Preferences(), ""
        settings._counting, settings._listeners, settings._lock = None, [], threading.Lock()
        return settings

    @property
    def counting(self) -> str:
        """Paced or self-paced for the next workout: this run's choice, else the preference."""
        return self._counting or self.current.counting

    def set_counting_for_this_run(self, counting: str) -> None:
        self._counting = counting
        self._notify()

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def update(self, **changes: object) -> str:
        """Check, save and apply `changes`; returns "" or a message saying why nothing changed."""
        try:
            replace(self.current, **changes).validate(str(self.path))  # type: ignore[arg-type]
        except (PreferenceError, TypeError) as exc:
            return str(exc)
        with self._lock:
            if self.path is None:
                self.current = replace(self.current, **changes)  # type: ignore[arg-type]
            else:
                try:
                    self.current = update_preferences(self.path, changes)
                except PreferenceError as exc:
                    return str(exc)
                except OSError as exc:
                    self.current = replace(self.current, **changes)  # type: ignore[arg-type]
                    self._notify()
                    return f"Could not save preferences: {exc.strerror or exc}; used for this run only."
        self._notify()
        return ""

    def _notify(self) -> None:
        for listener in list(self._listeners):
            listener(self.current)
