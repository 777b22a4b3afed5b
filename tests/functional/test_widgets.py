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


class Big(App[None]):
    def compose(self) -> ComposeResult:
        from glute_tui.ui.widgets.big_text import BigText

        yield BigText("0:45", id="big")


async def test_big_text_takes_the_largest_font_that_fits_and_refits_on_resize():
    from glute_tui.ui.widgets.big_text import BigText

    app = Big()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        big = app.query_one(BigText)
        assert big.rows == 16  # 13 pixels wide: 16 rows are 6 columns a pixel (78), 17 rows 7 (91)
        lines = big.render().plain.split("\n")
        assert len(lines) == 16 and "█" in lines[0]
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        assert big.rows == 38  # 15 columns a pixel: 195 of 200
        await pilot.resize_terminal(20, 10)
        await pilot.pause()
        assert big.rows == 3


def record_drawn_lines(*widgets):
    """[(widget, y)] for each line Textual asks each widget (and its children) to draw."""
    drawn = []
    for top in widgets:
        for widget in (top, *top.walk_children()):
            def draw(y, widget=widget, original=widget.render_line):
                drawn.append((widget, y))
                return original(y)
            widget.render_line = draw
    return drawn


async def test_big_text_repaints_only_the_changed_cells_of_the_changed_glyph():
    from glute_tui.core import bigfont
    from glute_tui.ui.widgets.big_text import BigText

    app = Big()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        big = app.query_one(BigText)
        drawn = record_drawn_lines(big)
        big.update("0:45")
        await pilot.pause()
        assert drawn == []  # the same text: nothing drawn
        big.update("0:44")
        await pilot.pause()
        five, four = bigfont.render("5", big.rows), bigfont.render("4", big.rows)
        changed_rows = {y for y, (old, new) in enumerate(zip(five, four)) if old != new}
        assert 0 < len(changed_rows) < big.rows
        assert {widget for widget, _ in drawn} == {big.glyphs[-1]}  # not "0", not ":", not "4"
        assert {y for _, y in drawn} == changed_rows
        assert big.rows == 16 and big.glyphs[-1].lines == four
