"""The commands that read or write the history: history, stats, export, import.

Kept apart from cli.py so that opening the app never loads what only these need.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from rich.table import Table
from rich.text import Text

from glute_tui.cli.output import console as make_console, fail, plain, say

from glute_tui.store.atomic import atomic_write_text
from glute_tui.core.exchange import ImportProblem, parse_export, to_csv, to_json
from glute_tui.store.history import History
from glute_tui.store.paths import AppPaths
from glute_tui.core.format import plural
from glute_tui.store.preferences import load_preferences
from glute_tui.core.records import Session
from glute_tui.core.stats import compute, session_row
from glute_tui.core.text import visible


def open_history(paths: AppPaths) -> tuple[History, list[Session]]:
    """The history, after recovering any workout that died; problems go to stderr."""
    history = History(paths.data)
    for message in history.recover().messages():
        say(message, stderr=True)
    loaded = history.load()
    for problem in loaded.problems:
        say(problem, stderr=True)
    return history, loaded.sessions


def cmd_history(args: argparse.Namespace, paths: AppPaths) -> int:
    _, sessions = open_history(paths)
    console = make_console()
    if not sessions:
        console.print("No sessions yet. Start one with: glute-tui")
        return 0
    table = Table(title=f"Recent sessions ({min(args.limit, len(sessions))} of {len(sessions)})",
                  title_justify="left")
    for column in ("date", "routine", "minutes", "sets done", "reps", "status"):
        table.add_column(column, justify="right" if column in ("minutes", "sets done", "reps") else "left")
    for session in list(reversed(sessions))[: args.limit]:
        table.add_row(*(plain(cell) for cell in session_row(session)))
    console.print(table)
    return 0


def cmd_stats(args: argparse.Namespace, paths: AppPaths) -> int:
    _, sessions = open_history(paths)
    prefs, problem = load_preferences(paths.preferences_file)
    if problem:
        say(problem, stderr=True)
    stats = compute(sessions, args.as_of or date.today(), args.weekly_goal or prefs.weekly_goal)
    if args.json:
        print(json.dumps(stats.to_json(), indent=2))
        return 0
    console = make_console()
    console.print(Text.assemble((f"As of {stats.as_of:%a %d %b %Y}", "bold"), f" · weekly goal {stats.weekly_goal}"))
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
            table.add_row(plain(exercise), str(reps), str(stats.best_set_by_exercise.get(exercise, 0)),
                          str(sides.get("left", "")), str(sides.get("right", "")))
        console.print(table)
    return 0


def cmd_export(args: argparse.Namespace, paths: AppPaths) -> int:
    _, sessions = open_history(paths)
    text = to_json(sessions) if args.format == "json" else to_csv(sessions)
    if args.output:
        atomic_write_text(Path(args.output), text)
        say(f"Exported {plural(len(sessions), 'session')} to {args.output}", stderr=True)
    elif sys.stdout.isatty():  # for a person's eyes: no control character reaches the terminal
        sys.stdout.write(visible(text, keep="\n"))
    else:  # a pipe or a file: the data exactly (JSON escapes controls; CSV keeps cells as stored)
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
    say(f"Imported {added} new session{'s' if added != 1 else ''} from {path}"
        f" ({len(sessions) - added} already there).")
    return 0


COMMANDS = {"history": cmd_history, "stats": cmd_stats, "export": cmd_export, "import": cmd_import}


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    try:
        return COMMANDS[args.command](args, paths)
    except ImportProblem as exc:
        return fail(f"{exc}\nNothing was imported.")
