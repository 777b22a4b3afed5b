"""Cues a person hears: driven by the engine's events, never by the screen's ticks.

The player is given the sound outputs (the terminal bell, a speech program) as callables,
so it stays free of the UI and a test can record exactly what it would have played.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from .engine import Countdown, Event, HoldHalfway, PhaseStarted
from .plan import DONE, GET_READY, REST, SWITCH, WORK


@dataclass(frozen=True)
class Cue:
    kind: str  # go | switch | rest | countdown | halfway | done | get-ready
    text: str


def cue_for(event: Event, next_title: str = "") -> Cue | None:
    """The cue for an engine event, or None when the event is silent."""
    if isinstance(event, PhaseStarted):
        step = event.step
        if step.kind == WORK:
            return Cue("go", step.title)
        if step.kind == SWITCH:
            return Cue("switch", "Switch sides")
        if step.kind == REST:
            text = f"Rest {int(step.duration_s)} seconds"
            return Cue("rest", f"{text}, next: {next_title}" if next_title else text)
        if step.kind == GET_READY:
            return Cue("get-ready", f"Get ready. First: {next_title}" if next_title else "Get ready")
        if step.kind == DONE:
            return Cue("done", "Workout done. Well done!")
    if isinstance(event, Countdown):
        return Cue("countdown", str(event.seconds_left))
    if isinstance(event, HoldHalfway):
        return Cue("halfway", "Halfway")
    return None


@dataclass
class CuePlayer:
    bell: Callable[[], None]
    speak: Callable[[str], None] | None = None
    muted: bool = False
    played: list[Cue] = field(default_factory=list)

    def handle(self, events: Iterable[Event], next_title: Callable[[int], str]) -> None:
        for event in events:
            index = event.index if isinstance(event, PhaseStarted) else -1
            cue = cue_for(event, next_title(index) if index >= 0 else "")
            if cue is None or self.muted:
                continue
            self.played.append(cue)
            self.bell()
            if self.speak is not None and cue.kind != "countdown":
                self.speak(cue.text)
