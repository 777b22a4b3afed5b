"""`glute-tui exercises [list|show ID|validate PATH]`: the shipped moves and the person's own.

Names, cues and frames come from files: each is printed as plain text (cli.output).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from glute_tui.cli.arguments import Completers, completes
from glute_tui.cli.output import console as make_console
from glute_tui.cli.output import fitted_table, plain, print_ids
from glute_tui.core.columns import Column
from glute_tui.core.format import plural
from glute_tui.store.paths import AppPaths

if TYPE_CHECKING:  # every command builds this module's parser: what only `exercises` needs waits
    from rich.console import Console

    from glute_tui.core.routines import Exercise


class Subcommands(Protocol):
    """What `ArgumentParser.add_subparsers()` returns (argparse names its class only privately)."""

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser: ...


# On a narrow terminal (issue 24, finding 7): the source, the knees and the default go first; a
# name wraps at its words.
EXERCISE_COLUMNS = (Column("id"), Column("name", shorten=True), Column("sides"), Column("default", 3),
                    Column("knees", 2), Column("source", 1))


def add_parser(commands: Subcommands, common: list[argparse.ArgumentParser],
               completers: Completers = None) -> None:
    exercises = commands.add_parser(
        "exercises", help="list, show or validate exercises", parents=common,
        description="List the built-in exercises and your own (the default), show one with its "
                    "figure, or validate an exercises file. Your own exercises live in "
                    "exercises.toml in the config folder, in the format of the shipped one.")
    exercises.add_argument("--ids", dest="list_ids", action="store_true", help="with no ACTION: only the ids")
    actions = exercises.add_subparsers(dest="exercises_command", metavar="ACTION")
    listing = actions.add_parser("list", help="list exercises: id, name, sides, default, source", parents=common)
    listing.add_argument("--ids", action="store_true", help="print only the ids, one a line (for scripts)")
    show = actions.add_parser("show", help="print an exercise: its cues, how to do it, and its figure",
                              parents=common)
    completes(show.add_argument("exercise_id", metavar="ID"), "exercise", completers)
    validate = actions.add_parser("validate", help="check an exercises file: exit 0, or 2 with every fault",
                                  parents=common)
    completes(validate.add_argument("path", metavar="PATH"), "file", completers)


def unicode_output() -> bool:
    """Draw the Unicode frames when stdout can encode them, else the ASCII ones."""
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        "●╱▔".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def cmd_exercises(args: argparse.Namespace, paths: AppPaths) -> int:
    from rich.text import Text

    from glute_tui.core.routines import RoutineError
    from glute_tui.store.routine_files import load_exercises, validate_exercises

    console = make_console()
    action = args.exercises_command or "list"
    if action == "validate":
        path = Path(args.path)
        found = validate_exercises(path)
        names = ", ".join(e.id for e in found.values()) or "no exercise"
        console.print(Text.assemble(plain(path), f": valid: {plural(len(found), 'exercise')} (", plain(names), ")"))
        return 0
    catalogue, faults = load_exercises(paths.exercises_file)
    if action == "show":
        exercise = catalogue.get(args.exercise_id)
        if exercise is None:
            raise RoutineError([f"exercise {args.exercise_id!r}: no such exercise; known ids: "
                                f"{', '.join(catalogue)}"])
        show_exercise(console, exercise)
        return 0
    if getattr(args, "ids", False) or getattr(args, "list_ids", False):
        return print_ids(catalogue)
    cells = []
    for exercise in catalogue.values():
        amount = exercise.default_amount
        default = f"{amount['hold_s']} s hold" if "hold_s" in amount else \
            f"{amount['reps']} × {exercise.tempo_s:g} s"
        cells.append((exercise.id, exercise.name, exercise.sides, default,
                      "friendly" if exercise.knee_friendly else "", "built-in" if exercise.builtin else "yours"))
    console.print(fitted_table("Exercises", EXERCISE_COLUMNS, cells, console))
    if not paths.exercises_file.exists():
        console.print(Text.assemble("Your own: none yet; add them to ", plain(paths.exercises_file)))
    for path, problems in faults.items():
        console.print(Text.assemble(("exercises not loaded from", "red"), " ", plain(path), ":"))
        for fault in problems:
            console.print(Text.assemble("  ", plain(fault)))
    return 0


def show_exercise(console: Console, exercise: Exercise) -> None:
    from rich.text import Text

    source = "built-in" if exercise.builtin else "yours"
    console.print(Text.assemble(plain(exercise.name, "bold"), " (", plain(exercise.id), f") · {source}"))
    facts = [f"sides: {exercise.sides}"]
    amount = exercise.default_amount
    facts.append(f"default: {amount['hold_s']} s hold" if "hold_s" in amount else
                 f"default: {amount['reps']} reps at {exercise.tempo_s:g} s a rep")
    if exercise.knee_friendly:
        facts.append("knee-friendly")
    console.print(" · ".join(facts))
    if exercise.muscles:
        console.print(Text.assemble("Works: ", plain(", ".join(exercise.muscles))))
    for title, lines in (("Cues", exercise.cues), ("How to", exercise.steps), ("Avoid", exercise.mistakes)):
        if lines:
            console.print(Text(f"{title}:", style="bold"))
            for line in lines:
                console.print(Text.assemble("  • ", plain(line)))
    if exercise.feel:
        console.print(Text.assemble(("Feel it: ", "bold"), plain(exercise.feel)))
    if exercise.figure is not None:
        console.print(Text("Figure (start, then where the move goes):", style="bold"))
        for line in exercise.figure.side_by_side(unicode_output()):
            console.print(plain(line), no_wrap=True, crop=False)
