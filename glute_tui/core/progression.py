"""The next step, for each exercise of a workout: up, back, a gentler move, or stay.

The article's advice: start with body weight, then add a band or weights as you get stronger.
So a step up is two more reps a set up to the exercise's `max_reps`; there, a heavier load
(body weight, then bands light to extra-heavy, then 2 kg more each time) and four fewer reps.
A timed hold grows by 5 seconds, up to two minutes.

It listens (`advise`): a step up only when every set met its target with the answer "easy" or
"right" and nothing the exercise loads hurt; "hard" or "could not finish" two sessions in a row
is a step back (a lighter load, or two reps fewer, or a hold 5 s shorter); pain in an area the
exercise loads suggests its knee-friendly alternative. Each piece of advice says why.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Mapping

from glute_tui.core.effort import EFFORT_LABELS, HARD_EFFORTS, Pain
from glute_tui.core.format import plural
from glute_tui.core.plan import build_plan
from glute_tui.core.records import Session
from glute_tui.core.results import ExerciseResult, summarize
from glute_tui.core.routines import BANDS, LIMITS, Exercise, Load, Routine, RoutineExercise

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


def lighter(load: Load) -> Load | None:
    """One step down the ladder: kilograms by 2 (to the heaviest band), bands, body weight."""
    if load.kind == "kg":
        kg = load.kg - KG_STEP
        return Load(kind="kg", kg=kg) if kg >= LIMITS["kg"][0] else LADDER[-1]
    if load in LADDER and LADDER.index(load) > 0:
        return LADDER[LADDER.index(load) - 1]
    if load.kind == "band":  # extra-light: off the ladder, down to body weight
        return Load()
    return None


def previous_step(item: RoutineExercise) -> RoutineExercise | None:
    """A step back: a lighter load (same reps); at body weight, two reps fewer; a hold 5 s shorter."""
    if item.is_hold:
        hold = max(int(LIMITS["hold_s"][0]), (item.hold_s or 0) - HOLD_STEP_S)
        return replace(item, hold_s=hold) if hold != item.hold_s else None
    load = lighter(item.load)
    if load is not None:
        return replace(item, load=load)
    reps = max(1, (item.reps or 0) - REPS_STEP)
    return replace(item, reps=reps) if reps != item.reps else None


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


def apply(routine: Routine, suggestions: Iterable["Suggestion | Advice"]) -> Routine:
    """The routine with each step taken (a step up or back; advice with no new target is left)."""
    changed = {s.exercise_id: s.after for s in suggestions if s.after is not None}
    return replace(routine, exercises=tuple(changed.get(i.id, i) for i in routine.exercises))


# --- advice that listens ------------------------------------------------------------------------

UP, BACK, SWAP, STAY = "up", "back", "swap", "stay"


@dataclass(frozen=True)
class Advice:
    """What to do next time with one exercise, and why. `after` is the changed target for a
    step up or back (what `apply` takes); a swap names the gentler move, the person chooses."""

    exercise_id: str
    kind: str  # UP | BACK | SWAP | STAY
    why: str
    before: RoutineExercise
    after: RoutineExercise | None = None
    alternative: Exercise | None = None

    @property
    def name(self) -> str:
        return self.before.exercise.name

    @property
    def change(self) -> str:
        """`12 → 14 reps a set`, `body weight → light band, 16 reps`: the step itself."""
        if self.kind == SWAP and self.alternative is not None:
            return f"try {self.alternative.name} instead"
        if self.after is None:
            return "stay at this level" if self.kind == STAY else ""
        return Suggestion(self.exercise_id, self.before, self.after).text.split(": ", 1)[1]

    @property
    def text(self) -> str:
        return f"{self.name}: {self.change} ({self.why})"

    def to_json(self) -> dict[str, object]:
        b, a = self.before, self.after
        return {
            "exercise": self.exercise_id, "name": self.name, "advice": self.kind, "why": self.why,
            "change": self.change,
            "before": _targets(b), "after": _targets(a) if a is not None else None,
            "alternative": self.alternative.id if self.alternative is not None else None,
        }


def _targets(item: RoutineExercise) -> dict[str, object]:
    return {"sets": item.sets, "reps": item.reps, "hold_s": item.hold_s, "load": str(item.load)}


def previous_efforts(sessions: list[Session]) -> dict[str, str | None]:
    """For each exercise, its answer in the newest of `sessions` that did it."""
    found: dict[str, str | None] = {}
    for session in reversed(sessions):
        for exercise, effort in session.efforts().items():
            found.setdefault(exercise, effort)
    return found


def advise_from_history(routine: Routine, sessions: list[Session], *,
                        loads: Mapping[str, Iterable[str]] | None = None,
                        catalogue: Mapping[str, Exercise] | None = None) -> tuple[Session | None, list[Advice]]:
    """The advice after the newest session of `routine` among `sessions` (oldest first) that
    did any work, given the sessions before it; (None, []) when there is none."""
    ordered = sorted(sessions, key=lambda s: (s.started, s.id))
    latest = next((i for i in range(len(ordered) - 1, -1, -1)
                   if ordered[i].routine == routine.id and ordered[i].counts), None)
    if latest is None:
        return None, []
    session = ordered[latest]
    results = summarize(build_plan(routine), session.sets)
    return session, advise(routine, results, pain=session.pain, loads=loads,
                           previous_effort=previous_efforts(ordered[:latest]), catalogue=catalogue)


def advise(routine: Routine, results: Iterable[ExerciseResult], *,
           pain: Iterable[Pain] | None = None,
           loads: Mapping[str, Iterable[str]] | None = None,
           previous_effort: Mapping[str, str | None] | None = None,
           catalogue: Mapping[str, Exercise] | None = None) -> list[Advice]:
    """One piece of advice per exercise of `routine` (in its order) from a workout's `results`.

    `pain`: what the person reported at the end; `loads`: exercise id -> areas it loads;
    `previous_effort`: the answer for each exercise in the session before this one (of the same
    routine); `catalogue`: to name an exercise's alternative.
    """
    by_id = {r.exercise_id: r for r in results}
    pains = list(pain or [])
    loads = loads or {}
    previous_effort = previous_effort or {}
    catalogue = catalogue or {}
    advice = []
    for item in routine.exercises:
        result = by_id.get(item.id)
        advice.append(_advise_one(item, result, pains, loads, previous_effort.get(item.id), catalogue))
    return advice


def _advise_one(item: RoutineExercise, result: ExerciseResult | None, pains: list[Pain],
                loads: Mapping[str, Iterable[str]], previous: str | None,
                catalogue: Mapping[str, Exercise]) -> Advice:
    def loads_of(exercise_id: str) -> frozenset[str]:
        return frozenset(loads.get(exercise_id, ()))

    loaded = loads_of(item.id)

    def stay(why: str) -> Advice:
        return Advice(item.id, STAY, why, item)

    if result is None or result.sets_done == 0:
        return stay("not done this time")
    sore = [p for p in pains if p.area in loaded]
    if sore:
        where = ", ".join(p.label for p in sore)
        alternative = catalogue.get(item.exercise.alternative)
        spared = alternative is not None and not {p.area for p in sore} & set(loads_of(alternative.id))
        if alternative is not None and spared:
            return Advice(item.id, SWAP, f"{where} hurt; this move loads it", item,
                          alternative=alternative)
        return stay(f"{where} hurt; this move loads it")
    effort = result.effort
    if effort in HARD_EFFORTS and previous in HARD_EFFORTS:
        back = previous_step(item)
        why = f"{EFFORT_LABELS[effort]} after {EFFORT_LABELS[previous]} last time: two in a row"
        return Advice(item.id, BACK, why, item, back) if back is not None else stay(why + ", already at the lowest step")
    if not result.met_target:
        return stay(f"not met: {', '.join(result.missed)}")
    if result.too_fast:
        return stay(f"{plural(result.too_fast, 'set')} done faster than the {item.tempo_s:g} s tempo "
                    "allows: not counted as met")
    if effort in HARD_EFFORTS:
        return stay(f"felt {EFFORT_LABELS[effort]}: stay here; twice in a row suggests a step back"
                    if effort == "hard" else "could not finish: stay here; twice in a row suggests a step back")
    if not result.all_good:
        if result.app_counted:
            return stay("no answer to \"How was it?\": the app's count alone cannot tell")
        return stay("no answer to \"How was it?\"")
    if any(p.area == "other" for p in pains):
        return stay("pain reported (other): no step up until it is gone")
    after = next_step(item)
    if after is None:
        return stay("every target met, and already at the top of the ladder")
    return Advice(item.id, UP, f"every target met, felt {EFFORT_LABELS[result.effort or 'right']}", item, after)


def steps_to_take(advice: Iterable[Advice]) -> list[Advice]:
    """The advice `apply` can take into a routine: the steps up and back."""
    return [a for a in advice if a.kind in (UP, BACK) and a.after is not None]
