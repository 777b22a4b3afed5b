"""Cues a person hears and sees: driven by the engine's events, never by the screen's ticks.

Each kind of moment has its own cue: a number of bells, a spoken line, and (for a change of
phase) a flash of the whole screen. The player hands cues to a sink, so it stays free of the
UI and a test can record exactly what would have been played, and when. Mute silences every
sound at once; the flash is not a sound and stays.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Protocol

from glute_tui.core.plan import DONE, GET_READY, REST, SWITCH, WORK, working_leg
from glute_tui.core.vocab import CueKind

if TYPE_CHECKING:
    from glute_tui.core.engine import Event

# How many bells each kind rings: the count tells them apart without looking.
BELLS: dict[str, int] = {CueKind.GET_READY: 1, CueKind.GO: 2, CueKind.SWITCH: 3, CueKind.REST: 1, CueKind.COUNTDOWN: 1,
         CueKind.HALFWAY: 1, CueKind.DONE: 4}
PHASE_KINDS = frozenset({CueKind.GET_READY, CueKind.GO, CueKind.SWITCH, CueKind.REST, CueKind.DONE})


@dataclass(frozen=True)
class Cue:
    kind: str  # get-ready | go | switch | rest | countdown | halfway | done
    text: str

    @property
    def bells(self) -> int:
        return BELLS[self.kind]

    @property
    def is_phase(self) -> bool:
        return self.kind in PHASE_KINDS


class CueSink(Protocol):
    def sound(self, cue: Cue) -> None: ...

    def flash(self, cue: Cue) -> None: ...


def cue_for(event: Event, next_title: str = "") -> Cue | None:
    """The cue for an engine event, or None when the event is silent."""
    from glute_tui.core.engine import Countdown, HoldHalfway, PhaseStarted

    if isinstance(event, PhaseStarted):
        step = event.step
        if step.kind == WORK:
            return Cue("go", step.title)
        if step.kind == SWITCH:
            leg = working_leg(step.item, step.side) if step.item is not None else ""
            return Cue("switch", f"Switch sides: {leg}" if leg else "Switch sides")
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


def cues_for(events: Iterable[Event], next_title: Callable[[int], str]) -> list[Cue]:
    """The cues of the engine's `events`, in order; `next_title(i)` names the set after step i."""
    from glute_tui.core.engine import PhaseStarted

    cues = []
    for event in events:
        index = event.index if isinstance(event, PhaseStarted) else -1
        cue = cue_for(event, next_title(index) if index >= 0 else "")
        if cue is not None:
            cues.append(cue)
    return cues


@dataclass
class CuePlayer:
    sink: CueSink
    muted: bool = False
    tempo_cue: bool = False  # the preference: a tick at the turn of each paced rep

    @property
    def can_tick(self) -> bool:
        """Whether the sink can play a soft tick (a tone player); the bell is too harsh for it."""
        tick = getattr(self.sink, "tick", None)
        return callable(tick) and bool(getattr(self.sink, "can_tick", True))

    def turn(self) -> None:
        """The figure turned in a paced set (the half-rep, the rep): a tick, when asked for and
        when the sink has a tone to play; else nothing."""
        tick = getattr(self.sink, "tick", None)
        if self.tempo_cue and not self.muted and callable(tick):
            tick()

    def handle(self, events: Iterable[Event], next_title: Callable[[int], str]) -> None:
        """Play the cues of the engine's `events`."""
        self.play(cues_for(events, next_title))

    def play(self, cues: Iterable[Cue]) -> None:
        """A flash for each change of phase; the sounds unless muted."""
        for cue in cues:
            if cue.is_phase:
                self.sink.flash(cue)
            if not self.muted:
                self.sink.sound(cue)
