"""`glute-tui routines [list|show|validate|copy]`.

Names, descriptions and paths come from files: each is printed as plain text (cli.output).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.text import Text

from glute_tui.cli.output import console as make_console
from glute_tui.cli.output import fitted_table, plain, print_ids
from glute_tui.core.columns import Column
from glute_tui.core.format import about, format_duration
from glute_tui.core.plan import build_plan
from glute_tui.store.paths import AppPaths
from glute_tui.store.routine_files import copy_routine, load_all, load_exercises, load_routine


def cmd_routines(args: argparse.Namespace, paths: AppPaths) -> int:
    console = make_console()
    action = args.routines_command or "list"
    if action == "validate":
        path = Path(args.path)
        routine = load_routine(path, load_exercises(paths.exercises_file)[0])
        plan = build_plan(routine)
        console.print(Text.assemble(plain(path), ": valid: ", plain(routine.name),
                                    f", {len(routine.exercises)} exercises, about {about(plan.total_s)}"))
        return 0
    found = load_all(paths.routines_dir)
    if action == "show":
        return show_routine(console, found.find(args.ref))
    if action == "copy":
        source = found.find(args.ref)
        copy = copy_routine(source, args.new_id, paths.routines_dir, [r.id for r in found.routines])
        console.print(Text.assemble("Copied ", plain(source.id), " to ", plain(copy.id), ": ", plain(copy.path)))
        return 0
    if getattr(args, "ids", False) or getattr(args, "list_ids", False):
        return print_ids(routine.id for routine in found.routines)
    cells = []
    for routine in found.routines:
        minutes = about(build_plan(routine).total_s)
        names = ", ".join(item.exercise.name for item in routine.exercises)
        cells.append((routine.id, routine.name, names, minutes, "built-in" if routine.builtin else "user"))
    console.print(fitted_table("Routines", ROUTINE_COLUMNS, cells, console))
    for path, faults in found.faults.items():
        console.print(Text.assemble(("not loaded:", "red"), " ", plain(path)))
        for fault in faults:
            console.print(Text.assemble("  ", plain(fault)))
    return 0


# On a narrow terminal (issue 24, finding 7) names wrap at their words and the columns of least
# use go first; a number is never cut.
ROUTINE_COLUMNS = (Column("id"), Column("name", shorten=True), Column("exercises", 1, shorten=True),
                   Column("length", justify="right"), Column("source", 2))
TARGET_COLUMNS = (Column("exercise", shorten=True), Column("sides", 2), Column("sets × reps", shorten=True),
                  Column("tempo", 3), Column("rest", 4), Column("load", 1, shorten=True))
STEP_COLUMNS = (Column("#"), Column("starts"), Column("step", shorten=True), Column("length"))


def show_routine(console: Console, routine) -> int:
    plan = build_plan(routine)
    console.print(Text.assemble(plain(routine.name, "bold"), " (", plain(routine.id), ")",
                                f" · about {about(plan.total_s)}"))
    if routine.description:
        console.print(plain(routine.description))
    cells = []
    for item in routine.exercises:
        tempo = "" if item.is_hold else f"{item.tempo_s:g} s/rep"
        cells.append((item.exercise.name, item.side_mode, item.target_label, tempo, f"{item.rest_s} s",
                      item.load.label))
    console.print(fitted_table("Targets", TARGET_COLUMNS, cells, console))
    console.print(f"get ready {routine.get_ready_s} s · switch sides {routine.switch_sides_s} s · "
                  f"rest between exercises {routine.rest_between_exercises_s} s")
    steps = []
    at = 0.0
    for number, step in enumerate(plan.steps, start=1):
        title = step.title if not step.is_work else f"{step.title} · set {step.set_no}/{step.sets}"
        steps.append((str(number), format_duration(at), title, format_duration(step.duration_s)))
        at += step.duration_s
    console.print(fitted_table("Plan", STEP_COLUMNS, steps, console))
    return 0
