"""The commands that read or write the history: history, stats, export, import.

Kept apart from cli.main so that opening the app never loads what only these need.

`history`, `stats` and `export` exit 2 when a history file or a session could not be read:
they still print what could be read, and say on stderr what was left out and where a damaged
file was moved, so that a script (a backup with `export`) never takes a partial history for
the whole one.
"""

from __future__ import annotations

import argparse
import json
import os
import stat
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rich.table import Table
from rich.text import Text

from glute_tui.cli.output import console as make_console
from glute_tui.cli.output import emit_whole, fail, plain, say
from glute_tui.core.exchange import ImportProblem, parse_export, to_csv, to_json
from glute_tui.core.format import format_duration, plural
from glute_tui.core.records import Session
from glute_tui.core.stats import compute, session_day, session_felt, session_pain, session_row
from glute_tui.core.text import visible
from glute_tui.store.atomic import atomic_write_text
from glute_tui.store.history import History, SaveFailed
from glute_tui.store.paths import AppPaths
from glute_tui.store.preferences import load_preferences
from glute_tui.store.safe_read import DATA_MAX_BYTES, Unreadable, kind_of, read_text


@dataclass
class Opened:
    history: History
    sessions: list[Session]
    problems: list[str]  # files moved aside, sessions skipped: already said on stderr


def open_history(paths: AppPaths) -> Opened:
    """The history, after recovering any workout that died; problems go to stderr."""
    history = History(paths.data)
    recovery = history.recover()
    for message in recovery.messages():
        say(message, stderr=True)
    loaded = history.load()
    for problem in loaded.problems:
        say(problem, stderr=True)
    # a journal that could not be recovered (a read-only folder) is left out too: exit 2
    return Opened(history, loaded.sessions, list(recovery.problems) + list(loaded.problems))


def incomplete(opened: Opened) -> int:
    """Exit 2 after saying that what was printed leaves out what could not be read."""
    if not opened.problems:
        return 0
    return fail(f"{plural(len(opened.problems), 'problem')} above: what is shown leaves out what could "
                "not be read (a file that could not be read was moved aside, not deleted).")


def cmd_history(args: argparse.Namespace, paths: AppPaths) -> int:
    opened = open_history(paths)
    sessions = opened.sessions
    console = make_console()
    if not sessions:
        if opened.problems:
            return fail(f"No sessions could be read ({plural(len(opened.problems), 'problem')} above): "
                        "there is nothing to show.")
        console.print("No sessions yet. Start one with: glute-tui")
        return 0
    table = Table(title=f"Recent sessions ({min(args.limit, len(sessions))} of {len(sessions)})",
                  title_justify="left")
    for column in ("date", "routine", "minutes", "sets done", "reps", "status", "felt", "pain"):
        table.add_column(column, justify="right" if column in ("minutes", "sets done", "reps") else "left")
    for session in list(reversed(sessions))[: args.limit]:
        cells = (*session_row(session), session_felt(session), session_pain(session))
        table.add_row(*(plain(cell) for cell in cells))
    console.print(table)
    return incomplete(opened)


@dataclass
class Holds:
    """An exercise's timed holds: seconds in all, and the longest."""
    total_s: float = 0.0
    best_s: float = 0.0
    best_reps: int = 0  # the most reps in one set, when it was also done for reps


def holds_by_exercise(sessions: list[Session], as_of: date) -> dict[str, Holds]:
    """Per exercise done at least once as a timed hold (up to `as_of`): its seconds, so that a
    hold is printed in seconds and never as a bare number beside counts of reps."""
    found: dict[str, Holds] = {}
    reps: dict[str, int] = {}
    for session in sessions:
        if session_day(session) > as_of:
            continue
        for record in session.sets:
            if not record.done:
                continue
            if record.reps is None:
                holds = found.setdefault(record.exercise, Holds())
                holds.total_s += record.hold_s or 0
                holds.best_s = max(holds.best_s, record.hold_s or 0)
            else:
                reps[record.exercise] = max(reps.get(record.exercise, 0), record.reps)
    for exercise, holds in found.items():
        holds.best_reps = reps.get(exercise, 0)
    return found


