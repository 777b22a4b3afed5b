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


async def test_a_workout_of_skipped_sets_is_not_praised_and_says_how_many_were_skipped(paths, clock):
    from textual.widgets import Static

    from glute_tui.store.routine_files import builtin_routines
    from glute_tui.ui.app import GluteApp

    app = GluteApp(builtin_routines(), paths, clock=clock, selected="short", speech_program=())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        for _ in range(60):  # skip every step to the end: no set is done
            if isinstance(app.screen, SummaryScreen):
                break
            await pilot.press("n")
            await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        title = str(app.screen.query_one("#summary-title", Static).render())
        assert "Well done" not in title
        assert "skipped" in title
