"""Snapshots of the screens: a change of layout shows up in review as a changed SVG.

Update them on purpose with `pytest tests/functional/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from glute_tui.devtools.scenes import SCENES, scene_app
from glute_tui.ui.widgets.too_small import too_small

SIZES = {"80x24": (80, 24), "120x40": (120, 40), "40x12": (40, 12), "60x18": (60, 18),
         "200x60": (200, 60), "44x60": (44, 60)}
CASES = [(name, "80x24") for name in SCENES] + [
    (name, size) for name in ("home", "work-set", "rest", "switch-sides", "history", "summary")
    for size in ("120x40", "40x12")] + [
    (name, size) for name in ("work-set", "rest", "one-sided-set") for size in ("60x18", "200x60", "44x60")] + [
    (name, "60x18") for name in SCENES if name not in ("work-set", "rest", "one-sided-set")] + [
    ("squat-low", "120x40"), ("squat-high", "120x40"), ("help", "120x40")] + [  # every screen
    ("pain-check", "44x60"), ("plan", "44x60"), ("summary-referral", "44x60")]  # coach (issue 20): a phone


@pytest.mark.parametrize("scene_name,size", CASES, ids=[f"{n}-{s}" for n, s in CASES])
def test_screen_looks_as_reviewed(snap_compare, tmp_path: Path, scene_name: str, size: str):
    scene = SCENES[scene_name]
    app, clock = scene_app(scene, tmp_path / "home")
    width, height = SIZES[size]
    tiny = too_small(width, height)  # nothing starts there: the scene plays at 80x24, then shrinks

    async def run_before(pilot) -> None:
        await scene.run(pilot, clock)
        await pilot.app.workers.wait_for_complete()  # nothing left to change the screen
        if tiny:
            await pilot.resize_terminal(width, height)
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24) if tiny else (width, height), run_before=run_before)
