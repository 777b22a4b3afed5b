"""How durations and counts read: `08:17`, `1:02:03`, `1 set`."""

from __future__ import annotations


def format_duration(seconds: float) -> str:
    """The one way a length of time reads, on every screen and in every command: `08:17` under
    an hour, `1:02:03` from an hour on (a workout, a set, a rest, the time to go, a total).
    Whole seconds, never rounded up: a clock that runs never shows a second not yet reached."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def about(seconds: float) -> str:
    """A planned length, which is an estimate: to the minute, in the one format (`About 24:00`)."""
    return format_duration(round(seconds / 60) * 60)


def plural(count: int, word: str) -> str:
    """`1 set`, `3 sets`."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def week_count(done: int, goal: int) -> str:
    """This week's sessions against the weekly goal, one way on every screen: `1 of 2 sessions`
    below the goal, `2 sessions, goal 1 met` at or above it ("2 of 1 done" read as an error)."""
    if done < goal:
        return f"{done} of {plural(goal, 'session')}"
    return f"{plural(done, 'session')}, goal {goal} met"


def away_note(seconds: float | None) -> str:
    """What a pause caused by a jump of the clock says: `Paused (the app was stopped for 01:40)`."""
    return "" if seconds is None else f"Paused (the app was stopped for {format_duration(seconds)})"
