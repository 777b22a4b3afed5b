"""The app on a long history, in a process of its own (benchmarks/scale.py runs it):

    python -m benchmarks.scale_app HOME

prints JSON: seconds from the start of this process until Home's streak line appears, and its
peak memory then; seconds from pressing `h` until the History screen shows its figures and
its newest sessions, and the peak memory once it has, and again after paging down 20 times
(the older years are read as the list is scrolled)."""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import asyncio  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def measure(home: Path, today: date) -> dict[str, float]:
    from textual.widgets import DataTable, Static

    from glute_tui.store.paths import AppPaths
    from glute_tui.store.routine_files import builtin_routines
    from glute_tui.ui.app import GluteApp

    app = GluteApp(builtin_routines(), AppPaths.resolve(home), today=lambda: today, speech_program=())
    found: dict[str, float] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        found["home_s"] = time.perf_counter() - STARTED  # Home's first frame is drawn
        while not str(app.screen.query_one("#home-streak", Static).render()):
            await asyncio.sleep(0.002)
        found["streak_s"] = time.perf_counter() - STARTED
        found["streak_mb"] = peak_mb()
        await pilot.pause()
        started = time.perf_counter()
        press = asyncio.create_task(pilot.press("h"))
        while not (type(app.screen).__name__ == "HistoryScreen" and app.screen.stats is not None
                   and app.screen.query_one("#sessions", DataTable).row_count):
            await asyncio.sleep(0.002)
        found["history_s"] = time.perf_counter() - started
        await press
        await pilot.pause(0.2)
        found["history_mb"] = peak_mb()
        for _ in range(20):
            await pilot.press("pagedown")
        await pilot.pause(0.5)
        found["rows"] = app.screen.query_one("#sessions", DataTable).row_count
        found["scrolled_mb"] = peak_mb()
    return found


if __name__ == "__main__":
    result = asyncio.run(measure(Path(sys.argv[1]), date.fromisoformat(sys.argv[2])))
    print(json.dumps(result))
