"""How a set felt and where it hurt: the words the person answers with, and the areas each
exercise loads.

The answers are few and fixed so that they can be counted and acted on: a step up only
when the sets felt easy or right and nothing the exercise loads hurt (see progression.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glute_tui.core.limits import TEXT_MAX
from glute_tui.core.text import is_control, shown, text_problem

# The answers to "How was it?", in the order of their number keys (1 to 4).
EFFORTS = ("easy", "right", "hard", "failed")
EFFORT_LABELS = {"easy": "easy", "right": "right", "hard": "hard", "failed": "could not finish"}
GOOD_EFFORTS = frozenset({"easy", "right"})
HARD_EFFORTS = frozenset({"hard", "failed"})

# Where it hurt: stable ids (stored and exported) and what the person reads.
PAIN_AREAS = {
    "knee": "knee",
    "hip": "hip",
    "lower-back": "lower back",
    "it-band": "IT band / outer thigh",
    "shin": "shin",
    "ankle": "ankle",
    "other": "other",
}
PAIN_SIDES = ("left", "right", "both")
# How much it hurt, 0-10 (the pain-monitoring model: up to about 3 during exercise, settled by
# the next day, is acceptable); the pain check starts each area at SEVERITY_DEFAULT.
SEVERITY_MIN, SEVERITY_MAX, SEVERITY_DEFAULT = 0, 10, 3
# Above this the move that loads the area is held (progression.py, coach.py): the pain-monitoring
# model (Silbernagel et al.; Thomee) accepts about 3 of 10 during exercise that settles by the
# next day. At REFER_SEVERITY or above, see a professional before loading it again.
PAIN_THRESHOLD = 3
REFER_SEVERITY = 7
NOTE_MAX = TEXT_MAX  # characters

# Who counted the reps of a set: "app" (to the tempo, or a hold's timer, nobody corrected it;
# so the count says nothing about whether the person kept up) or "person" (self-paced, or a
# count the person corrected).
COUNTED_BY = ("app", "person")
# A self-paced set done in less than this share of reps x tempo is marked `too_fast`.
TOO_FAST_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class Pain:
    """One sore place: an area of PAIN_AREAS on a side of PAIN_SIDES, and how much it hurt
    (0-10; None when not known: sessions of format versions 1 and 2)."""

    area: str
    side: str
    severity: int | None = None

    @property
    def label(self) -> str:
        """`right knee`, `lower back (both sides)`: the place alone."""
        area = PAIN_AREAS.get(self.area, self.area)
        return f"{area} (both sides)" if self.side == "both" else f"{self.side} {area}"

    @property
    def severity_label(self) -> str:
        """The place and, when known, how much it hurt: `right knee 6/10`."""
        return self.label if self.severity is None else f"{self.label} {self.severity}/10"

    def above(self, threshold: int = PAIN_THRESHOLD) -> bool:
        """More than the pain-monitoring model accepts. An unknown severity (versions 1 and 2)
        counts as more: any pain held the move back before severities were asked."""
        return self.severity is None or self.severity > threshold

    def hits(self, side: str) -> bool:
        """Whether this pain is on `side` ("left"/"right"; any other: both legs work, any side)."""
        return side not in ("left", "right") or self.side in (side, "both")

    def to_dict(self) -> dict[str, Any]:
        """As stored and exported; `severity` only when it is known (a pain of version 1 or 2
        is written back exactly as it was read)."""
        data: dict[str, Any] = {"area": self.area, "side": self.side}
        if self.severity is not None:
            data["severity"] = self.severity
        return data


def severity_problem(value: Any) -> str:
    """Why `value` is not a severity ('' when it is): a whole number 0-10, or null."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int) or not SEVERITY_MIN <= value <= SEVERITY_MAX:
        return (f"must be a whole number from {SEVERITY_MIN} to {SEVERITY_MAX} or null "
                f"(got {shown(value)})")
    return ""


def too_fast(reps: int | None, seconds: float, tempo_s: float) -> bool:
    """A set of `reps` finished in far less time than the tempo allows (Enter pressed through)."""
    return bool(reps) and seconds < (reps or 0) * tempo_s * TOO_FAST_SHARE


def note_problem(note: Any) -> str:
    """Why `note` cannot be kept ('' when it can): one line of text, at most NOTE_MAX characters."""
    if not isinstance(note, str):
        return f"must be text or null (got {shown(note)})"
    return text_problem(note, NOTE_MAX) or ""


def clean_note(text: str) -> str | None:
    """What a typed note keeps: control characters dropped, trimmed, cut to NOTE_MAX; None if empty."""
    kept = "".join(" " if is_control(ch) else ch for ch in text).strip()
    return kept[:NOTE_MAX] or None


class LoadsError(ValueError):
    """The table of loaded areas is not valid; the message names the file and the field."""


def parse_loads(doc: dict[str, Any], path: Path | str) -> dict[str, frozenset[str]]:
    """`glute_tui/data/loads.toml`: exercise id -> the areas it loads (ids of PAIN_AREAS)."""
    table = doc.get("loads")
    if not isinstance(table, dict):
        raise LoadsError(f"{path}: loads: must be a table of exercise id = [areas]")
    loads: dict[str, frozenset[str]] = {}
    for exercise, areas in table.items():
        if not isinstance(areas, list) or not all(a in PAIN_AREAS for a in areas):
            raise LoadsError(f"{path}: loads.{exercise}: must be a list of areas from "
                             f"{', '.join(PAIN_AREAS)} (got {shown(areas)})")
        loads[exercise] = frozenset(areas)
    return loads
