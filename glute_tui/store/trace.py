"""An opt-in timing trace for the benchmarks: when each phase was due, and when it was shown.

Set GLUTE_TUI_TRACE=FILE and each change of phase appends one JSON line to FILE:
{"index": 3, "kind": "rest", "due": <monotonic s>, "shown": <monotonic s>}. Off by default.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from glute_tui.core.engine import Event

TRACE_ENV = "GLUTE_TUI_TRACE"


class PhaseTrace:
    def __init__(self, path: str) -> None:
        self.path = path

    @classmethod
    def from_environment(cls) -> "PhaseTrace | None":
        path = os.environ.get(TRACE_ENV)
        return cls(path) if path else None

    def phases(self, events: Iterable[Event], now: float) -> None:
        from glute_tui.core.engine import PhaseStarted

        lines = [json.dumps({"index": e.index, "kind": e.step.kind, "due": e.at, "shown": now})
                 for e in events if isinstance(e, PhaseStarted)]
        if lines:
            with open(self.path, "a", encoding="utf-8") as handle:
                handle.write("\n".join(lines) + "\n")
