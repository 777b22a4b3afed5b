"""`glute-tui routines [list|show|validate|copy]`.

Names, descriptions and paths come from files: each is printed as plain text (cli.output).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from glute_tui.cli.output import console as make_console
from glute_tui.cli.output import plain, print_ids
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
    if getattr(args, "ids", False):
        return print_ids(routine.id for routine in found.routines)
    table = Table(title="Routines", title_justify="left")
    for column in ("id", "name", "exercises", "length", "source"):
        table.add_column(column, justify="right" if column == "length" else "left")
    for routine in found.routines:
        minutes = about(build_plan(routine).total_s)
        names = ", ".join(item.exercise.name for item in routine.exercises)
        table.add_row(plain(routine.id), plain(routine.name), plain(names), minutes,
                      "built-in" if routine.builtin else "user")
    console.print(table)
    for path, faults in found.faults.items():
        console.print(Text.assemble(("not loaded:", "red"), " ", plain(path)))
        for fault in faults:
            console.print(Text.assemble("  ", plain(fault)))
    return 0


def show_routine(console: Console, routine) -> int:
    plan = build_plan(routine)
    console.print(Text.assemble(plain(routine.name, "bold"), " (", plain(routine.id), ")",
                                f" · about {about(plan.total_s)}"))
    if routine.description:
        console.print(plain(routine.description))
    table = Table(title="Targets", title_justify="left")
    for column in ("exercise", "sides", "sets × reps", "tempo", "rest", "load"):
        table.add_column(column)
    for item in routine.exercises:
        tempo = "" if item.is_hold else f"{item.tempo_s:g} s/rep"
        table.add_row(plain(item.exercise.name), plain(item.side_mode), plain(item.target_label), tempo,
                      f"{item.rest_s} s", plain(item.load.label))
    console.print(table)
    console.print(f"get ready {routine.get_ready_s} s · switch sides {routine.switch_sides_s} s · "
                  f"rest between exercises {routine.rest_between_exercises_s} s")
    steps = Table(title="Plan", title_justify="left")
    for column in ("#", "starts", "step", "length"):
        steps.add_column(column)
    at = 0.0
    for number, step in enumerate(plan.steps, start=1):
        title = step.title if not step.is_work else f"{step.title} · set {step.set_no}/{step.sets}"
        steps.add_row(str(number), format_duration(at), plain(title), format_duration(step.duration_s))
        at += step.duration_s
    console.print(steps)
    return 0
