"""Tone files: WAV made with the standard `wave` module at first use, kept in a cache folder.

No sound files ship with the package; each kind of cue, at each volume, is written once
(atomically, so two app processes never read a half-written file) and reused after.
"""

from __future__ import annotations

import io
import os
import wave
from pathlib import Path

from glute_tui.core.tones import RATE, pattern_for, samples

FORMAT_VERSION = 1  # a change to the patterns gets new file names, not stale sounds


def wav_bytes(kind: str, volume: int) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(samples(pattern_for(kind), volume))
    return buffer.getvalue()


def tone_file(folder: Path, kind: str, volume: int) -> Path:
    """The WAV file for `kind` at `volume`, written first if missing. Raises OSError when the
    folder cannot be written (the caller falls back to the bell)."""
    path = folder / f"{kind}-v{volume}-{FORMAT_VERSION}.wav"
    if path.is_file():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(wav_bytes(kind, volume))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
