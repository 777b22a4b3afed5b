"""The next step for an exercise, and advice about it: up, back, stay, hold (pain) or refer.

The article's advice: start with body weight, then add a band or weights as you get stronger.
So a step up is two more reps a set up to the exercise's `max_reps`; there, the next rung of its
ladder (core/ladder.py: a harder variation, a band, a heavier band, a first weight) and four
fewer reps. A timed hold grows by 5 seconds, up to two minutes. A step back is a lighter load
(same reps), or at body weight two reps fewer, or a hold 5 s shorter.

When to step is the coach's (core/coach.py): the rules over weeks (two sessions in a row, at most
one step up a week, time off, pain, sides) live there; this module holds the steps themselves
and the advice's shape.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Iterable, Mapping

from glute_tui.core.ladder import SLOW_TEMPO_S, Ladder, heavier, lighter, slow_lowering
from glute_tui.core.results import ExerciseResult
from glute_tui.core.routines import DEFAULT_REPS, LIMITS, Exercise, Load, Routine, RoutineExercise

if TYPE_CHECKING:
    from glute_tui.core.pain import Referral

REPS_STEP = 2
REPS_BACK_OFF = 4
HOLD_STEP_S = 5
HOLD_MAX_S = 120
SETS_LEVER_MAX = 5  # "one more set" as a lever goes up to this many sets
TEMPO_LEVER_MAX = 5.0  # "a slower tempo" as a lever goes up to this many seconds a rep


@dataclass(frozen=True)
class Suggestion:
    exercise_id: str
    before: RoutineExercise
    after: RoutineExercise

    @property
    def text(self) -> str:
        return f"{self.before.exercise.name}: {step_text(self.before, self.after)}"


def step_text(b: RoutineExercise, a: RoutineExercise) -> str:
    """`12 → 14 reps a set`, `body weight → extra-light band, 16 reps`, `3 → 4 sets`: the step."""
    if a.exercise.id != b.exercise.id:
        amount = f"hold {a.hold_s} s" if a.is_hold else f"{a.reps} reps"
        return f"{b.exercise.name} → {a.exercise.name}, {amount}"
    if a.load != b.load:
        return f"{b.load.label} → {a.load.label}, " + (f"hold {a.hold_s} s" if a.is_hold else f"{a.reps} reps")
    if a.sets != b.sets:
        amount = f"{a.hold_s} s" if a.is_hold else f"{a.reps} reps"
        return f"{b.sets} → {a.sets} sets of {amount}"
    if a.tempo_s != b.tempo_s:
        return f"tempo {b.tempo_s:g} s → {a.tempo_s:g} s a rep (a slower lowering), {a.reps} reps"
    if a.is_hold:
        return f"hold {b.hold_s} s → {a.hold_s} s"
    return f"{b.reps} → {a.reps} reps a set"


def previous_step(item: RoutineExercise, ladder: Ladder | None = None) -> RoutineExercise | None:
    """A step back: a lighter load (same reps); at body weight, two reps fewer; a hold 5 s shorter."""
    if item.is_hold:
        hold = max(int(LIMITS["hold_s"][0]), (item.hold_s or 0) - HOLD_STEP_S)
        return replace(item, hold_s=hold) if hold != item.hold_s else None
    load = lighter(item.load, item.id, ladder)
    if load is not None:
        return replace(item, load=load)
    reps = max(1, (item.reps or 0) - REPS_STEP)
    return replace(item, reps=reps) if reps != item.reps else None


def variation_of(item: RoutineExercise, ladder: Ladder, catalogue: Mapping[str, Exercise],
                 taken: Iterable[str] = ()) -> RoutineExercise | None:
    """The harder variation of a move done by reps, as a rung at body weight (None when the data
    names none, the catalogue lacks it, or the routine already has it)."""
    other = catalogue.get(ladder.variations.get(item.id, ""))
    if other is None or other.id in set(taken) or item.is_hold or other.hold_s is not None:
        return None
    reps = min(other.reps or DEFAULT_REPS, item.reps or DEFAULT_REPS)
    tempo = max(other.tempo_s, item.tempo_s, SLOW_TEMPO_S if slow_lowering(other.cues) else 0.0)
    return RoutineExercise(exercise=other, sets=item.sets, reps=reps, tempo_s=tempo, rest_s=item.rest_s,
                           load=Load(), max_reps=item.max_reps)


def next_step(item: RoutineExercise, ladder: Ladder | None = None, *,
              catalogue: Mapping[str, Exercise] | None = None, taken: Iterable[str] = ()) -> RoutineExercise | None:
    """One rung up: more reps (or seconds) up to the top, then from body weight the harder
    variation (when there is one and the routine `taken` does not have it), else a heavier load
    and four fewer reps. None at the top of the ladder. Never a lighter load."""
    ladder = ladder or Ladder()
    if item.is_hold:
        hold = min(HOLD_MAX_S, (item.hold_s or 0) + HOLD_STEP_S)
        return replace(item, hold_s=hold) if hold != item.hold_s else None
    reps = item.reps or 0
    if reps < item.max_reps:
        return replace(item, reps=min(item.max_reps, reps + REPS_STEP))
    if item.load.kind == "bodyweight" and catalogue:
        variation = variation_of(item, ladder, catalogue, taken)
        if variation is not None:
            return variation
    load = heavier(item.load, item.id, ladder)
    if load is None:
        return None
    return replace(item, load=load, reps=max(1, reps - REPS_BACK_OFF))


def other_lever(item: RoutineExercise, ladder: Ladder, catalogue: Mapping[str, Exercise],
                taken: Iterable[str] = ()) -> tuple[str, RoutineExercise] | None:
    """When the usual step up has failed twice: one more set, else a slower tempo, else the next
    variation; (lever, the changed target), or None when none is left."""
    if item.sets < SETS_LEVER_MAX:
        return "sets", replace(item, sets=item.sets + 1)
    if not item.is_hold and item.tempo_s < TEMPO_LEVER_MAX:
        return "tempo", replace(item, tempo_s=min(TEMPO_LEVER_MAX, item.tempo_s + 1))
    variation = variation_of(item, ladder, catalogue, taken)
    return ("variation", variation) if variation is not None else None


def suggest(routine: Routine, results: list[ExerciseResult]) -> list[Suggestion]:
    """A next step for each exercise of `routine` whose targets were all met (one session, no
    rules over time: the coach's `coach` is what advises)."""
    met = {r.exercise_id for r in results if r.met_target and r.sets_done}
    suggestions = []
    for item in routine.exercises:
        if item.id in met:
            after = next_step(item)
            if after is not None:
                suggestions.append(Suggestion(item.id, item, after))
    return suggestions


def apply(routine: Routine, suggestions: Iterable["Suggestion | Advice"]) -> Routine:
    """The routine with each step taken (a step up or back, another lever, a variation in the
    move's place); advice with no new target is left."""
    changed = {s.exercise_id: s.after for s in suggestions if s.after is not None}
    return replace(routine, exercises=tuple(changed.get(i.id, i) for i in routine.exercises))


# --- advice ---------------------------------------------------------------------------------------

UP, BACK, SWAP, STAY, HOLD, REFER = "up", "back", "swap", "stay", "hold", "refer"
# SWAP is no longer given (pain now holds, naming the gentler move); kept for old importers.


@dataclass(frozen=True)
class SideAdvice:
    """One side of a two-sided move: what it did last time, and what it should do."""

    side: str  # "left" | "right"
    met: bool
    effort: str | None
    reps: int
    hold_s: float
    kind: str
    why: str

    def to_json(self) -> dict[str, object]:
        return {"met": self.met, "effort": self.effort, "reps": self.reps, "hold_s": self.hold_s,
                "advice": self.kind, "why": self.why}


@dataclass(frozen=True)
class Advice:
    """What to do next time with one exercise, and why. `after` is the changed target for a
    step up or back (what `apply` takes); a hold may name a gentler move that spares the sore
    area (`alternative`), the person chooses."""

    exercise_id: str
    kind: str  # UP | BACK | STAY | HOLD | REFER
    why: str
    before: RoutineExercise
    after: RoutineExercise | None = None
    alternative: Exercise | None = None
    sides: tuple[SideAdvice, ...] = ()  # a two-sided move: left, right
    weaker_side: str | None = None
    first_side: str | None = None  # the side to start each set with next time (two-sided moves)
    lever: str = ""  # "" | "sets" | "tempo" | "variation": a step up that is not the usual one
    referral: Referral | None = None

    @property
    def name(self) -> str:
        return self.before.exercise.name

    @property
    def change(self) -> str:
        """`12 → 14 reps a set`, `body weight → light band, 16 reps`: the step itself."""
        if self.kind == REFER:
            return "see a physiotherapist or doctor before loading it again"
        if self.kind in (HOLD, SWAP) and self.alternative is not None:
            return f"hold; or try {self.alternative.name} instead"
        if self.after is None:
            return {STAY: "stay at this level", HOLD: "hold at this level"}.get(self.kind, "")
        return step_text(self.before, self.after)

    @property
    def text(self) -> str:
        return f"{self.name}: {self.change} ({self.why})"

    def side(self, side: str) -> SideAdvice | None:
        return next((s for s in self.sides if s.side == side), None)

    def to_json(self) -> dict[str, object]:
        b, a = self.before, self.after
        return {
            "exercise": self.exercise_id, "name": self.name, "advice": self.kind, "why": self.why,
            "change": self.change,
            "before": targets(b), "after": targets(a) if a is not None else None,
            "alternative": self.alternative.id if self.alternative is not None else None,
            "sides": {s.side: s.to_json() for s in self.sides} if self.sides else None,
            "weaker_side": self.weaker_side,
            "first_side": self.first_side,
            "lever": self.lever or None,
        }


def targets(item: RoutineExercise) -> dict[str, object]:
    return {"exercise": item.id, "sets": item.sets, "reps": item.reps, "hold_s": item.hold_s,
            "load": str(item.load), "tempo_s": item.tempo_s}


def steps_to_take(advice: Iterable[Advice]) -> list[Advice]:
    """The advice `apply` can take into a routine: the steps up and back."""
    return [a for a in advice if a.kind in (UP, BACK) and a.after is not None]
