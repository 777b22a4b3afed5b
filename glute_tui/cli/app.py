"""`glute-tui` without a command: open the app."""

from __future__ import annotations

import argparse
import math
import os
from typing import Mapping

from glute_tui.services.library import opened_from_file
from glute_tui.store.paths import AppPaths
from glute_tui.store.routine_files import RoutineSet, load_all


def routines_at_start(ref: str | None, paths: AppPaths) -> tuple[RoutineSet, str | None]:
    """Every routine to list, and the one `--routine ID|PATH` selects (None: the preference).

    A file opened by path joins the list once, under an id and a name of its own."""
    found = load_all(paths.routines_dir)
    if not ref:
        return found, None
    routine = found.find(ref)
    if routine not in found.routines:
        routine = opened_from_file(routine, found.routines)
    if routine not in found.routines:
        found.routines.append(routine)
    return found, routine.id


CLOCK_JUMP_ENV = "GLUTE_TUI_CLOCK_JUMP_S"
CLOCK_JUMP_S = 5.0  # the engine looks at the clock every second; 5 s between looks is time away


def clock_jump_s(env: Mapping[str, str] = os.environ) -> float:
    """The gap in the monotonic clock that counts as time away (a stopped process, a sleeping
    machine): 5 s, or $GLUTE_TUI_CLOCK_JUMP_S (seconds above 0; for tests of a real stop)."""
    try:
        value = float(env.get(CLOCK_JUMP_ENV, ""))
    except ValueError:
        return CLOCK_JUMP_S
    return value if math.isfinite(value) and value > 0 else CLOCK_JUMP_S


def run_app(args: argparse.Namespace, paths: AppPaths) -> int:
    found, selected = routines_at_start(args.routine, paths)
    from glute_tui.ui.app import GluteApp

    app = GluteApp(found.routines, paths, selected=selected, routine_faults=found.faults, catalogue=found.catalogue,
                   counting="self-paced" if args.self_paced else None, clock_jump_s=clock_jump_s())
    app.run()
    return app.return_code or 0
