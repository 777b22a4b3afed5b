"""Small widgets of our own, each for a reason the screens rely on."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import ProgressBar

from glute_tui.ui.widgets.quiet_progress import QuietProgressBar


class Bars(App[None]):
    def compose(self) -> ComposeResult:
        yield ProgressBar(total=10, show_eta=False, id="textual")
        yield QuietProgressBar(total=10, show_eta=False, id="quiet")
        yield QuietProgressBar(total=10, show_eta=True, id="with-eta")


async def test_the_workout_bar_sets_no_timer_of_its_own_unless_it_shows_an_eta():
    app = Bars()
    async with app.run_test() as pilot:
        await pilot.pause()
        timers = {bar.id: len(bar._timers) for bar in app.query(ProgressBar)}
        assert timers == {"textual": 1, "quiet": 0, "with-eta": 1}
        quiet = app.query_one("#quiet", QuietProgressBar)
        quiet.update(progress=4)
        await pilot.pause()
        assert quiet.percentage == 0.4
