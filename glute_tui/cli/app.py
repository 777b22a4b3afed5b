"""`glute-tui` without a command: open the app."""

from __future__ import annotations

import argparse

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


def run_app(args: argparse.Namespace, paths: AppPaths) -> int:
    found, selected = routines_at_start(args.routine, paths)
    from glute_tui.ui.app import GluteApp

    app = GluteApp(found.routines, paths, selected=selected, routine_faults=found.faults, catalogue=found.catalogue,
                   counting="self-paced" if args.self_paced else None)
    app.run()
    return app.return_code or 0