def cmd_stats(args: argparse.Namespace, paths: AppPaths) -> int:
    opened = open_history(paths)
    prefs, problem = load_preferences(paths.preferences_file)
    if problem:
        say(problem, stderr=True)
    as_of = args.as_of or date.today()
    stats = compute(opened.sessions, as_of, args.weekly_goal or prefs.weekly_goal)
    if args.json:
        print(json.dumps(stats.to_json(), indent=2))
        return incomplete(opened)
    console = make_console()
    console.print(Text.assemble((f"As of {stats.as_of:%a %d %b %Y}", "bold"), f" · weekly goal {stats.weekly_goal}"))
    console.print(f"This week: {stats.this_week} of {stats.weekly_goal} done")
    console.print(f"Daily streak: {stats.current_daily_streak} (longest {stats.longest_daily_streak})")
    console.print(f"Weekly streak: {stats.current_weekly_streak} (longest {stats.longest_weekly_streak})")
    holds = holds_by_exercise(opened.sessions, as_of)
    totals = f"{stats.total_reps} reps"
    if stats.total_hold_s:
        totals += f" · {format_duration(stats.total_hold_s)} held"
    console.print(f"Sessions: {stats.counted_sessions} counted of {stats.sessions} · "
                  f"{totals} · {stats.total_minutes:.0f} minutes")
    if stats.reps_by_exercise:
        table = Table(title="By exercise", title_justify="left")
        for column in ("exercise", "total", "best set", "left", "right"):
            table.add_column(column, justify="left" if column == "exercise" else "right")
        for exercise, reps in sorted(stats.reps_by_exercise.items(), key=lambda kv: (-kv[1], kv[0])):
            sides = stats.sides_by_exercise.get(exercise, {})
            hold = holds.get(exercise)
            if hold is None:
                total, best = plural(reps, "rep"), plural(stats.best_set_by_exercise.get(exercise, 0), "rep")
            else:  # seconds held, with their unit; reps too when it was also done for reps
                total = f"{format_duration(hold.total_s)} held"
                best = f"{hold.best_s:g} s"
                if reps:
                    total, best = f"{plural(reps, 'rep')} · {total}", f"{plural(hold.best_reps, 'rep')} · {best}"
            table.add_row(plain(exercise), total, best, str(sides.get("left", "")), str(sides.get("right", "")))
        console.print(table)
    return incomplete(opened)


def check_output(given: str) -> Path:
    """The file `--output` names, checked before anything is read or written: a folder, a missing
    folder or a device is refused with the path as given (exit 2). Folders are never created.

    Only a regular file is ever replaced: not a symbolic link either (planted in a shared
    folder it might point anywhere; the export would replace the link, not follow it).
    """
    path = Path(given)
    if path.is_dir() or given.endswith(("/", os.sep)):
        raise OutputProblem(f"cannot write the export to {given}: it is a folder; give a file name, "
                            f"like {path / 'glute-tui-export.json'}")
    try:
        info: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputProblem(f"cannot write the export to {given}: {(exc.strerror or str(exc)).lower()}") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise OutputProblem(f"cannot write the export to {given}: it is {kind_of(info.st_mode)}, not a "
                            "regular file, so it is not replaced")
    folder = path.parent
    if not folder.exists():
        raise OutputProblem(f"cannot write the export to {given}: the folder {folder} does not exist "
                            "(it is not created for you)")
    if not folder.is_dir():
        raise OutputProblem(f"cannot write the export to {given}: {folder} is not a folder")
    return path


class OutputProblem(Exception):
    """`--output` names a place an export cannot go."""


def cmd_export(args: argparse.Namespace, paths: AppPaths) -> int:
    target = check_output(args.output) if args.output else None
    opened = open_history(paths)
    sessions = opened.sessions
    text = to_json(sessions) if args.format == "json" else to_csv(sessions)
    if target is None:
        # For a person's eyes (a terminal), no control character reaches it; into a pipe or a
        # file, the data exactly (JSON escapes controls; CSV keeps cells as stored).
        if sys.stdout.isatty():
            sys.stdout.write(visible(text, keep="\n"))
        else:
            emit_whole([text])  # UTF-8, and only once complete: never a partial backup.json
        return incomplete(opened)
    try:
        atomic_write_text(target, text, make_parent=False)
    except OSError as exc:
        raise OutputProblem(f"cannot write the export to {args.output}: "
                            f"{(exc.strerror or str(exc)).lower()}") from None
    say(f"Exported {plural(len(sessions), 'session')} to {args.output}", stderr=True)
    return incomplete(opened)


def cmd_import(args: argparse.Namespace, paths: AppPaths) -> int:
    path = Path(args.file).expanduser()
    try:
        text = read_text(path, limit=DATA_MAX_BYTES, follow=True)
    except FileNotFoundError:
        raise ImportProblem(f"{args.file}: no such file") from None
    except Unreadable as exc:
        raise ImportProblem(f"{args.file}: {exc.why}") from None
    sessions = parse_export(text, args.file)  # every session checked before anything is written
    opened = open_history(paths)
    try:
        added = opened.history.add_many(sessions)
    except SaveFailed as exc:
        return fail(f"{exc.path}: could not be written ({exc.strerror}). "
                    f"{plural(exc.added, 'session')} of the {len(sessions)} in {args.file} "
                    "were imported before that; import the file again once this is fixed "
                    "(sessions already there are skipped).")
    except OSError as exc:
        where = exc.filename or paths.data
        return fail(f"{where}: {exc.strerror or exc}\nNothing was imported.")
    say(f"Imported {added} new session{'s' if added != 1 else ''} from {args.file}"
        f" ({len(sessions) - added} already there).")
    return 0


COMMANDS = {"history": cmd_history, "stats": cmd_stats, "export": cmd_export, "import": cmd_import}


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    try:
        return COMMANDS[args.command](args, paths)
    except ImportProblem as exc:
        return fail(f"{exc}\nNothing was imported.")
    except OutputProblem as exc:
        return fail(str(exc))
