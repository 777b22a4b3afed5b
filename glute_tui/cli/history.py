"""The commands that read or write the history: history, stats, export, import.

Kept apart from cli.py so that opening the app never loads what only these need.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.table import Table

from glute_tui.cli.output import fail

from glute_tui.store.atomic import atomic_write_text
from glute_tui.core.exchange import ImportProblem, parse_export, to_csv, to_json
from glute_tui.store.history import History
from glute_tui.store.paths import AppPaths
from glute_tui.core.format import plural
from glute_tui.store.preferences import load_preferences
from glute_tui.core.records import Session
from glute_tui.core.stats import compute, session_row


def open_history(paths: AppPaths) -> tuple[History, list[Session]]:
    """The history, after recovering any workout that died; problems go to stderr."""
    history = History(paths.data)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    for message in history.recover().messages():
        err.print(message, markup=False)
    loaded = history.load()
    for problem in loaded.problems:
        err.print(problem, markup=False)
    return history, loaded.sessions


def cmd_history(args: argparse.Namespace, paths: AppPaths) -> int:
    _, sessions = open_history(paths)
    console = Console(highlight=False)
    if not sessions:
        console.print("No sessions yet. Start one with: glute-tui")
        return 0
    table = Table(title=f"Recent sessions ({min(args.limit, len(sessions))} of {len(sessions)})",
                  title_justify="left")
    for column in ("date", "routine", "minutes", "sets done", "reps", "status"):
        table.add_column(column, justify="right" if column in ("minutes", "sets done", "reps") else "left")
    for session in list(reversed(sessions))[: args.limit]:
        table.add_row(*session_row(session))
    console.print(table)
    return 0


def cmd_stats(args: argparse.Namespace, paths: AppPaths) -> int:
    _, sessions = open_history(paths)
    prefs, problem = load_preferences(paths.preferences_file)
    if problem:
        Console(stderr=True).print(problem, markup=False)
    stats = compute(sessions, args.as_of or date.today(), args.weekly_goal or prefs.weekly_goal)
    if args.json:
        print(json.dumps(stats.to_json(), indent=2))
        return 0
    console = Console(highlight=False)
    console.print(f"[bold]As of {stats.as_of:%a %d %b %Y}[/] · weekly goal {stats.weekly_goal}")
    console.print(f"This week: {stats.this_week} of {stats.weekly_goal} done")
    console.print(f"Daily streak: {stats.current_daily_streak} (longest {stats.longest_daily_streak})")
    console.print(f"Weekly streak: {stats.current_weekly_streak} (longest {stats.longest_weekly_streak})")
    console.print(f"Sessions: {stats.counted_sessions} counted of {stats.sessions} · "
                  f"{stats.total_reps} reps · {stats.total_minutes:.0f} minutes")
    if stats.reps_by_exercise:
        table = Table(title="By exercise", title_justify="left")
        for column in ("exercise", "reps", "best set", "left", "right"):
            table.add_column(column, justify="left" if column == "exercise" else "right")
        for exercise, reps in sorted(stats.reps_by_exercise.items(), key=lambda kv: -kv[1]):
            sides = stats.sides_by_exercise.get(exercise, {})
            table.add_row(exercise, str(reps), str(stats.best_set_by_exercise.get(exercise, 0)),
                          str(sides.get("left", "")), str(sides.get("right", "")))
        console.print(table)
    return 0


def cmd_export(args: argparse.Namespace, paths: AppPaths) -> int:
    _, sessions = open_history(paths)
    text = to_json(sessions) if args.format == "json" else to_csv(sessions)
    if args.output:
        atomic_write_text(Path(args.output), text)
        Console(stderr=True).print(f"Exported {plural(len(sessions), 'session')} to {args.output}", markup=False)
    else:
        sys.stdout.write(text)
    return 0


def cmd_import(args: argparse.Namespace, paths: AppPaths) -> int:
    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportProblem(f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    sessions = parse_export(text, str(path))
    history, _ = open_history(paths)
    added = history.add_many(sessions)
    Console(highlight=False).print(f"Imported {added} new session{'s' if added != 1 else ''} from {path}"
                                   f" ({len(sessions) - added} already there).")
    return 0


COMMANDS = {"history": cmd_history, "stats": cmd_stats, "export": cmd_export, "import": cmd_import}


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    try:
        return COMMANDS[args.command](args, paths)
    except ImportProblem as exc:
        return fail(f"{exc}\nNothing was imported.")
