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
from typing import Iterable, Iterator

from rich.text import Text

from glute_tui.cli.output import console as make_console
from glute_tui.cli.output import emit_whole, fail, fitted_table, say
from glute_tui.core.columns import Column
from glute_tui.core.digest import Row
from glute_tui.core.exchange import ImportProblem, check_export, csv_chunks, export_sessions, json_chunks
from glute_tui.core.format import format_duration, plural, week_count
from glute_tui.core.records import Session
from glute_tui.core.text import visible
from glute_tui.services.history import HistoryService, figures_of
from glute_tui.store.atomic import atomic_write_chunks
from glute_tui.store.history import History, SaveFailed
from glute_tui.store.paths import AppPaths
from glute_tui.store.preferences import load_preferences
from glute_tui.store.safe_read import Unreadable, kind_of, open_regular, text_chunks


@dataclass
class Opened:
    history: History
    problems: list[str]  # files moved aside, sessions skipped: said on stderr


START_HINT = ("No sessions yet. To start your first workout, run glute-tui with no command and "
              "press Enter on a routine.")


def open_history(paths: AppPaths) -> Opened:
    """The history, after recovering any workout that died; its messages go to stderr."""
    history = History(paths.data)
    recovery = history.recover()
    for message in recovery.messages():
        say(message, stderr=True)
    # a journal that could not be recovered (a read-only folder) is left out too: exit 2
    return Opened(history, list(recovery.problems))


def open_service(paths: AppPaths, goal: int = 1) -> tuple[HistoryService, list[str]]:
    """The history service (it reads each year's index), its problems said on stderr and kept."""
    problems: list[str] = []

    def report(message: str, severity: str) -> None:
        say(message, stderr=True)
        if severity != "information":
            problems.append(message)

    return HistoryService(paths.data, weekly_goal=lambda: goal, report=report), problems


def incomplete(problems: list[str]) -> int:
    """Exit 2 after saying that what was printed leaves out what could not be read."""
    if not problems:
        return 0
    return fail(f"{plural(len(problems), 'problem')} above: what is shown leaves out what could "
                "not be read (a file that could not be read was moved aside, not deleted).")


def cmd_history(args: argparse.Namespace, paths: AppPaths) -> int:
    service, problems = open_service(paths)
    total = service.count()  # every year's problems are said here
    console = make_console()
    if not total:
        if problems:
            return fail(f"No sessions could be read ({plural(len(problems), 'problem')} above): "
                        "there is nothing to show.")
        console.print(START_HINT)
        return 0
    rows: list[Row] = []
    for year in service.rows(newest_first=True):  # only the newest years are read
        rows += year
        if len(rows) >= args.limit:
            break
    cells = [(row.when, row.routine_name, row.minutes, row.sets, row.reps, row.status, row.felt, row.pain)
             for row in rows[: args.limit]]
    console.print(fitted_table(f"Recent sessions ({min(args.limit, total)} of {total})", HISTORY_COLUMNS,
                               cells, console))
    return incomplete(problems)


# On a narrow terminal (issue 24, finding 7): how it felt and the pain go first, then the reps and
# the time; the date, the routine (wrapped at its words), the sets and the status stay.
HISTORY_COLUMNS = (Column("date"), Column("routine", shorten=True), Column("time", 4, justify="right"),
                   Column("sets done", justify="right"), Column("reps", 3, justify="right"),
                   Column("status"), Column("felt", 2), Column("pain", 1, shorten=True))
EXERCISE_COLUMNS = (Column("exercise"), Column("total", shorten=True, justify="right"),
                    Column("best set", 2, shorten=True, justify="right"),
                    Column("left", 1, justify="right", group="sides"),
                    Column("right", 1, justify="right", group="sides"))


