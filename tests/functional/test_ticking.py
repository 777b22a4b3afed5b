"""A second of a rest or of a paced set draws only what changed: the digits that changed (and
of those only the rows that differ), the clock line, and the figure when its frame changes.
Nothing else on the screen is drawn again: what is drawn is what is written to the terminal,
and at 200x60 a whole-number repaint each second was 14 times the bare app's bytes."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from recording import record_drawn_lines, record_refreshes, rows_of
from textual.geometry import Region

from glute_tui.core import bigfont
from glute_tui.devtools.scenes import SCENES, advance, scene_app
from glute_tui.ui.widgets.big_number import BigNumber
from glute_tui.ui.widgets.cells import CellLines
from glute_tui.ui.widgets.move_figure import MoveFigure
from glute_tui.ui.widgets.progress_line import ProgressLine


@asynccontextmanager
async def scene_screen(name: str, tmp_path: Path, size: tuple[int, int]):
    """The workout of scene `name` at `size`, as the scene leaves it: (pilot, clock, screen)."""
    scene = SCENES[name]
    app, clock = scene_app(scene, tmp_path / "home")
    async with app.run_test(size=size) as pilot:
        await scene.run(pilot, clock)
        await pilot.pause()
        yield pilot, clock, app.screen


def changed_rows(old: str, new: str, rows: int) -> set[int]:
    before, after = bigfont.render(old, rows), bigfont.render(new, rows)
    return {y for y, (a, b) in enumerate(zip(before, after)) if a != b}


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)], ids=["80x24", "120x40", "200x60"])
async def test_a_second_of_rest_draws_only_the_changed_digit_rows_and_the_clock(tmp_path: Path, size):
    async with scene_screen("rest", tmp_path, size) as (pilot, clock, screen):
        number = screen.query_one("#number", BigNumber)
        progress = screen.shown.progress
        before, old, head = number.value, number.drawn, number.head.lines
        assert before.startswith("0:") and number.rows >= bigfont.MIN_ROWS
        drawn, asked = record_drawn_lines(screen), record_refreshes(number.tail)
        await advance(pilot, clock, 1)
        await pilot.pause()
        after, new = number.value, number.drawn
        assert after != before and len(old) == len(new)  # ("0:45" may be drawn as "45", taller)
        changed = [n for n, (a, b) in enumerate(zip(old, new)) if a != b]
        assert changed == [len(new) - 1]  # the last digit only
        clock_line = screen.query_one("#clock", CellLines)
        allowed = {number.tail, clock_line}  # not the digits before the last, not the number's room
        if screen.shown.progress != progress:  # the bar moves every few seconds, not each second
            bar = screen.query_one(ProgressLine)
            allowed |= {bar, *bar.walk_children()}
        assert {widget for widget, _ in drawn} <= allowed, "something else was drawn again"
        rows = changed_rows(old[-1], new[-1], number.rows)
        assert {y for widget, y in drawn if widget is number.tail} == rows
        assert len(asked) == 1 and rows_of(asked[0]) == rows  # one refresh, of those rows
        assert number.tail.lines == bigfont.render(new[-1], number.rows) and number.head.lines == head
        assert {y for widget, y in drawn if widget is clock_line} == {0}


async def test_a_second_of_a_paced_set_draws_the_rep_digit_and_the_figure_only_when_they_change(tmp_path: Path):
    async with scene_screen("work-set", tmp_path, (120, 40)) as (pilot, clock, screen):
        number, figure = screen.query_one("#number", BigNumber), screen.query_one(MoveFigure)
        clock_line = screen.query_one("#clock", CellLines)
        bar = screen.query_one(ProgressLine)
        allowed = {figure, clock_line, bar, *bar.walk_children(), number.head, number.tens, number.tail}
        for _ in range(6):  # half-second steps: frames change, reps change every 3 s
            reps, lines = number.value, figure.lines
            drawn = record_drawn_lines(screen)
            await advance(pilot, clock, 0.5)
            await pilot.pause()
            widgets = {widget for widget, _ in drawn}
            assert widgets <= allowed
            if figure.lines == lines:
                assert figure not in widgets
            else:  # only the rows of the figure that differ between the two frames
                assert {y for w, y in drawn if w is figure} == {
                    y for y, (a, b) in enumerate(zip(lines, figure.lines)) if a != b}
            if number.value == reps:
                assert not widgets & {number.head, number.tens, number.tail}
            elif len(number.value) == len(reps) and reps[:-1] == number.value[:-1]:
                assert not widgets & {number.head, number.tens} and number.tail in widgets


async def test_the_workouts_background_rows_are_handed_over_as_one_line(tmp_path: Path):
    """Each line handed to the compositor is cut at the edges in front of it and the pieces kept
    on it (ui/widgets/shared_lines.py): 60 alike rows as 60 objects were 60 sets of pieces."""
    async with scene_screen("rest", tmp_path, (200, 60)) as (pilot, clock, screen):
        for widget in (screen, screen.query_one("#middle")):
            width, height = widget.size
            lines = widget.render_lines(Region(0, 0, width, height))
            assert len(lines) == height > 20
            assert len({id(line) for line in lines}) == len({tuple(line) for line in lines}) == 1

