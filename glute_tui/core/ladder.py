"""The ladder each exercise climbs, and only climbs: body weight, then bands from extra-light to
extra-heavy, then a first weight a person could really hold for the move (never lighter than
where they are), then 2 kg more at a time. Where the catalogue has a harder variation of a move
(a glute bridge -> a single-leg glute bridge -> a bridge with clamshell), the variation is the
rung after body weight. Which first weight suits which move, and which variation follows which,
is data (`glute_tui/data/ladder.toml`); an exercise with no first weight tops out at the
extra-heavy band, and grows from there by another lever (a set more, a slower tempo).

A level is what a session did of an exercise, comparable across sessions: (its load's rung,
reps or hold seconds a set). Levels compare as tuples: any band is above body weight, any
weight above any band, and the same load with more reps is above fewer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from glute_tui.core.routines import BANDS, LIMITS, Load
from glute_tui.core.text import shown

KG_STEP = 2.0
BAND_LADDER = tuple(Load(kind="band", band=band) for band in BANDS)  # extra-light ... extra-heavy
LOAD_LADDER = (Load(),) + BAND_LADDER

Level = tuple[int, float, float]  # (0 body weight | 1 band | 2 weight, band index or kg, reps or hold s)


@dataclass(frozen=True)
class Ladder:
    """What the data adds to the rungs: the first weight each move can really be held for, and
    the harder variation that follows a move."""

    first_kg: Mapping[str, float] = field(default_factory=dict)
    variations: Mapping[str, str] = field(default_factory=dict)


class LadderError(ValueError):
    """`ladder.toml` is not valid; the message names the file and the field."""


def parse_ladder(doc: dict[str, Any], path: Path | str) -> Ladder:
    """`glute_tui/data/ladder.toml`: [first_kg] exercise = kg, [variations] exercise = exercise."""
    first = doc.get("first_kg", {})
    variations = doc.get("variations", {})
    if not isinstance(first, dict) or not isinstance(variations, dict):
        raise LadderError(f"{path}: first_kg and variations must be tables")
    low, high = LIMITS["kg"]
    for exercise, kg in first.items():
        if isinstance(kg, bool) or not isinstance(kg, (int, float)) or not low <= kg <= high:
            raise LadderError(f"{path}: first_kg.{exercise}: must be a number of kg from {low:g} to {high:g} "
                              f"(got {shown(kg)})")
    for exercise, other in variations.items():
        if not isinstance(other, str) or not other or other == exercise:
            raise LadderError(f"{path}: variations.{exercise}: must be the id of another exercise (got {shown(other)})")
    return Ladder(first_kg={k: float(v) for k, v in first.items()}, variations=dict(variations))


def load_rung(load: Load) -> tuple[int, float]:
    """Where a load stands: (0, 0) body weight, (1, band index), (2, kg)."""
    if load.kind == "band":
        return (1, float(BANDS.index(load.band)))
    if load.kind == "kg":
        return (2, load.kg)
    return (0, 0.0)


def level(load: Load, amount: float) -> Level:
    """A session's level of one exercise: its load's rung and its reps (or hold seconds) a set."""
    return (*load_rung(load), float(amount))


def heavier(load: Load, exercise_id: str, ladder: Ladder) -> Load | None:
    """The next load up, never lighter than `load`: body weight -> extra-light band ... extra-heavy
    band -> the move's first weight (None when the data names none: the top) -> 2 kg more."""
    if load in LOAD_LADDER[:-1]:
        return LOAD_LADDER[LOAD_LADDER.index(load) + 1]
    if load.kind == "kg":
        kg = load.kg + KG_STEP
        return Load(kind="kg", kg=kg) if kg <= LIMITS["kg"][1] else None
    first = ladder.first_kg.get(exercise_id)
    return Load(kind="kg", kg=first) if first is not None else None


def lighter(load: Load, exercise_id: str = "", ladder: Ladder | None = None) -> Load | None:
    """One step down: 2 kg less, from the first weight back to the extra-heavy band, bands down to
    body weight; None at body weight."""
    if load.kind == "kg":
        first = (ladder or Ladder()).first_kg.get(exercise_id, LIMITS["kg"][0])
        kg = load.kg - KG_STEP
        return Load(kind="kg", kg=kg) if kg >= first else BAND_LADDER[-1]
    if load in LOAD_LADDER[1:]:
        return LOAD_LADDER[LOAD_LADDER.index(load) - 1]
    return None


def load_rungs(exercise_id: str, load: Load, ladder: Ladder) -> list[Load]:
    """The loads of a move's ladder, as far as the person is (a weight beyond the first is the
    last rung shown): for the Plan's "where it stands"."""
    rungs = list(LOAD_LADDER)
    first = ladder.first_kg.get(exercise_id)
    if first is not None:
        rungs.append(Load(kind="kg", kg=first))
    if load not in rungs:
        rungs.append(load)
    return sorted(rungs, key=load_rung)


def slow_lowering(cues: tuple[str, ...]) -> bool:
    """The form cue asks for a slow return ("close slowly", "lower slowly"): a rep then needs at
    least SLOW_TEMPO_S seconds, one up and two down."""
    return any("slowly" in cue.lower() for cue in cues)


SLOW_TEMPO_S = 3.0
