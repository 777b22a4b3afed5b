"""The next step up, for an exercise whose every target was met.

The article's advice: start with body weight, then add a band or weights as you get stronger.
So: two more reps a set up to the exercise's `max_reps`; there, a heavier load (body weight,
then bands light to extra-heavy, then 2 kg more each time) and four fewer reps. A timed hold
grows by 5 seconds, up to two minutes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from glute_tui.core.routines import BANDS, LIMITS, Load, Routine, RoutineExercise
from glute_tui.core.results import ExerciseResult

REPS_STEP = 2
REPS_BACK_OFF = 4
HOLD_STEP_S = 5
HOLD_MAX_S = 120
KG_STEP = 2.0
LADDER = [Load()] + [Load(kind="band", band=band) for band in BANDS[1:]]  # light … extra-heavy


@dataclass(frozen=True)
class Suggestion:
    exercise_id: str
    before: RoutineExercise
    after: RoutineExercise

    @property
    def text(self) -> str:
        b, a = self.before, self.after
        name = b.exercise.name
        if a.load != b.load:
            return f"{name}: {b.load.label} → {a.load.label}, {a.reps} reps"
        if a.is_hold:
            return f"{name}: hold {b.hold_s} s → {a.hold_s} s"
        return f"{name}: {b.reps} → {a.reps} reps a set"


def heavier(load: Load) -> Load | None:
    if load in LADDER and LADDER.index(load) + 1 < len(LADDER):
        return LADDER[LADDER.index(load) + 1]
    kg = load.kg + KG_STEP if load.kind == "kg" else KG_STEP
    return Load(kind="kg", kg=kg) if kg <= LIMITS["kg"][1] else None


def next_step(item: RoutineExercise) -> RoutineExercise | None:
    if item.is_hold:
        hold = min(HOLD_MAX_S, (item.hold_s or 0) + HOLD_STEP_S)
        return replace(item, hold_s=hold) if hold != item.hold_s else None
    reps = item.reps or 0
    if reps < item.max_reps:
        return replace(item, reps=min(item.max_reps, reps + REPS_STEP))
    load = heavier(item.load)
    if load is None:
        return None
    return replace(item, load=load, reps=max(1, reps - REPS_BACK_OFF))


def suggest(routine: Routine, results: list[ExerciseResult]) -> list[Suggestion]:
    """A next step for each exercise of `routine` whose targets were all met."""
    met = {r.exercise_id for r in results if r.met_target and r.sets_done}
    suggestions = []
    for item in routine.exercises:
        if item.id in met:
            after = next_step(item)
            if after is not None:
                suggestions.append(Suggestion(item.id, item, after))
    return suggestions


def apply(routine: Routine, suggestions: list[Suggestion]) -> Routine:
    """The routine with each suggestion taken."""
    changed = {s.exercise_id: s.after for s in suggestions}
    return replace(routine, exercises=tuple(changed.get(i.id, i) for i in routine.exercises))
