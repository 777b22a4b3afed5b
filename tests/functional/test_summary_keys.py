"""The Summary's keys do what its footer says, whatever widget has the focus."""

from __future__ import annotations

from glute_tui.devtools.scenes import SCENES, scene_app
from glute_tui.ui.screens.home import HomeScreen
from glute_tui.ui.screens.summary import SummaryScreen


async def test_enter_on_the_summary_goes_home(tmp_path):
    scene = SCENES["summary"]
    app, clock = scene_app(scene, tmp_path / "home")
    async with app.run_test(size=(80, 24)) as pilot:
        await scene.run(pilot, clock)
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
