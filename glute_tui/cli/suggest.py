"""`glute-tui suggest [--routine ID] [--json]`: the Summary's advice for scripts.

The advice after the newest session of a routine (the routine of the newest session, unless
`--routine` names one), from what its sets met, how they felt and the pain reported
(see core/progression.py). Only the newest year files needed are read.
"""

from __future__ import annotations

import argparse
import json

from rich.text import Text

from glute_tui.cli.output import console as make_console
from glute_tui.cli.output import plain, say
from glute_tui.core.progression import advise_from_history
from glute_tui.core.records import Session
from glute_tui.core.routines import Routine, RoutineError
from glute_tui.store.history import History
from glute_tui.store.paths import AppPaths
from glute_tui.store.routine_files import RoutineSet, load_all, load_loads


def recent_sessions(history: History, routine_ref: str | None, found: RoutineSet) -> tuple[Routine | None, list[Session]]:
    """The routine to advise on, and enough of the newest sessions (oldest first) to advise:
    year files are read newest first until the routine's newest session is found and each of
    its exercises was seen once more before it (or the files run out)."""
    routine = found.find(routine_ref) if routine_ref else None
    sessions: list[Session] = []
    for year, problems in history.each_file(newest_first=True):
        for problem in problems:
            say(problem, stderr=True)
        sessions = list(reversed(year)) + sessions
        if routine is None:
            newest = next((s for s in reversed(sessions) if s.counts), None)
            if newest is None:
                continue
            routine = found.find(newest.routine)
        if _enough(routine, sessions):
            break
    return routine, sessions


def _enough(routine: Routine, sessions: list[Session]) -> bool:
    latest = next((i for i in range(len(sessions) - 1, -1, -1)
                   if sessions[i].routine == routine.id and sessions[i].counts), None)
    if latest is None:
        return False
    seen = {r.exercise for s in sessions[:latest] for r in s.sets if r.done}
    return all(item.id in seen for item in routine.exercises)


def cmd_suggest(args: argparse.Namespace, paths: AppPaths) -> int:
    history = History(paths.data)
    for message in history.recover().messages():
        say(message, stderr=True)
    found = load_all(paths.routines_dir)
    ref = getattr(args, "suggest_routine", None) or getattr(args, "routine", None)
    try:
        routine, sessions = recent_sessions(history, ref, found)
    except RoutineError as exc:
        if ref:
            raise
        # The newest session's routine is gone (deleted, renamed): say so, with the way out.
        raise RoutineError(exc.faults + ["name one with --routine ID"]) from None
    session, advice = (None, []) if routine is None else advise_from_history(
        routine, sessions, loads=load_loads(), catalogue=found.catalogue)
    if args.json:
        print(json.dumps({
            "routine": routine.id if routine else None,
            "routine_name": routine.name if routine else None,
            "session": None if session is None else {
                "id": session.id, "started_at": session.started_at, "status": session.status,
                "pain": None if session.pain is None else [p.to_dict() for p in session.pain],
                "note": session.note},
            "suggestions": [a.to_json() for a in advice],
        }, indent=2, ensure_ascii=False))
        return 0
    console = make_console()
    if routine is None or session is None:
        what = "" if routine is None else Text.assemble(" of ", plain(routine.name))
        console.print(Text.assemble("No sessions", what, " yet: nothing to suggest. Start one with: glute-tui"))
        return 0
    console.print(Text.assemble("After ", plain(routine.name), f" on {session.when} ({session.status}):"))
    for item in advice:
        console.print(Text.assemble("  ", plain(item.name), ": ", (item.change, "bold"), " — ", plain(item.why)))
    if session.pain:
        console.print(Text.assemble("Pain reported: ", plain(", ".join(p.label for p in session.pain))))
    return 0
