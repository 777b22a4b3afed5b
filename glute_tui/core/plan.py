"""Expand a routine into the steps a person follows, each with its planned length.

Sides: `none` is one work step a set; `both` is the set on the left, a switch-sides step,
then the same set on the right; `alternate` is one work step whose reps alternate legs.
Zero-second pauses are left out, and there is no rest after the very last set.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from glute_tui.core.format import plural
from glute_tui.core.routines import Routine, RoutineExercise
from glute_tui.core.vocab import StepKind

GET_READY, WORK, SWITCH, REST, DONE = (StepKind.GET_READY, StepKind.WORK, StepKind.SWITCH, StepKind.REST,
                                      StepKind.DONE)
TIMED_KINDS = (GET_READY, SWITCH, REST)


OTHER_SIDE = {"left": "right", "right": "left"}


def working_leg(item: RoutineExercise, side: str) -> str:
    """The leg that works, named the same in text and speech: `left leg`, and for a move
    done lying on one side (where "left side" would mean the other leg), where to lie:
    `left leg, lying on your right side`."""
    if side not in OTHER_SIDE:
        return ""
    if item.exercise.side_lying:
        return f"{side} leg, lying on your {OTHER_SIDE[side]} side"
    return f"{side} leg"


@dataclass(frozen=True)
class Step:
    """One thing to do: get ready, work a set (on a side), switch sides, rest, or done."""

    kind: str
    duration_s: float  # planned length; for a paced set, reps × tempo
    item: RoutineExercise | None = None
    exercise_index: int = -1  # position of the exercise in the routine
    set_no: int = 0
    sets: int = 0
    side: str = "none"  # "none" | "left" | "right" | "alternate"

    @property
    def is_work(self) -> bool:
        return self.kind == WORK

    @property
    def title(self) -> str:
        """A one-line description, used for "next:" and for spoken cues."""
        if self.kind == WORK and self.item is not None:
            side = ", alternating legs" if self.side == "alternate" else ""
            if self.side in ("left", "right"):
                side = f", {working_leg(self.item, self.side)}"
            amount = f"{self.item.hold_s} s hold" if self.item.is_hold else plural(self.item.reps or 0, "rep")
            return f"{self.item.exercise.name}{side}, {amount}"
        titles: dict[str, str] = {GET_READY: "Get ready", SWITCH: "Switch sides", REST: "Rest", DONE: "Done"}
        return titles[self.kind]


@dataclass(frozen=True)
class Plan:
    routine: Routine
    steps: tuple[Step, ...]

    @property
    def total_s(self) -> float:
        """The planned length of the whole workout, in seconds."""
        return sum(step.duration_s for step in self.steps)

    @property
    def sets_planned(self) -> int:
        """Sets as the routine counts them (a two-sided set is one set, done on each side)."""
        return sum(item.sets for item in self.routine.exercises)

    @property
    def work_steps(self) -> list[Step]:
        return [step for step in self.steps if step.is_work]

    def next_work_after(self, index: int) -> Step | None:
        for step in self.steps[index + 1:]:
            if step.is_work:
                return step
        return None


def work_duration(item: RoutineExercise) -> float:
    """A paced set lasts reps × tempo; a hold lasts its seconds."""
    if item.is_hold:
        return float(item.hold_s or 0)
    return float(item.reps or 0) * item.tempo_s


def side_order(item: RoutineExercise, first_side: str | None = None) -> tuple[str, ...]:
    """The sides of one set in the order they are done: for a two-sided move the left first,
    unless `first_side` says the right (the weaker side goes first while an imbalance lasts)."""
    mode = item.side_mode
    if mode != "both":
        return (mode,)
    return ("right", "left") if first_side == "right" else ("left", "right")


def build_plan(routine: Routine, first_sides: Mapping[str, str] | None = None) -> Plan:
    """The steps of `routine`; `first_sides` (exercise id -> "left"/"right") names the side a
    two-sided move starts each set with (default left)."""
    first_sides = first_sides or {}
    steps: list[Step] = []
    if routine.get_ready_s > 0:
        steps.append(Step(GET_READY, float(routine.get_ready_s)))
    last_exercise = len(routine.exercises) - 1
    for ex_index, item in enumerate(routine.exercises):
        sides = side_order(item, first_sides.get(item.id))
        for set_no in range(1, item.sets + 1):
            for side_index, side in enumerate(sides):
                if side_index > 0 and routine.switch_sides_s > 0:
                    steps.append(Step(SWITCH, float(routine.switch_sides_s), item, ex_index,
                                      set_no, item.sets, side))
                steps.append(Step(WORK, work_duration(item), item, ex_index, set_no, item.sets, side))
            last_set = set_no == item.sets
            if last_set and ex_index == last_exercise:
                continue
            rest = routine.rest_between_exercises_s if last_set else item.rest_s
            if rest > 0:
                steps.append(Step(REST, float(rest), item, ex_index, set_no, item.sets))
    steps.append(Step(DONE, 0.0))
    return Plan(routine=routine, steps=tuple(steps))
