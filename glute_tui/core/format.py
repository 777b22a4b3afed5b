"""How durations and counts read: `23 min`, `05:07`, `1 set`."""

from __future__ import annotations


def format_duration(seconds: float) -> str:
    """`23 min`, `45 s`, `1 h 05 min`: for lists and summaries."""
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def plural(count: int, word: str) -> str:
    """`1 set`, `3 sets`."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def format_clock(seconds: float) -> str:
    """`05:07` or `1:02:03`: for running clocks."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def format_gap(seconds: float) -> str:
    """`1:40` (m:ss) under an hour, `1:02:03` (h:mm:ss) above: how long the app was away."""
    seconds = max(0, int(round(seconds)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def away_note(seconds: float | None) -> str:
    """What a pause caused by a jump of the clock says: `Paused (the app was stopped for 1:40)`."""
    return "" if seconds is None else f"Paused (the app was stopped for {format_gap(seconds)})"