def cmd_stats(args: argparse.Namespace, paths: AppPaths) -> int:
    prefs, problem = load_preferences(paths.preferences_file)
    if problem:
        say(problem, stderr=True)
    as_of = args.as_of or date.today()
    service, problems = open_service(paths)
    service.recover_once()
    stats = figures_of(service.files, as_of, args.weekly_goal or prefs.weekly_goal, service.report_problems)
    if args.json:
        print(json.dumps(stats.to_json(), indent=2))
        return incomplete(problems)
    console = make_console()
    console.print(Text.assemble((f"As of {stats.as_of:%a %d %b %Y}", "bold"), f" · weekly goal {stats.weekly_goal}"))
    console.print(f"This week: {week_count(stats.this_week, stats.weekly_goal)}")
    console.print(f"Daily streak: {stats.current_daily_streak} (longest {stats.longest_daily_streak})")
    console.print(f"Weekly streak: {stats.current_weekly_streak} (longest {stats.longest_weekly_streak})")
    holds = stats.holds_by_exercise
    totals = f"{stats.total_reps} reps"
    if stats.total_hold_s:
        totals += f" · {stats.total_hold_s:.0f} s held"  # a hold is an amount, like reps
    console.print(f"Sessions: {stats.counted_sessions} counted of {stats.sessions} · "
                  f"{totals} · {format_duration(stats.total_minutes * 60)} in all")
    if stats.reps_by_exercise:
        cells = []
        for exercise, reps in sorted(stats.reps_by_exercise.items(), key=lambda kv: (-kv[1], kv[0])):
            sides = stats.sides_by_exercise.get(exercise, {})
            hold = holds.get(exercise)
            if hold is None:
                total, best = plural(reps, "rep"), plural(stats.best_set_by_exercise.get(exercise, 0), "rep")
            else:  # seconds held, with their unit; reps too when it was also done for reps
                total = f"{hold.total_s:.0f} s held"
                best = f"{hold.best_s:.0f} s"  # whole seconds, as the Summary and the detail show them
                if reps:
                    total, best = f"{plural(reps, 'rep')} · {total}", f"{plural(hold.best_reps, 'rep')} · {best}"
            cells.append((exercise, total, best, str(sides.get("left", "")), str(sides.get("right", ""))))
        console.print(fitted_table("By exercise", EXERCISE_COLUMNS, cells, console))
    return incomplete(problems)


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


class Counted:
    """Sessions passed through, counted."""

    def __init__(self, sessions: Iterable[Session]) -> None:
        self.sessions = sessions
        self.count = 0

    def __iter__(self) -> Iterator[Session]:
        for session in self.sessions:
            self.count += 1
            yield session


def cmd_export(args: argparse.Namespace, paths: AppPaths) -> int:
    """Written as it is read, a year file at a time: memory stays flat, whatever the history."""
    target = check_output(args.output) if args.output else None
    opened = open_history(paths)
    problems = opened.problems
    said = len(problems)  # the journals it could not recover: said already
    sessions = Counted(opened.history.in_order(problems))
    chunks = json_chunks(sessions) if args.format == "json" else csv_chunks(sessions)
    if target is None:
        # For a person's eyes (a terminal), no control character reaches it; into a pipe or a
        # file, the data exactly (JSON escapes controls; CSV keeps cells as stored).
        if sys.stdout.isatty():
            for chunk in chunks:
                sys.stdout.write(visible(chunk, keep="\n"))
            sys.stdout.flush()
        else:
            emit_whole(chunks)  # UTF-8, and only once complete: never a partial backup.json
    else:
        try:
            atomic_write_chunks(target, chunks, make_parent=False)
        except OSError as exc:
            raise OutputProblem(f"cannot write the export to {args.output}: "
                                f"{(exc.strerror or str(exc)).lower()}") from None
    for problem in problems[said:]:
        say(problem, stderr=True)
    if target is not None:
        say(f"Exported {plural(sessions.count, 'session')} to {args.output}", stderr=True)
    return incomplete(problems)


def cmd_import(args: argparse.Namespace, paths: AppPaths) -> int:
    """Read twice, a session at a time (a file of any size): every session is checked before
    anything is written, then written as it is read again."""
    path = Path(args.file).expanduser()
    try:
        fd = open_regular(path, follow=True)
    except FileNotFoundError:
        raise ImportProblem(f"{args.file}: no such file") from None
    except Unreadable as exc:
        raise ImportProblem(f"{args.file}: {exc.why}") from None
    try:
        return _import(fd, path, args.file, paths)
    except Unreadable as exc:
        raise ImportProblem(f"{args.file}: {exc.why}") from None
    finally:
        os.close(fd)


def _import(fd: int, path: Path, name: str, paths: AppPaths) -> int:
    info = check_export(lambda: text_chunks(fd, path), name)  # nothing written before this
    opened = open_history(paths)
    try:
        added = opened.history.add_stream(export_sessions(text_chunks(fd, path), name, info.version))
    except SaveFailed as exc:
        return fail(f"{exc.path}: could not be written ({exc.strerror}). "
                    f"{plural(exc.added, 'session')} of the {info.sessions} in {name} "
                    "were imported before that; import the file again once this is fixed "
                    "(sessions already there are skipped).")
    except OSError as exc:
        where = exc.filename or paths.data
        return fail(f"{where}: {exc.strerror or exc}\nNothing was imported.")
    say(f"Imported {added} new session{'s' if added != 1 else ''} from {name}"
        f" ({info.sessions - added} already there).")
    return 0


COMMANDS = {"history": cmd_history, "stats": cmd_stats, "export": cmd_export, "import": cmd_import}


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    try:
        return COMMANDS[args.command](args, paths)
    except ImportProblem as exc:
        return fail(f"{exc}\nNothing was imported.")
    except OutputProblem as exc:
        return fail(str(exc))
