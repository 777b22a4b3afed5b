"""Snapshots of the screens: a change of layout shows up in review as a changed SVG.

Update them on purpose with `pytest tests/functional/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from drawn_checks import CASES, checks, run_checks
from drawn_checks import SNAPSHOT_SIZES as SIZES

from glute_tui.devtools.scenes import SCENES, play, scene_app
from glute_tui.ui.widgets.too_small import too_small

CHECKS = checks()


@pytest.mark.parametrize("scene_name,size", CASES, ids=[f"{n}-{s}" for n, s in CASES])
def test_screen_looks_as_reviewed(snap_compare, tmp_path: Path, scene_name: str, size: str):
    """The picture, and (tests/drawn_checks.py) the checks of the same drawn scene: its tables
    whole, the README's picture of it current."""
    scene = SCENES[scene_name]
    app, clock = scene_app(scene, tmp_path / "home")
    width, height = SIZES[size]
    tiny = too_small(width, height)  # nothing starts there: the scene plays at 80x24, then shrinks
    failures: list[str] = []

    async def run_before(pilot) -> None:
        await play(scene, pilot, clock)
        failures.extend(run_checks(CHECKS.get((scene_name, (width, height)), []), pilot.app))
        if tiny:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24) if tiny else (width, height), run_before=run_before)
    assert not failures, "\n".join(failures)


def test_every_drawn_check_has_its_snapshot_case():
    """Each check of tests/drawn_checks.py runs in this test's run of its scene: none is left
    out because its (scene, size) is not drawn here."""
    drawn = {(name, SIZES[size]) for name, size in CASES}
    missing = [case for case in CHECKS if case not in drawn]
    assert not missing, missing
