"""Per-exercise results of a workout, against the plan's targets."""

from __future__ import annotations

from dataclasses import dataclass

from glute_tui.core.format import plural
from glute_tui.core.plan import Plan
from glute_tui.core.records import SetRecord


@dataclass(frozen=True)
class ExerciseResult:
    exercise_id: str
    name: str
    sets_done: int
    sets_planned: int
    reps_done: int
    reps_target: int
    hold_done_s: float
    hold_target_s: float
    seconds: float

    @property
    def met_target(self) -> bool:
        return not self.missed and self.sets_done > 0

    @property
    def is_hold(self) -> bool:
        return self.hold_target_s > 0

    @property
    def missed(self) -> list[str]:
        """Each target that was not met, as a person reads it: `22 of 24 reps`."""
        missed = []
        if self.sets_done < self.sets_planned:
            missed.append(f"{self.sets_done} of {plural(self.sets_planned, 'set')}")
        if self.is_hold and self.hold_done_s + 1e-6 < self.hold_target_s:
            missed.append(f"held {self.hold_done_s:.0f} of {self.hold_target_s:.0f} s")
        elif not self.is_hold and self.reps_done < self.reps_target:
            missed.append(f"{self.reps_done} of {plural(self.reps_target, 'rep')}")
        return missed

    @property
    def verdict(self) -> str:
        """One line per exercise: which targets were met and which were not."""
        if self.met_target:
            amount = (f"held {self.hold_done_s:.0f} s" if self.is_hold
                      else plural(self.reps_done, "rep"))
            return f"{self.name}: met ({plural(self.sets_done, 'set')}, {amount})"
        if not self.sets_done:
            return f"{self.name}: not done"
        return f"{self.name}: not met ({', '.join(self.missed)})"


def overall(results: list[ExerciseResult]) -> str:
    """The Summary's headline: "Every target met." only when it is true."""
    met = sum(1 for r in results if r.met_target)
    if results and met == len(results):
        return "Every target met."
    if not met:
        return "No target met this time."
    return f"Targets met for {met} of {plural(len(results), 'exercise')}."


def summarize(plan: Plan, records: list[SetRecord]) -> list[ExerciseResult]:
    """One row per exercise of the routine, in routine order; reps add up over both sides."""
    results = []
    for item in plan.routine.exercises:
        steps = [s for s in plan.work_steps if s.item is item]
        done = [r for r in records if r.exercise == item.id]
        results.append(ExerciseResult(
            exercise_id=item.id,
            name=item.exercise.name,
            sets_done=len({r.set for r in done if r.done}),  # a set counts once, whatever its sides
            sets_planned=item.sets,
            reps_done=sum(r.reps or 0 for r in done if not r.skipped),
            reps_target=sum(item.reps or 0 for _ in steps),
            hold_done_s=sum(r.hold_s or 0 for r in done if not r.skipped),
            hold_target_s=sum(float(item.hold_s or 0) for _ in steps),
            seconds=sum(r.seconds for r in done),
        ))
    return results
