"""Pain handled as a physiotherapist would, following the pain-monitoring model (Silbernagel et
al. 2007; Thomee 1997): pain up to about 3 of 10 during exercise, settled by the next day, is
acceptable; above that, the move that loads the sore area is held (stay, or a gentler move that
spares it); and some patterns mean the person should see a professional before loading it again:

- pain in the same area and side in 3 sessions across at least 2 weeks (it is not settling);
- any pain of 7 of 10 or more;
- pain that grows from one session to the next to above the threshold.

A referral lasts until the two newest pain checks no longer report that area and side. It is
general guidance, never a diagnosis: every text here says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Iterable

from glute_tui.core.effort import PAIN_AREAS, PAIN_THRESHOLD, REFER_SEVERITY, Pain
from glute_tui.core.records import Session

GUIDANCE = "General guidance, not a diagnosis."
SEE_SOMEONE = "see a physiotherapist or doctor before loading it again"
REFER_WINDOW = timedelta(days=42)  # pain reports older than six weeks do not refer
PERSISTS_SESSIONS = 3
PERSISTS_SPAN = timedelta(days=14)
HOLD_WINDOW = timedelta(days=28)  # a pain check older than this no longer holds a move back
SIDES = ("left", "right")


@dataclass(frozen=True)
class Referral:
    """See a professional about this area and side before loading it again, and why."""

    area: str
    side: str  # "left" | "right" | "both"
    why: str

    @property
    def label(self) -> str:
        return Pain(self.area, self.side).label

    @property
    def text(self) -> str:
        return f"{self.label}: {self.why}. Please {SEE_SOMEONE}. {GUIDANCE}"

    def to_json(self) -> dict[str, str]:
        return {"area": self.area, "side": self.side, "why": self.why}

    def covers(self, area: str, side: str) -> bool:
        """Whether this referral concerns `area` on a move's `side` ("none": both legs work)."""
        return self.area == area and (side not in SIDES or self.side in (side, "both"))


def asked(sessions: Iterable[Session], now: datetime) -> list[Session]:
    """The sessions that asked "Any pain?" (pain not null), started by `now`, oldest first."""
    return sorted((s for s in sessions if s.pain is not None and s.started <= now),
                  key=lambda s: (s.started, s.id))


def _severity(session: Session, area: str, side: str) -> int | None | bool:
    """The pain reported in `session` at `area` on `side` (a report on both sides counts for
    each): its severity, None when it was not given, False when there was none."""
    found = [p for p in session.pain or () if p.area == area and p.side in (side, "both")]
    if not found:
        return False
    known = [p.severity for p in found if p.severity is not None]
    return max(known) if known else None


def _day(moment: datetime) -> str:
    return moment.date().isoformat()


def _why(reports: list[tuple[Session, int | None]], checks: list[Session], threshold: int) -> str:
    """Why these reports of one area and side refer ('' when they do not)."""
    worst = max((sev for _, sev in reports if sev is not None), default=None)
    if worst is not None and worst >= REFER_SEVERITY:
        when = next(s for s, sev in reports if sev == worst)
        return f"it hurt {worst}/10 on {_day(when.started)} ({REFER_SEVERITY} or more)"
    first, last = reports[0][0], reports[-1][0]
    if len(reports) >= PERSISTS_SESSIONS and last.started - first.started >= PERSISTS_SPAN:
        days = (last.started - first.started).days
        return (f"it hurt in {len(reports)} sessions over {days} days ({_day(first.started)} to "
                f"{_day(last.started)}): it is not settling")
    if len(checks) >= 2 and len(reports) >= 2 and reports[-1][0] is checks[-1] and reports[-2][0] is checks[-2]:
        before, now = reports[-2][1], reports[-1][1]
        if before is not None and now is not None and now > before and now > threshold:
            return f"it grew from {before}/10 to {now}/10 from one session to the next"
    return ""


def referrals(sessions: Iterable[Session], *, now: datetime, threshold: int = PAIN_THRESHOLD) -> list[Referral]:
    """Every area and side to see a professional about, as of `now` (see the module's doc)."""
    checks = asked(sessions, now)
    recent = [s for s in checks if now - s.started <= REFER_WINDOW]
    current = {(p.area, side) for s in checks[-2:] for p in s.pain or ()
               for side in (SIDES if p.side == "both" else (p.side,))}
    found: dict[tuple[str, str], str] = {}
    for area, side in sorted(current, key=lambda k: (list(PAIN_AREAS).index(k[0]), k[1])):
        reports = []
        for session in recent:
            severity = _severity(session, area, side)
            if severity is not False:
                reports.append((session, severity if isinstance(severity, int) else None))
        why = _why(reports, recent, threshold) if reports else ""
        if why:
            found[(area, side)] = why
    return _merge_sides(found)


def _merge_sides(found: dict[tuple[str, str], str]) -> list[Referral]:
    """One referral for an area sore on both sides for the same reason."""
    result = []
    for (area, side), why in found.items():
        if side == "right" and found.get((area, "left")) == why:
            continue
        both = side == "left" and found.get((area, "right")) == why
        result.append(Referral(area, "both" if both else side, why))
    return result


def current_pain(sessions: Iterable[Session], *, now: datetime) -> list[Pain]:
    """What the newest pain check by `now` reported, if it is recent enough to act on."""
    checks = asked(sessions, now)
    if not checks or now - checks[-1].started > HOLD_WINDOW:
        return []
    return list(checks[-1].pain or ())


def sore_for(pains: Iterable[Pain], areas: Iterable[str], side: str,
             threshold: int = PAIN_THRESHOLD) -> list[Pain]:
    """The pains above `threshold` in `areas` on `side` (see Pain.hits)."""
    loaded = set(areas)
    return [p for p in pains if p.area in loaded and p.hits(side) and p.above(threshold)]
