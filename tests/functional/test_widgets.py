"""Small widgets of our own, each for a reason the screens rely on."""

from __future__ import annotations

from rich.console import Console
from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.strip import Strip
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


async def test_a_new_shape_reuses_the_glyph_widgets_and_is_drawn_in_one_layout():
    """10:00 to 9:59: one glyph fewer and a taller font. The glyph widgets are kept (the one
    left over hidden), and the text is laid out and drawn at once in the new layout."""
    from glute_tui.core import bigfont
    from glute_tui.ui.widgets.big_text import BigText

    app = Big()
    async with app.run_test(size=(80, 24)) as pilot:
        big = app.query_one(BigText)
        big.update("10:00")
        await pilot.pause()
        before = big.glyphs
        assert len(before) == 5
        big.update("9:59")
        await pilot.pause()
        assert big.glyphs == before[:4] and not before[4].display
        assert [glyph.lines for glyph in big.glyphs] == [bigfont.render(ch, big.rows) for ch in "9:59"]
        assert big.render().plain.split("\n") == list(bigfont.render("9:59", big.rows))
        big.update("10:00")
        await pilot.pause()
        assert big.glyphs == before and before[4].display


async def test_big_text_draws_its_ink_as_background_colour_a_third_of_the_bytes_of_a_block():
    from glute_tui.ui.widgets.big_text import BigText

    app = Big()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        glyph = app.query_one(BigText).glyphs[-1]  # "5"
        y = glyph.lines.index(next(line for line in glyph.lines if "█" in line and " " in line))
        strip = glyph.render_line(y)
        assert "█" not in strip.text and strip.cell_length == glyph.content_region.width
        ink = glyph.rich_style.color
        assert [(seg.style.bgcolor == ink) for seg in strip] == [run[0] == "█" for run in
                                                                _runs_of(glyph.lines[y], glyph)]
        terminal = Console(color_system="truecolor", force_terminal=True)
        top = glyph.lines[0]  # the top of a "5": ink across
        assert set(top) == {"█"}
        blocks = Strip([Segment(top, glyph.rich_style)]).render(terminal)
        assert len(glyph.render_line(0).render(terminal).encode()) < len(blocks.encode()) * 2 / 3


def _runs_of(line: str, glyph) -> list[str]:
    from glute_tui.ui.widgets.cells import _runs

    return _runs(line.ljust(glyph.content_region.width))


async def test_big_text_keeps_the_block_where_no_colour_is_shown():
    from glute_tui.ui.widgets.big_text import BigText

    app = Big()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        glyph = app.query_one(BigText).glyphs[-1]
        app.no_color, app.ansi_color = True, True  # NO_COLOR, the terminal's own colours
        await pilot.pause()
        assert all(glyph.render_line(y).text.rstrip() == line.rstrip()
                   for y, line in enumerate(glyph.lines))


async def test_big_text_skips_the_ansi_colour_filter_only_where_it_would_change_nothing():
    """ui/widgets/truecolor.py: in RGB colours the filter is left out, and would have drawn the
    same lines; in an ANSI colour, or dim, it is kept."""
    from textual.filter import ANSIToTruecolor

    from glute_tui.ui.widgets.big_text import BigText

    app = Big()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        big = app.query_one(BigText)
        glyph = big.glyphs[-1]
        assert not any(isinstance(f, ANSIToTruecolor) for f in glyph.get_line_filters())
        assert not any(isinstance(f, ANSIToTruecolor) for f in big.get_line_filters())
        (ansi_filter,) = [f for f in app.get_line_filters() if isinstance(f, ANSIToTruecolor)]
        background = glyph.background_colors[1]
        for y in range(len(glyph.lines)):
            line = glyph.render_line(y)
            assert list(line.apply_filter(ansi_filter, background)) == list(line)
        glyph.styles.color = "ansi_red"
        await pilot.pause()
        assert any(isinstance(f, ANSIToTruecolor) for f in glyph.get_line_filters())
        glyph.styles.color = "red"
        glyph.styles.text_style = "dim"
        await pilot.pause()
        assert any(isinstance(f, ANSIToTruecolor) for f in glyph.get_line_filters())


async def test_the_kept_filter_answer_follows_a_restyle_of_the_widget_or_an_ancestor():
    """The answer is kept between frames (a rest redraws a digit each second): a refresh of
    some cells keeps it; a class, a theme, or a style set in code on an ancestor renews it."""
    from textual.filter import ANSIToTruecolor
    from textual.geometry import Region

    from glute_tui.ui.widgets.big_text import BigText
    from glute_tui.ui.widgets.truecolor import line_filters

    def filtered(widget) -> bool:
        return any(isinstance(f, ANSIToTruecolor) for f in widget.get_line_filters())

    app = Big()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        big = app.query_one(BigText)
        glyph = big.glyphs[-1]
        assert not filtered(glyph)
        glyph.refresh(Region(0, 0, 1, 1))  # as each second does
        assert not filtered(glyph)
        big.styles.text_style = "dim"  # set in code, on its parent: the glyph is drawn dim
        await pilot.pause()
        assert filtered(glyph)
        big.styles.text_style = "none"
        await pilot.pause()
        assert not filtered(glyph)
        app.theme = "ansi-dark"  # a theme of ANSI colours: every widget restyled
        await pilot.pause()
        assert glyph.rich_style.color.triplet is None  # (the theme's text colour is ANSI)
        assert list(glyph.get_line_filters()) == list(line_filters(glyph, app.get_line_filters()))
        app.theme = "textual-dark"
        await pilot.pause()
        assert not filtered(glyph)
