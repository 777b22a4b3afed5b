"""What a key does during a workout shows where the person looks, and no message hides the
number, the caption, what comes next, the progress bar, its percentage or the time to go
(issue 24, finding 5)."""

from __future__ import annotations

import re

import pytest
from textual.widgets import Static

from glute_tui.devtools.scenes import advance
from glute_tui.store.routine_files import builtin_routines
from glute_tui.ui.app import GluteApp
from glute_tui.ui.screens.workout import WorkoutScreen
from glute_tui.ui.widgets.cells import CellLines


def make_app(paths, clock) -> GluteApp:
    return GluteApp(builtin_routines(), paths, selected="short", clock=clock, speech_program=())


def to_go_s(app) -> int:
    """The seconds of "mm:ss to go" under the progress bar."""
    clock_lines = "\n".join(app.screen.query_one("#clock", CellLines).lines)
    minutes, seconds = re.search(r"(\d+):(\d\d) to go", clock_lines).groups()
    return int(minutes) * 60 + int(seconds)


async def test_fifteen_more_seconds_of_rest_show_at_once_in_the_time_to_go_and_under_the_number(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("enter")  # start
        await pilot.press("enter")  # end the get-ready
        await advance(pilot, clock, 4)
        await pilot.press("enter")  # the first set done early: a rest
        await advance(pilot, clock, 3)
        screen = app.screen
        assert isinstance(screen, WorkoutScreen) and screen.shown is not None and screen.shown.phase == "rest"
        before = to_go_s(app)
        await pilot.press("plus")
        await pilot.pause()
        assert to_go_s(app) == before + 15  # at once, not after the next set
        caption = str(screen.query_one("#caption", Static).render())
        assert "15 s added" in caption
        assert not app._notifications  # said under the number, not in a toast over the screen
        await advance(pilot, clock, 10)
        assert to_go_s(app) == before + 15 - 10  # and it counts down from there


@pytest.mark.parametrize("size", [(80, 24), (60, 18)])
async def test_a_message_during_a_workout_covers_no_number_caption_progress_or_time_to_go(paths, clock, size):
    app = make_app(paths, clock)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("enter")
        await pilot.press("enter")
        await advance(pilot, clock, 1)
        app.notify("Tones are off: /usr/bin/aplay could not play a tone (exit code 1). The bell rings instead.",
                   title="Sound", severity="warning", timeout=30)
        for _ in range(3):
            await pilot.pause()
        toast = app.screen.query_one("Toast").region  # by its CSS type: Textual exports no name for it
        assert toast.area
        for name in ("#middle", "#caption", "#next", "#progress", "#clock"):
            region = app.screen.query_one(name).region
            assert region.area and not toast.overlaps(region), name
        title = app.screen.query_one("#phase-title", Static)
        assert toast.x > title.region.x + len(str(title.render()))  # the exercise's name stays whole
        if size[0] >= 80:  # and so does the longest one the app ships, and the leg's row
            longest = max(len(item.exercise.name) for routine in builtin_routines() for item in routine.exercises)
            assert toast.x >= title.region.x + longest
            assert not toast.overlaps(app.screen.query_one("#side").region)
