"""The `glute-tui` command: the app, and sub-commands for scripts.

Bad input never shows a traceback: a clear message on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import gc
import sys
from datetime import date
from typing import TYPE_CHECKING, Sequence, cast

from glute_tui.cli.arguments import Completers, completes
from glute_tui.cli.output import fail, tolerant_streams
from glute_tui.core.preferences import WEEKLY_GOAL_RANGE
from glute_tui.store.paths import AppPaths

if TYPE_CHECKING:
    from glute_tui.core.routines import RoutineError

HISTORY_COMMANDS = ("history", "stats", "export", "import")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # 50 ms: only for --version

    try:
        return version("glute-tui")
    except PackageNotFoundError:
        return "0+unknown"


class VersionAction(argparse.Action):
    """argparse's own version action needs the text up front; this reads it only when asked."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        print(f"glute-tui {_version()}")
        parser.exit()


DATA_DIR_HELP = "keep all of glute-tui's files under DIR (like $GLUTE_TUI_HOME)"
SHELLS = ("bash", "zsh", "fish")


def common_options(*, top: bool = False, completers: Completers = None) -> argparse.ArgumentParser:
    """The options every command takes, before or after its name (`glute-tui history --data-dir X`).

    A command's copy has no default, so an option given before the command is kept when it is
    not given again after it.
    """
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("common options")
    completes(group.add_argument("--data-dir", metavar="DIR", help=DATA_DIR_HELP,
                                 **({} if top else {"default": argparse.SUPPRESS})), "dir", completers)
    return common


def build_parser(completers: Completers = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="glute-tui",
        description="A full-screen workout timer for a glute-strengthening routine. "
                    "Without a command it opens the app.",
        parents=[common_options(top=True, completers=completers)],
    )
    common = [common_options(completers=completers)]
    parser.add_argument("--version", action=VersionAction)
    completes(parser.add_argument("--routine", metavar="ID|PATH",
                                  help="the routine to select at start: a routine id or a TOML file"),
              "routine", completers)
    parser.add_argument("--self-paced", action="store_true",
                        help="count reps yourself (Enter ends a set) instead of to a tempo")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    routines = commands.add_parser("routines", help="list, show, validate or copy routines", parents=common,
                                   description="List built-in and user routines (the default), "
                                               "show one's plan, validate a routine file, or copy one.")
    # `routines --ids` as the README writes it (list is the default); its own dest, because a
    # subcommand's defaults would overwrite a shared one (`routines --ids list`).
    routines.add_argument("--ids", dest="list_ids", action="store_true", help="with no ACTION: only the ids")
    routine_cmds = routines.add_subparsers(dest="routines_command", metavar="ACTION")
    listing = routine_cmds.add_parser("list", help="list routines: id, name, exercises, minutes", parents=common)
    listing.add_argument("--ids", action="store_true", help="print only the ids, one a line (for scripts)")
    show = routine_cmds.add_parser("show", help="print a routine's targets and its step-by-step plan",
                                   parents=common)
    completes(show.add_argument("ref", metavar="ID|PATH"), "routine", completers)
    validate = routine_cmds.add_parser("validate", help="check a routine file: exit 0, or 2 with every fault",
                                       parents=common)
    completes(validate.add_argument("path", metavar="PATH"), "file", completers)
    copy = routine_cmds.add_parser("copy", help="copy a routine to your own, under a new id, to edit",
                                   parents=common,
                                   description="Copy a built-in or user routine into your routines "
                                               "folder as NEW_ID.toml (same format as the built-in ones).")
    completes(copy.add_argument("ref", metavar="ID|PATH"), "routine", completers)
    copy.add_argument("new_id", metavar="NEW_ID", help="lower-case letters, digits and dashes")

    from glute_tui.cli.exercises import add_parser as add_exercises_parser

    add_exercises_parser(commands, common, completers)

    history = commands.add_parser("history", help="a table of recent sessions", parents=common,
                                  description="Recent sessions, newest first. Exit 2 when a history "
                                              "file or session could not be read (the rest is shown).")
    history.add_argument("--limit", type=positive_int, default=20, metavar="N",
                         help="how many sessions to show (default 20)")

    stats = commands.add_parser("stats", help="streaks, totals and bests", parents=common,
                                description="Streaks (daily and weekly), totals and bests, as of a day.")
    stats.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD",
                       help="compute as of this day (default: today)")
    stats.add_argument("--weekly-goal", type=weekly_goal, metavar="N",
                       help="sessions a week that keep the weekly streak (default: your preference, 1)")
    stats.add_argument("--json", action="store_true", help="print one JSON object")

    export = commands.add_parser("export", help="write the whole history as JSON or CSV", parents=common,
                                 description="Write every session, as stored, to a file or stdout.")
    export.add_argument("--format", choices=("json", "csv"), default="json", help="default: json")
    completes(export.add_argument("--output", metavar="FILE",
                                  help="write to FILE instead of stdout (its folder must exist)"),
              "file", completers)

    importer = commands.add_parser("import", help="merge sessions from a JSON export", parents=common,
                                   description="Merge sessions from a glute-tui JSON export, by id: "
                                               "sessions already present are left as they are. A file "
                                               "with any bad session is refused whole.")
    completes(importer.add_argument("file", metavar="FILE"), "file", completers)

    commands.add_parser("paths", help="where your history, routines and preferences are kept",
                        parents=common,
                        description="Print the folders and files glute-tui reads and writes, "
                                    "as they are for this run (--data-dir and $GLUTE_TUI_HOME count).")

    completion = commands.add_parser("completion", help="print a shell completion script",
                                     description="Print a completion script for SHELL. For example, "
                                                 "in ~/.bashrc: eval \"$(glute-tui completion bash)\"")
    completion.add_argument("shell", choices=SHELLS, metavar="SHELL", help="bash, zsh or fish")

    from glute_tui.cli.serve import add_parser as add_serve

    add_serve(commands, common)

    suggest = commands.add_parser("suggest", help="what to change next time, per exercise, and why",
                                  parents=common,
                                  description="The Summary's advice after the newest session of a "
                                              "routine: a step up, a step back, a gentler move, or stay; "
                                              "from the targets met, how each exercise felt and any pain.")
    completes(suggest.add_argument("--routine", dest="suggest_routine", metavar="ID|PATH",
                                   help="the routine (default: the one of the newest session)"),
              "routine", completers)
    suggest.add_argument("--as-of", dest="as_of", type=iso_date, metavar="YYYY-MM-DD",
                         help="the advice as it would have been that day (sessions started before its end)")
    suggest.add_argument("--json", action="store_true", help="print one JSON object")

    plan = commands.add_parser("plan", help="the plan over weeks: each exercise's rung, the next and what earns it",
                               parents=common,
                               description="For each exercise of a routine: where it stands on its ladder, the "
                                           "next rung and what earns it, the sessions this week against the "
                                           "weekly goal, and any hold or referral.")
    completes(plan.add_argument("--routine", dest="plan_routine", metavar="ID|PATH",
                                help="the routine (default: the one of the newest session)"),
              "routine", completers)
    plan.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1 (got {text!r})")
    return value


