"""The `glute-tui` command: the app, and sub-commands for scripts.

Bad input never shows a traceback: a clear message on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Sequence

from rich.console import Console
from rich.table import Table

from .paths import AppPaths
from .plan import build_plan, format_clock, format_duration
from .routines import RoutineError, load_all, load_routine

EXIT_USAGE = 2


def _version() -> str:
    try:
        return version("glute-tui")
    except PackageNotFoundError:
        return "0+unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="glute-tui",
        description="A full-screen workout timer for a glute-strengthening routine. "
                    "Without a command it opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"glute-tui {_version()}")
    parser.add_argument("--routine", metavar="ID|PATH",
                        help="the routine to select at start: a routine id or a TOML file")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="keep all of glute-tui's files under DIR (like $GLUTE_TUI_HOME)")
    parser.add_argument("--self-paced", action="store_true",
                        help="count reps yourself (Enter ends a set) instead of to a tempo")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    routines = commands.add_parser("routines", help="list, show or validate routines",
                                   description="List built-in and user routines (the default), "
                                               "show one's plan, or validate a routine file.")
    routine_cmds = routines.add_subparsers(dest="routines_command", metavar="ACTION")
    routine_cmds.add_parser("list", help="list routines: id, name, exercises, minutes")
    show = routine_cmds.add_parser("show", help="print a routine's targets and its step-by-step plan")
    show.add_argument("ref", metavar="ID|PATH")
    validate = routine_cmds.add_parser("validate", help="check a routine file: exit 0, or 2 with every fault")
    validate.add_argument("path", metavar="PATH")
    return parser


def fail(message: str) -> int:
    Console(stderr=True, highlight=False, soft_wrap=True).print(f"[bold red]glute-tui:[/] {message}",
                                                                  markup=True)
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    paths = AppPaths.resolve(args.data_dir)
    try:
        if args.command == "routines":
            return cmd_routines(args, paths)
        return run_app(args, paths)
    except RoutineError as exc:
        return fail("\n".join(exc.faults))
    except KeyboardInterrupt:
        return 130


def cmd_routines(args: argparse.Namespace, paths: AppPaths) -> int:
    console = Console(highlight=False)
    action = args.routines_command or "list"
    if action == "validate":
        path = Path(args.path)
        routine = load_routine(path)
        plan = build_plan(routine)
        console.print(f"{path}: valid: {routine.name}, {len(routine.exercises)} exercises, "
                      f"about {format_duration(plan.total_s)}")
        return 0
    found = load_all(paths.routines_dir)
    if action == "show":
        return show_routine(console, found.find(args.ref))
    table = Table(title="Routines", title_justify="left")
    for column in ("id", "name", "exercises", "minutes", "source"):
        table.add_column(column, justify="right" if column == "minutes" else "left")
    for routine in found.routines:
        minutes = f"{build_plan(routine).total_s / 60:.0f}"
        names = ", ".join(item.exercise.name for item in routine.exercises)
        table.add_row(routine.id, routine.name, names, minutes, "built-in" if routine.builtin else "user")
    console.print(table)
    for path, faults in found.faults.items():
        console.print(f"[red]not loaded:[/] {path}")
        for fault in faults:
            console.print(f"  {fault}", markup=False)
    return 0


def show_routine(console: Console, routine) -> int:
    plan = build_plan(routine)
    console.print(f"[bold]{routine.name}[/] ({routine.id}) · about {format_duration(plan.total_s)}")
    if routine.description:
        console.print(routine.description)
    table = Table(title="Targets", title_justify="left")
    for column in ("exercise", "sides", "sets × reps", "tempo", "rest", "load"):
        table.add_column(column)
    for item in routine.exercises:
        tempo = "" if item.is_hold else f"{item.tempo_s:g} s/rep"
        table.add_row(item.exercise.name, item.side_mode, item.target_label, tempo, f"{item.rest_s} s",
                      item.load.label)
    console.print(table)
    console.print(f"get ready {routine.get_ready_s} s · switch sides {routine.switch_sides_s} s · "
                  f"rest between exercises {routine.rest_between_exercises_s} s")
    steps = Table(title="Plan", title_justify="left")
    for column in ("#", "starts", "step", "length"):
        steps.add_column(column)
    at = 0.0
    for number, step in enumerate(plan.steps, start=1):
        steps.add_row(str(number), format_clock(at), step.title if not step.is_work
                      else f"{step.title} · set {step.set_no}/{step.sets}", format_clock(step.duration_s))
        at += step.duration_s
    console.print(steps)
    return 0


def run_app(args: argparse.Namespace, paths: AppPaths) -> int:
    found = load_all(paths.routines_dir)
    selected = None
    if args.routine:
        routine = found.find(args.routine)
        if routine not in found.routines:
            found.routines.append(routine)
        selected = routine.id
    from .app import GluteApp  # Textual is imported only when the app runs

    app = GluteApp(found.routines, paths, selected=selected,
                   counting="self-paced" if args.self_paced else "paced")
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
