"""Regenerate the SVG screenshots in this folder from the real app (`make screenshots`).

The app runs headless at 80x24 with a manual clock and a throw-away data folder, and is
driven with the same keys a person presses.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZE = (80, 24)


async def advance(pilot, clock, seconds: float) -> None:
    screen = pilot.app.screen
    end = clock.now + seconds
    while not screen.run.finished and screen.run.wakeup_at() <= end:
        clock.now = screen.run.wakeup_at()
        screen.poll()
    clock.now = end
    screen.poll()
    await pilot.pause()


async def skip_to(pilot, title: str) -> None:
    """Press `n` until the workout shows `title` (a phase or an exercise)."""
    for _ in range(100):
        if str(pilot.app.screen.query_one("#phase-title").render()) == title:
            return
        await pilot.press("n")
    raise RuntimeError(f"never reached {title}")


async def main() -> None:
    from glute_tui.app import GluteApp
    from glute_tui.clock import ManualClock
    from glute_tui.paths import AppPaths
    from glute_tui.routines import builtin_routines

    home = Path(tempfile.mkdtemp(prefix="glute-shots-"))
    paths = AppPaths.resolve(home)

    def shot(app, name: str) -> None:
        app.save_screenshot(filename=f"{name}.svg", path=str(HERE))
        print(f"screenshots/{name}.svg")

    clock = ManualClock()
    app = GluteApp(builtin_routines(), paths, selected="article", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shot(app, "home")
        await pilot.press("enter")
        await advance(pilot, clock, 10 + 16)
        shot(app, "work-set")
        await advance(pilot, clock, 20 + 12)
        shot(app, "rest")
        await pilot.press("space")
        shot(app, "paused")
        await pilot.press("space")
        await skip_to(pilot, "SINGLE-LEG DEADLIFTS")
        await advance(pilot, clock, 7)
        shot(app, "one-sided-set")
        await advance(pilot, clock, 24)
        await advance(pilot, clock, 1.5)
        shot(app, "switch-sides")
        await pilot.press("question_mark")
        await pilot.pause()
        shot(app, "help")
        await pilot.press("escape")

    from datetime import date

    from glute_tui.history import History
    from glute_tui.sample_history import make_sessions

    today = date(2026, 11, 24)
    History(paths.data).add_many(make_sessions(55, end=today, seed=11))
    app = GluteApp(builtin_routines(), paths, clock=ManualClock(), today=lambda: today)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        shot(app, "home-with-streak")
        await pilot.press("h")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shot(app, "history")
        await pilot.press("enter")
        await pilot.pause()
        shot(app, "session-detail")

    clock = ManualClock()
    app = GluteApp(builtin_routines(), paths, selected="short", clock=clock, today=lambda: today)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 10 + 36 + 30 + 20)
        await pilot.press("down", "down")
        await advance(pilot, clock, 10_000)
        await app.workers.wait_for_complete()
        await pilot.pause()
        shot(app, "summary")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    os.environ.setdefault("GLUTE_TUI_HOME", tempfile.mkdtemp(prefix="glute-shots-home-"))
    asyncio.run(main())
