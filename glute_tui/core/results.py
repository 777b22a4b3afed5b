"""Per-exercise results of a workout, against the plan's targets."""

from __future__ import annotations

from dataclasses import dataclass

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
        return (self.sets_done >= self.sets_planned and self.reps_done >= self.reps_target
                and self.hold_done_s + 1e-6 >= self.hold_target_s)


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
