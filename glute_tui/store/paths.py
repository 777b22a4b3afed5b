"""Where glute-tui keeps its files: platformdirs locations, or all under GLUTE_TUI_HOME."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

HOME_ENV = "GLUTE_TUI_HOME"
APP_NAME = "glute-tui"


@dataclass(frozen=True)
class AppPaths:
    data: Path  # history files and the journal of a running workout
    config: Path  # user routines and preferences

    @classmethod
    def resolve(cls, override: str | os.PathLike[str] | None = None) -> "AppPaths":
        """`override` (from --data-dir), else $GLUTE_TUI_HOME, else the platform's folders."""
        root = override or os.environ.get(HOME_ENV)
        if root:
            base = Path(root).expanduser().resolve()
            return cls(data=base / "data", config=base / "config")
        return cls(data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
                   config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)))

    @property
    def journal_dir(self) -> Path:
        return self.data / "journal"

    @property
    def routines_dir(self) -> Path:
        return self.config / "routines"

    @property
    def tones_dir(self) -> Path:
        """Tone files made at first use (glute_tui.store.tones): a cache, safe to delete."""
        return self.data / "tones"

    @property
    def screenshots_dir(self) -> Path:
        """Ctrl+P → Screenshot saves here: the app's own folder (under GLUTE_TUI_HOME when set)."""
        return self.data / "screenshots"

    @property
    def exercises_file(self) -> Path:
        """The person's own exercises, in the format of the shipped `glute_tui/data/exercises.toml`."""
        return self.config / "exercises.toml"

    @property
    def preferences_file(self) -> Path:
        return self.config / "preferences.json"
