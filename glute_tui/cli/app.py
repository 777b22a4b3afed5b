"""`glute-tui` without a command: open the app."""

from __future__ import annotations

import argparse

from glute_tui.store.paths import AppPaths
from glute_tui.store.routine_files import load_all


def run_app(args: argparse.Namespace, paths: AppPaths) -> int:
    found = load_all(paths.routines_dir)
    selected = None
    if args.routine:
        routine = found.find(args.routine)
        if routine not in found.routines:
            found.routines.append(routine)
        selected = routine.id
    from glute_tui.ui.app import GluteApp

    app = GluteApp(found.routines, paths, selected=selected, routine_faults=found.faults,
                   counting="self-paced" if args.self_paced else None)
    app.run()
    return app.return_code or 0
