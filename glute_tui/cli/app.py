"""`glute-tui` without a command: open the app."""

from __future__ import annotations

import argparse
import functools
import math
import os
import sys
import time
from typing import Callable, Mapping

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


NO_TERMINAL = "glute-tui needs a terminal (for scripts: glute-tui --help)"
WEB_DRIVER_ENV = "TEXTUAL_DRIVER"  # set by textual-serve (glute-tui serve) for a browser tab's app


def has_terminal() -> bool:
    """A terminal to read keys from: stdin is a tty, or a browser page drives the app (serve).
    Without one (`glute-tui </dev/null`, cron, a pipe) the app would never get a key."""
    if os.environ.get(WEB_DRIVER_ENV):
        return True
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):  # a closed stdin
        return False


def app_clock() -> Callable[[], float]:
    """The workout's clock: CLOCK_BOOTTIME where there is one (Linux), monotonic like
    time.monotonic but also running while the machine sleeps, so a laptop closed mid-set is
    seen on return as time away (a pause, said on screen), as a stopped process is; else
    time.monotonic."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is None:
        return time.monotonic
    try:
        time.clock_gettime(boottime)
    except OSError:
        return time.monotonic
    return functools.partial(time.clock_gettime, boottime)


def run_app(args: argparse.Namespace, paths: AppPaths) -> int:
    if not has_terminal():
        from glute_tui.cli.output import EXIT_USAGE

        sys.stderr.write(NO_TERMINAL + "\n")
        return EXIT_USAGE
    found, selected = routines_at_start(args.routine, paths)
    from glute_tui.ui.app import GluteApp

    app = GluteApp(found.routines, paths, selected=selected, routine_faults=found.faults, catalogue=found.catalogue,
                   counting="self-paced" if args.self_paced else None, clock=app_clock(), clock_jump_s=clock_jump_s())
    app.run()
    return app.return_code or 0
