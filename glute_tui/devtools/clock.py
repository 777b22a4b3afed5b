"""A clock that moves only when told: for tests, screenshots and benchmarks of timing logic."""

from __future__ import annotations


class ManualClock:
    """Monotonic seconds under the caller's control; pass it where a clock is taken."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
