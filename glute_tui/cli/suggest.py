"""`glute-tui suggest [--routine ID] [--as-of YYYY-MM-DD] [--json]` and `glute-tui plan
[--routine ID] [--json]`: the coach's advice and the plan over weeks, for scripts.

The advice for the routine of the newest session (unless `--routine` names one), as of now or
as it would have been at the end of `--as-of`'s day (only sessions started before then count),
from the history over weeks (see core/coach.py). Only the newest year files needed are read.
"""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime, time, timedelta

from rich.console import Console
from rich.text import Text

from glute_tui.cli.output import console as make_console
from glute_tui.cli.output import plain, say
from glute_tui.core.coach import Coaching, coach, counted
from glute_tui.core.format import plural, week_count
from glute_tui.core.pain import GUIDANCE
from glute_tui.core.records import Session
from glute_tui.core.routines import Routine, RoutineError
from glute_tui.core.weekplan import WeekPlan, plan_over_weeks
from glute_tui.services.history import HistoryService, sessions_for_advice
from glute_tui.store.paths import AppPaths
from glute_tui.store.preferences import load_preferences
from glute_tui.store.routine_files import RoutineSet, load_all, load_ladder, load_loads


def end_of_day(day: date) -> datetime:
    """The last moment of `day` on this machine's clock: sessions started before its end count."""
    local = datetime.now().astimezone().tzinfo
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=local) - timedelta(microseconds=1)


def _history(paths: AppPaths) -> HistoryService:
    return HistoryService(paths.data, report=lambda message, severity: say(message, stderr=True))


def advice_input(history: HistoryService, ref: str | None, found: RoutineSet,
                 now: datetime) -> tuple[Routine | None, list[Session]]:
    """The routine to advise on (named, or the newest session's) and the sessions the coach needs."""
    routine = found.find(ref) if ref else None
    if routine is None:
        for year in history.each_file(newest_first=True):
            newest = next(reversed(counted(year, now)), None)
            if newest is not None:
                try:
                    routine = found.find(newest.routine)
                except RoutineError as exc:  # deleted or renamed since: say so, with the way out
                    raise RoutineError(exc.faults + ["name one with --routine ID"]) from None
                break
    if routine is None:
        return None, []
    wanted = [item.id for item in routine.exercises]
    return routine, sessions_for_advice(history.each_file(newest_first=True), wanted, now=now)


def _coaching(args: argparse.Namespace, paths: AppPaths, ref: str | None) -> tuple[Routine | None, Coaching | None,
                                                                                   list[Session], RoutineSet]:
    history = _history(paths)
    found = load_all(paths.routines_dir)
    as_of = getattr(args, "as_of", None)
    now = end_of_day(as_of) if as_of is not None else datetime.now().astimezone()
    routine, sessions = advice_input(history, ref, found, now)
    if routine is None:
        return None, None, [], found
    return routine, coach(routine, sessions, now=now, loads=load_loads(), catalogue=found.catalogue,
                          ladder=load_ladder(), as_done=as_of is not None), sessions, found


def suggest_json(routine: Routine | None, coaching: Coaching | None) -> dict[str, object]:
    session = coaching.session if coaching else None
    return {
        "routine": routine.id if routine else None,
        "routine_name": routine.name if routine else None,
        "as_of": coaching.as_of.isoformat(timespec="seconds") if coaching else None,
        "session": None if session is None else {
            "id": session.id, "started_at": session.started_at, "status": session.status,
            "pain": None if session.pain is None else [p.to_dict() for p in session.pain],
            "note": session.note},
        "suggestions": [a.to_json() for a in coaching.advice] if coaching and session else [],
        "refer": [r.to_json() for r in coaching.referrals] if coaching else [],
    }


def cmd_suggest(args: argparse.Namespace, paths: AppPaths) -> int:
    ref = getattr(args, "suggest_routine", None) or getattr(args, "routine", None)
    routine, coaching, _, _ = _coaching(args, paths, ref)
    if args.json:
        print(json.dumps(suggest_json(routine, coaching), indent=2, ensure_ascii=False))
        return 0
    console = make_console()
    session = coaching.session if coaching else None
    if routine is None or coaching is None or session is None:
        what = "" if routine is None else Text.assemble(" of ", plain(routine.name))
        console.print(Text.assemble("No sessions", what, " yet: nothing to suggest. To start a workout, run "
                                    "glute-tui with no command and press Enter on a routine."))
        return 0
    console.print(Text.assemble("After ", plain(routine.name), f" on {session.when} ({session.status}):"))
    for item in coaching.advice:
        console.print(Text.assemble("  ", plain(item.name), ": ", plain(item.change, "bold"), " — ", plain(item.why)))
        weak = coaching.imbalances.get(item.exercise_id)
        if weak is not None:
            console.print(Text(f"      imbalance: {weak.text} next time"))
    if session.pain:
        console.print(Text.assemble("Pain reported: ", plain(", ".join(p.label for p in session.pain))))
    _print_referrals(console, coaching)
    return 0


def _print_referrals(console: Console, coaching: Coaching) -> None:
    for referral in coaching.referrals:
        console.print(Text.assemble(("See a professional: ", "bold"), plain(referral.text)))
    if coaching.referrals or any(a.kind in ("hold", "refer") for a in coaching.advice):
        console.print(Text(f"Pain advice: {GUIDANCE} See a physiotherapist or doctor when pain persists, "
                           "grows, or is 7/10 or more."))


def cmd_plan(args: argparse.Namespace, paths: AppPaths) -> int:
    """`glute-tui plan`: where each exercise stands, the next rung and what earns it, this week."""
    preferences, problem = load_preferences(paths.preferences_file)
    if problem:
        say(problem, stderr=True)
    ref = getattr(args, "plan_routine", None)
    routine, coaching, sessions, found = _coaching(args, paths, ref)
    if routine is None or coaching is None:  # no history yet: the routine the app starts with
        routine = found.find(preferences.default_routine)
        coaching = coach(routine, [], now=datetime.now().astimezone())
    plan = plan_over_weeks(routine, sessions, now=coaching.as_of, weekly_goal=preferences.weekly_goal,
                           catalogue=found.catalogue, ladder=load_ladder(), coaching=coaching)
    if args.json:
        print(json.dumps(plan.to_json(), indent=2, ensure_ascii=False))
        return 0
    print_plan(plan)
    return 0


def print_plan(plan: WeekPlan) -> None:
    console = make_console()
    console.print(Text.assemble(("Plan: ", "bold"), plain(plan.routine_name),
                                f" · week of {plan.week_start} · "
                                f"{week_count(plan.sessions_this_week, plan.weekly_goal)}"))
    for row in plan.rows:
        console.print(Text.assemble("  ", plain(row.name, "bold"), f"  rung {row.rung_index + 1} of {row.rungs}: ",
                                    plain(row.rung)))
        if row.next_rung:
            console.print(Text.assemble("      next: ", plain(row.next_rung), " — ", plain(row.earns)))
        console.print(Text.assemble(f"      this week: done in {plural(row.done_this_week, 'session')}",
                                    f" · imbalance: {row.imbalance.text}" if row.imbalance else ""))
        if row.hold or row.referral:
            console.print(Text.assemble("      ", plain(row.advice.change, "bold"), ": ", plain(row.advice.why)))
    for referral in plan.referrals:
        console.print(Text.assemble(("See a professional: ", "bold"), plain(referral.text)))
