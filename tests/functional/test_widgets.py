"""Small widgets of our own, each for a reason the screens rely on."""

from __future__ import annotations

import pytest
from recording import record_drawn_lines, record_refreshes, rows_of
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import ProgressBar

from glute_tui.ui.widgets.progress_line import ProgressLine


class Bars(App[None]):
    CSS = "ProgressBar, ProgressLine { width: 40; } ProgressBar Bar { width: 1fr; }  /* as the workout had it */"

    def compose(self) -> ComposeResult:
        yield ProgressBar(total=200, show_eta=False, id="textual")
        yield ProgressLine(200, id="line")


def cells(*widgets) -> list[tuple[str, object, object]]:
    """Each cell of the widgets' first lines, side by side: (character, colour, background)."""
    found = []
    for widget in widgets:
        for segment in widget.render_lines(Region(0, 0, widget.size.width, 1))[0]:
            style = segment.style or Style()
            found += [(char, style.color, style.bgcolor) for char in segment.text]
    return found


async def test_the_progress_line_draws_what_textuals_progress_bar_draws():
    """One widget for ProgressBar's three (ui/widgets/progress_line.py): the same cells, in the
    same colours, at every step and width, complete included."""
    app = Bars()
    async with app.run_test(size=(120, 10)) as pilot:
        textual, line = app.query_one(ProgressBar), app.query_one(ProgressLine)
        for width in (12, 40, 113):
            for widget in (textual, line):
                widget.styles.width = width
            await pilot.pause()
            for progress in (0, 1, 2, 7, 33, 99, 100, 101, 150, 199, 200):
                textual.update(progress=progress)
                line.update(progress=progress)
                await pilot.pause()
                bar, percentage = textual.query_one("Bar"), textual.query_one("PercentageStatus")
                assert len(cells(line)) == width
                assert cells(line) == cells(bar, percentage), (width, progress)
        assert line.percent == 100 and "100%" in "".join(char for char, _, _ in cells(line))


class Big(App[None]):
    CSS = "#box.-red BigText { color: #ff0000; }"

    def compose(self) -> ComposeResult:
        from textual.containers import Vertical

        from glute_tui.ui.widgets.big_text import BigText

        with Vertical(id="box"):
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


def placed(big) -> tuple[int, int]:
    """Where the text's first cell is in the widget (column, row): centred."""
    width, height = big.content_region.size
    return (width - len(big.text_lines[0])) // 2, (height - len(big.text_lines)) // 2


async def test_big_text_repaints_only_the_changed_cells_of_the_changed_digit():
    from glute_tui.core import bigfont
    from glute_tui.ui.widgets.big_text import BigText

    app = Big()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        big = app.query_one(BigText)
        drawn, asked = record_drawn_lines(big), record_refreshes(big)
        big.update("0:45")
        await pilot.pause()
        assert drawn == [] and asked == []  # the same text: nothing drawn
        big.update("0:44")
        await pilot.pause()
        five, four = bigfont.render("5", big.rows), bigfont.render("4", big.rows)
        changed_rows = {y for y, (old, new) in enumerate(zip(five, four)) if old != new}
        assert 0 < len(changed_rows) < big.rows
        left, top = placed(big)
        assert {y for _, y in drawn} == {top + y for y in changed_rows}
        last_digit = range(left + len(big.text_lines[0]) - len(four[0]), left + len(big.text_lines[0]))
        (regions,) = asked  # one refresh, of the changed cells: not "0", not ":", not "4"
        assert regions and all(r.x in last_digit and r.right - 1 in last_digit for r in regions)
        assert rows_of(regions) == {top + y for y in changed_rows}
        assert len(regions) < len(changed_rows)  # alike rows are one region
        assert big.rows == 16 and big.text_lines == bigfont.render("0:44", 16)


