"""The tones a person hears for each cue, as sound samples: pure arithmetic, no files.

Each kind of cue has its own short pattern (how many beeps, how high), so "go", "switch sides"
and "rest" are told apart by ear as the bells tell them apart by count. The samples are
16-bit mono PCM; glute_tui.store.tones writes them as WAV files for a player program.
"""

from __future__ import annotations

import math
from array import array
from dataclasses import dataclass

RATE = 22050  # samples a second: plenty for beeps, small files
VOLUME_RANGE = (0, 100)
DEFAULT_VOLUME = 70


@dataclass(frozen=True)
class Beep:
    hz: float
    seconds: float


@dataclass(frozen=True)
class TonePattern:
    beeps: tuple[Beep, ...]
    gap_s: float = 0.09
    gain: float = 1.0  # below 1: softer than the cues (the tempo tick)


def _repeat(hz: float, seconds: float, times: int) -> tuple[Beep, ...]:
    return tuple(Beep(hz, seconds) for _ in range(times))


# One pattern per cue kind (glute_tui.core.cues.BELLS counts the same way).
PATTERNS: dict[str, TonePattern] = {
    "get-ready": TonePattern(_repeat(660, 0.18, 1)),
    "go": TonePattern(_repeat(880, 0.14, 2)),
    "switch": TonePattern(_repeat(990, 0.11, 3)),
    "rest": TonePattern((Beep(523, 0.35),)),
    "countdown": TonePattern((Beep(740, 0.09),)),
    "halfway": TonePattern((Beep(660, 0.12),)),
    "done": TonePattern((Beep(523, 0.14), Beep(659, 0.14), Beep(784, 0.14), Beep(1047, 0.3)), gap_s=0.05),
    "tick": TonePattern((Beep(1320, 0.035),), gain=0.35),  # the tempo cue: short and soft
}


def pattern_for(kind: str) -> TonePattern:
    return PATTERNS.get(kind, PATTERNS["countdown"])


def samples(pattern: TonePattern, volume: int = DEFAULT_VOLUME) -> bytes:
    """The pattern as 16-bit little-endian mono samples at RATE, `volume` from 0 to 100.

    Each beep fades in and out over 8 ms: a tone cut off mid-wave clicks.
    """
    low, high = VOLUME_RANGE
    amplitude = 32767 * max(low, min(high, volume)) / high * 0.8 * pattern.gain
    fade = int(RATE * 0.008)
    out = array("h")
    for n, beep in enumerate(pattern.beeps):
        if n:
            out.extend([0] * int(RATE * pattern.gap_s))
        count = int(RATE * beep.seconds)
        step = 2 * math.pi * beep.hz / RATE
        for i in range(count):
            envelope = min(1.0, i / fade, (count - 1 - i) / fade) if fade else 1.0
            out.append(int(amplitude * envelope * math.sin(step * i)))
    if out.itemsize == 2 and array("h", [1]).tobytes() != b"\x01\x00":
        out.byteswap()  # WAV is little-endian on every machine
    return out.tobytes()


def duration_s(pattern: TonePattern) -> float:
    return sum(b.seconds for b in pattern.beeps) + pattern.gap_s * max(0, len(pattern.beeps) - 1)