def weekly_goal(text: str) -> int:
    low, high = WEEKLY_GOAL_RANGE
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"must be a whole number from {low} to {high} (got {text!r})")
    return value


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a date like 2026-11-24 (got {text!r})") from None


def main(argv: Sequence[str] | None = None) -> int:
    tolerant_streams()  # any stdout encoding: what it cannot write becomes "?", never a traceback
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage and the error
        return int(exc.code or 0)
    if args.command is not None:
        gc.enable()  # see cli/launch.py: only the app keeps it off, until its first frame
    if args.command == "completion":
        from glute_tui.cli.completion import script

        sys.stdout.write(script(args.shell, build_parser))
        return 0
    paths = AppPaths.resolve(args.data_dir)
    try:
        if args.command == "paths":
            from glute_tui.cli.paths import cmd_paths

            return cmd_paths(paths, override=args.data_dir)
        if args.command == "routines":
            from glute_tui.cli.routines import cmd_routines

            return cmd_routines(args, paths)
        if args.command == "serve":
            from glute_tui.cli.serve import run_serve

            return run_serve(args, paths)
        if args.command == "exercises":
            from glute_tui.cli.exercises import cmd_exercises

            return cmd_exercises(args, paths)
        if args.command == "suggest":
            from glute_tui.cli.suggest import cmd_suggest

            return cmd_suggest(args, paths)
        if args.command == "plan":
            from glute_tui.cli.suggest import cmd_plan

            return cmd_plan(args, paths)
        if args.command in HISTORY_COMMANDS:
            from glute_tui.cli import history

            return history.run(args, paths)
        from glute_tui.cli.app import run_app

        return run_app(args, paths)
    except OSError as exc:  # a file is named where the error knows one; never a bare ": ..."
        where = f"{exc.filename}: " if exc.filename else ""
        return fail(f"{where}{exc.strerror or exc}")
    except Exception as exc:
        # core.routines is imported by the commands that read routines, not by the others
        # (import, stats, history start faster without it): only those can raise its error
        routines = sys.modules.get("glute_tui.core.routines")
        if routines is not None and isinstance(exc, routines.RoutineError):
            return fail("\n".join(cast("RoutineError", exc).faults))
        raise
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