async def test_a_new_shape_is_drawn_in_place_without_a_new_layout():
    """10:00 to 9:59: one glyph fewer and a taller font, drawn at once in the same widget
    (the cells that differ), with no layout of the screen."""
    from glute_tui.core import bigfont
    from glute_tui.ui.widgets.big_text import BigText, centred

    app = Big()
    async with app.run_test(size=(80, 24)) as pilot:
        big = app.query_one(BigText)
        big.update("10:00")
        await pilot.pause()
        small = big.rows
        layouts = []
        app.screen._refresh_layout = lambda *a, original=app.screen._refresh_layout, **k: (
            layouts.append(1), original(*a, **k))[1]
        big.update("9:59")
        await pilot.pause()
        assert big.rows > small and layouts == []
        assert big.text_lines == bigfont.render("9:59", big.rows)
        assert big.render().plain.split("\n") == list(bigfont.render("9:59", big.rows))
        assert big.lines == centred(big.text_lines, *big.content_region.size)
        big.update("10:00")
        await pilot.pause()
        assert big.rows == small and big.text_lines == bigfont.render("10:00", small)


def ink_and_blank_row(big) -> int:
    return big.lines.index(next(line for line in big.lines if "█" in line and " " in line.strip()))


async def test_big_text_draws_its_ink_as_background_colour_a_third_of_the_bytes_of_a_block():
    from glute_tui.ui.widgets.big_text import BigText

    app = Big()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        big = app.query_one(BigText)
        y = ink_and_blank_row(big)
        strip = big.render_line(y)
        assert "█" not in strip.text and strip.cell_length == big.content_region.width
        ink = big.rich_style.color
        assert [(seg.style.bgcolor == ink) for seg in strip] == [run[0] == "█" for run in
                                                                _runs_of(big.lines[y], big)]
        terminal = Console(color_system="truecolor", force_terminal=True)
        left, top = placed(big)
        assert set(big.lines[top][left:left + 10]) == {"█"}  # the top of a "0": ink across
        ink_run = next(segment for segment in big.render_line(top) if segment.style.bgcolor == ink)
        blocks = Strip([Segment("█" * len(ink_run.text), big.rich_style)]).render(terminal)
        assert len(ink_run.text) >= 10
        assert len(Strip([ink_run]).render(terminal).encode()) < len(blocks.encode()) * 2 / 3


def _runs_of(line: str, widget) -> list[str]:
    from glute_tui.ui.widgets.cells import _runs

    return _runs(line.ljust(widget.content_region.width))


async def test_big_text_keeps_the_block_where_no_colour_is_shown():
    from glute_tui.ui.widgets.big_text import BigText

    app = Big()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        big = app.query_one(BigText)
        app.no_color, app.ansi_color = True, True  # NO_COLOR, the terminal's own colours
        await pilot.pause()
        assert any("█" in line for line in big.lines)
        assert all(big.render_line(y).text.rstrip() == line.rstrip() for y, line in enumerate(big.lines))


@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light"])
async def test_big_text_keeps_the_block_where_its_ink_is_the_terminals_default_colour(theme: str):
    """The ANSI themes' text is the terminal's default colour: as a background that is the
    terminal's own background, and ink drawn as spaces on it would not show at all."""
    from glute_tui.ui.widgets.big_text import BigText

    app = Big()
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await pilot.pause()
        big = app.query_one(BigText)
        assert big.rich_style.color.is_default
        y = ink_and_blank_row(big)
        assert big.render_line(y).text.rstrip() == big.lines[y].rstrip()


async def test_big_text_skips_the_ansi_colour_filter_only_where_it_would_change_nothing():
    """ui/widgets/truecolor.py: in RGB colours the filter is left out, and would have drawn the
    same lines; in an ANSI colour, or dim, it is kept."""
    from textual.filter import ANSIToTruecolor

    from glute_tui.ui.widgets.big_text import BigText

    app = Big()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        big = app.query_one(BigText)
        assert not any(isinstance(f, ANSIToTruecolor) for f in big.get_line_filters())
        (ansi_filter,) = [f for f in app.get_line_filters() if isinstance(f, ANSIToTruecolor)]
        background = big.background_colors[1]
        for y in range(len(big.lines)):
            line = big.render_line(y)
            assert list(line.apply_filter(ansi_filter, background)) == list(line)
        big.styles.color = "ansi_red"
        await pilot.pause()
        assert any(isinstance(f, ANSIToTruecolor) for f in big.get_line_filters())
        big.styles.color = "red"
        big.styles.text_style = "dim"
        await pilot.pause()
        assert any(isinstance(f, ANSIToTruecolor) for f in big.get_line_filters())


