"""The plan over weeks: for each exercise of a routine, where it stands on its ladder, the next
rung and what earns it, the sessions this week against the weekly goal (the article: at least
once a week; the default goal is 2), and any hold or referral. `glute-tui plan` prints it and
the Plan screen shows it; both read it from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Iterable, Mapping

from glute_tui.core.coach import STEP_UP_EVERY, Coaching, Entry, Imbalance, coach, counted, entries, last_step_up
from glute_tui.core.effort import PAIN_THRESHOLD
from glute_tui.core.ladder import Ladder, load_rungs
from glute_tui.core.pain import GUIDANCE, Referral
from glute_tui.core.progression import BACK, HOLD, REFER, UP, Advice, next_step
from glute_tui.core.records import Session
from glute_tui.core.routines import Exercise, Routine, RoutineExercise

DEFAULT_WEEKLY_GOAL = 2


def rung_label(item: RoutineExercise) -> str:
    """`3 × 14, body weight`, `3 × 30 s, light band`, `Single-leg glute bridge 3 × 10 /side`."""
    return f"{item.exercise.name} {item.target_label}, {item.load.label}"


@dataclass(frozen=True)
class PlanRow:
    """One exercise of the plan."""

    exercise_id: str
    name: str
    rung: str  # where it stands: "Squats 3 × 14, body weight"
    rung_index: int  # its load's place on the ladder (0: body weight)
    rungs: int  # how many loads the ladder has for this move
    next_rung: str  # "Squats 3 × 16, body weight"; "" at the top
    earns: str  # what earns the next rung
    advice: Advice
    done_this_week: int
    weekly_goal: int
    hold: str = ""  # why it is held ("" when not)
    referral: Referral | None = None
    first_side: str | None = None
    imbalance: Imbalance | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "exercise": self.exercise_id, "name": self.name, "rung": self.rung,
            "rung_index": self.rung_index, "rungs": self.rungs, "next_rung": self.next_rung or None,
            "earns": self.earns, "advice": self.advice.kind, "why": self.advice.why,
            "change": self.advice.change,
            "done_this_week": self.done_this_week, "weekly_goal": self.weekly_goal,
            "hold": self.hold or None,
            "referral": self.referral.to_json() if self.referral else None,
            "first_side": self.first_side,
            "imbalance": None if self.imbalance is None else {
                "weaker": self.imbalance.weaker, "stronger": self.imbalance.stronger,
                "weaker_amount": self.imbalance.weaker_amount, "stronger_amount": self.imbalance.stronger_amount,
                "unit": self.imbalance.unit, "sessions": self.imbalance.sessions},
        }


@dataclass(frozen=True)
class WeekPlan:
    routine_id: str
    routine_name: str
    as_of: datetime
    week_start: date  # Monday of the current ISO week
    weekly_goal: int
    sessions_this_week: int  # sessions of this routine this week
    rows: list[PlanRow] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)

    @property
    def guidance(self) -> str:
        return GUIDANCE

    def to_json(self) -> dict[str, object]:
        return {
            "routine": self.routine_id, "routine_name": self.routine_name,
            "as_of": self.as_of.isoformat(timespec="seconds"), "week_start": self.week_start.isoformat(),
            "weekly_goal": self.weekly_goal, "sessions_this_week": self.sessions_this_week,
            "exercises": [row.to_json() for row in self.rows],
            "refer": [r.to_json() for r in self.referrals],
            "guidance": GUIDANCE,
        }


def _earns(item: RoutineExercise, advice: Advice, found: list[Entry], now: datetime) -> str:
    """What earns the next rung, said plainly, with how far along the person is."""
    if advice.kind == REFER:
        return "first see a physiotherapist or doctor about the pain"
    if advice.kind == HOLD:
        return f"once the pain settles to {PAIN_THRESHOLD}/10 or less, two good sessions in a row"
    if advice.kind == UP:
        return "earned: take it on the Summary after your next workout (p), or in the editor"
    if advice.kind == BACK:
        return "a step back first; then two good sessions in a row at each level"
    if "no other lever" in advice.why:
        return "a plateau: the step up failed twice and no other lever is left; stay, it is blocked for 8 weeks"
    if "without it" in advice.why:  # time off: come back at this level first
        return f"earned after the break by two sessions in a row at {item.target_label}, met, felt easy or right"
    good = 0
    for entry in reversed(found):
        if not entry.good or entry.load != item.load:
            break
        good += 1
    earns = f"earned by two sessions in a row at {item.target_label}, met, felt easy or right ({min(good, 2)} of 2 so far)"
    stepped = last_step_up(found)
    if stepped is not None and now - stepped.started < STEP_UP_EVERY:
        earns += f"; not before {(stepped.started + STEP_UP_EVERY).date()} (one step up a week)"
    return earns


def plan_over_weeks(routine: Routine, sessions: Iterable[Session], *, now: datetime,
                    weekly_goal: int = DEFAULT_WEEKLY_GOAL, loads: Mapping[str, Iterable[str]] | None = None,
                    catalogue: Mapping[str, Exercise] | None = None, ladder: Ladder | None = None,
                    coaching: Coaching | None = None) -> WeekPlan:
    """The plan of `routine` as of `now` (`coaching`: the coach's advice, when already computed)."""
    sessions = list(sessions)
    ladder = ladder or Ladder()
    coaching = coaching or coach(routine, sessions, now=now, loads=loads, catalogue=catalogue, ladder=ladder)
    ordered = counted(sessions, now)
    week_start = now.date() - timedelta(days=now.date().weekday())
    this_week = [s for s in ordered if s.started.astimezone(now.tzinfo).date() >= week_start]
    rows = []
    for item, advice in zip(routine.exercises, coaching.advice):
        found = entries(item, ordered)
        rungs = load_rungs(item.id, item.load, ladder)
        after = next_step(item, ladder, catalogue=catalogue, taken=[i.id for i in routine.exercises])
        upcoming = advice.after if advice.kind == UP and advice.after is not None else after
        if "no other lever" in advice.why:  # the usual step failed twice: not offered
            upcoming = None
        rows.append(PlanRow(
            exercise_id=item.id, name=item.exercise.name, rung=rung_label(item),
            rung_index=rungs.index(item.load), rungs=len(rungs),
            next_rung=rung_label(upcoming) if upcoming is not None else "",
            earns=_earns(item, advice, found, now), advice=advice,
            done_this_week=sum(1 for s in this_week if any(r.exercise == item.id and r.done for r in s.sets)),
            weekly_goal=weekly_goal,
            hold=advice.why if advice.kind == HOLD else "",
            referral=advice.referral, first_side=coaching.first_sides.get(item.id),
            imbalance=coaching.imbalances.get(item.id)))
    return WeekPlan(routine.id, routine.name, now, week_start, weekly_goal,
                    sum(1 for s in this_week if s.routine == routine.id), rows, coaching.referrals)
