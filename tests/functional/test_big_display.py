"""The number is drawn as large as each terminal allows: its height is checked, not only seen."""

from __future__ import annotations

from pathlib import Path

import pytest

from glute_tui.devtools.scenes import SCENES, scene_app
from glute_tui.ui.widgets.big_number import BigNumber
from glute_tui.ui.widgets.big_text import BigText

# (width, height): the fewest rows the number may take, and the layout expected
SIZES = {
    (60, 18): (6, "compact"),
    (80, 24): (9, "compact"),
    (120, 40): (16, "roomy"),  # at least 40% of the rows
    (200, 60): (30, "roomy"),  # at least half
    (44, 60): (12, "portrait"),  # a phone, upright
}


@pytest.mark.parametrize("scene_name", ["work-set", "rest"])
@pytest.mark.parametrize("size", list(SIZES), ids=[f"{w}x{h}" for w, h in SIZES])
async def test_the_number_fills_the_rows_it_is_given(tmp_path: Path, scene_name: str, size: tuple[int, int]):
    least, layout = SIZES[size]
    scene = SCENES[scene_name]
    app, clock = scene_app(scene, tmp_path / "home")
    async with app.run_test(size=size) as pilot:
        await scene.run(pilot, clock)
        await pilot.pause()
        assert not app.has_class("-too-small")
        screen = app.screen
        assert screen.has_class(f"-{layout}")
        number = screen.query_one("#number", BigNumber)
        lines = [line for line in number.render().plain.split("\n") if line.strip()]
        assert number.rows >= least, f"{number.rows} rows at {size}"
        assert len(lines) >= number.rows - 1  # drawn that tall (a last row may be all blank)
        assert set("".join(lines)) <= set("█▀▄ ")
        assert max(len(line) for line in lines) <= number.content_region.width
        words = screen.query_one("#phase-word", BigText)
        if layout != "compact":
            assert words.display and words.rows >= 3 and words.value in ("WORK", "REST")


async def test_a_tall_narrow_screen_shows_the_workout_not_too_small(tmp_path: Path):
    app, clock = scene_app(SCENES["work-set"], tmp_path / "home")
    async with app.run_test(size=(44, 60)) as pilot:
        await SCENES["work-set"].run(pilot, clock)
        assert not app.has_class("-too-small")
        await pilot.resize_terminal(44, 20)
        await pilot.pause()
        assert app.has_class("-too-small")


async def test_the_working_leg_is_drawn_large_where_there_is_room(tmp_path: Path):
    app, clock = scene_app(SCENES["one-sided-set"], tmp_path / "home")
    async with app.run_test(size=(120, 40)) as pilot:
        await SCENES["one-sided-set"].run(pilot, clock)
        leg = app.screen.query_one("#leg", BigText)
        assert leg.value == "LEFT" and leg.display and leg.rows >= 3
        assert not app.screen.has_class("-no-leg")


async def test_a_click_on_the_workout_pauses_and_a_second_resumes(tmp_path: Path):
    app, clock = scene_app(SCENES["work-set"], tmp_path / "home")
    async with app.run_test(size=(44, 60)) as pilot:
        await SCENES["work-set"].run(pilot, clock)
        await pilot.click("#number")
        assert app.screen.workout.engine.paused
        await pilot.click("#number")
        assert not app.screen.workout.engine.paused