async def test_the_kept_filter_answer_and_style_follow_a_restyle_of_the_widget_or_an_ancestor():
    """The answer and the widget's style are kept between frames (a rest redraws a digit each
    second): a refresh of some cells keeps them; a class, a theme, or a style set in code on an
    ancestor renews them."""
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
        box = app.query_one("#box")
        assert not filtered(big)
        style = big.own_style
        big.refresh(Region(0, 0, 1, 1))  # as each second does
        assert not filtered(big) and big.own_style is style
        box.styles.text_style = "dim"  # set in code, on its parent: the text is drawn dim
        await pilot.pause()
        assert filtered(big) and big.own_style == big.rich_style and big.own_style.dim
        box.styles.text_style = "none"
        await pilot.pause()
        assert not filtered(big) and not big.own_style.dim
        app.theme = "ansi-dark"  # a theme of ANSI colours: every widget restyled
        await pilot.pause()
        assert big.rich_style.color.triplet is None  # (the theme's text colour is ANSI)
        assert list(big.get_line_filters()) == list(line_filters(big, app.get_line_filters()))
        assert big.own_style == big.rich_style
        app.theme = "textual-dark"
        await pilot.pause()
        assert not filtered(big) and big.own_style == big.rich_style
        box.styles.background = "#123456"  # a colour set in code, on its parent
        await pilot.pause()
        assert big.own_style == big.rich_style and big.own_style.bgcolor.triplet.hex == "#123456"
        box.add_class("-red")  # a class on its parent
        await pilot.pause()
        assert big.own_style == big.rich_style and big.own_style.color.triplet.hex == "#ff0000"


class Number(App[None]):
    def compose(self) -> ComposeResult:
        from glute_tui.ui.widgets.big_number import BigNumber

        yield BigNumber("10:00", id="number")


async def test_the_number_is_drawn_in_three_parts_side_by_side_and_centred():
    """The last digit and the one before it are widgets of their own (a rest changes the first
    each second, the second each ten): a change is written from the left edge of its part, not
    from the number's. A new shape (10:00 to 9:59, a taller font) is laid out at once."""
    from glute_tui.core import bigfont
    from glute_tui.ui.widgets.big_number import BigNumber

    app = Number()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        number = app.query_one(BigNumber)
        heights = {}
        for text in ("10:00", "9:59", "9:58", "7"):
            number.update(text)
            await pilot.pause()
            rows, gap = number.rows, " " * bigfont.column_scale(number.rows)
            glyphs = [bigfont.render(char, rows) for char in text]
            before = [tuple(line + gap for line in bigfont.render(text[:-2], rows))] if len(text) > 2 else [()]
            tens = [tuple(line + gap for line in glyphs[-2])] if len(text) > 1 else [()]
            assert (number.head.lines, number.tens.lines, number.tail.lines) == (before[0], tens[0], glyphs[-1])
            assert number.render().plain.split("\n") == list(bigfont.render(text, rows))
            shown = [part.region for part in (number.head, number.tens, number.tail) if part.lines]
            assert all(b.x == a.right and b.y == a.y for a, b in zip(shown, shown[1:]))  # side by side
            room = number.content_region
            assert shown[0].x - room.x == (room.width - sum(r.width for r in shown)) // 2  # centred
            heights[text] = rows
        assert heights["9:59"] > heights["10:00"]  # one glyph fewer: a taller font
        number.update("")
        await pilot.pause()
        assert number.head.lines == number.tens.lines == number.tail.lines == ()
