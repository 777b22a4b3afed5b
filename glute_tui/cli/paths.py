"""`glute-tui paths`: where this run reads and writes, so a person can find (and back up) it."""

from __future__ import annotations

import os

from glute_tui.cli.output import console, plain
from glute_tui.store.paths import HOME_ENV, AppPaths
from glute_tui.store.routine_files import data_root


def path_rows(paths: AppPaths) -> list[tuple[str, str]]:
    """(what, where) for every folder and file glute-tui keeps."""
    return [
        ("data", str(paths.data)),
        ("history", str(paths.data / "sessions-YYYY.json")),
        ("journal", str(paths.journal_dir)),
        ("config", str(paths.config)),
        ("routines", str(paths.routines_dir)),
        ("exercises", str(paths.exercises_file)),
        ("preferences", str(paths.preferences_file)),
        ("built-in routines", str(data_root() / "routines")),
        ("built-in exercises", str(data_root() / "exercises.toml")),
    ]


def cmd_paths(paths: AppPaths, *, override: str | None = None) -> int:
    out = console()
    if override:
        source = "from --data-dir"
    elif os.environ.get(HOME_ENV):
        source = f"from ${HOME_ENV}"
    else:
        source = "this system's usual folders"
    rows = path_rows(paths)
    width = max(len(what) for what, _ in rows) + 2
    out.print(plain(f"glute-tui's files ({source}):"))
    for what, where in rows:
        out.print(plain(f"{what + ':':<{width}}{where}"))  # a folder's name may hold anything
    return 0
