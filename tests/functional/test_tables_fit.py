"""Every table at 60, 80 and 120 columns shows whole words and whole numbers (issue 24,
finding 7): a low-priority column is dropped before one is cut, a long name is shortened only
at a word boundary with "…", a number is never cut, and no table is wider than its room.

The tables of the scenes (History, the session detail, the Summary, Home's targets) are checked
in the snapshot test's run of each scene at each size (tests/drawn_checks.py); here, a table as
the terminal is resized, hostile names, and that every table of a scene is among those checks."""

from __future__ import annotations

import pytest
from drawn_checks import (
    HOME_TARGETS,
    SKIPPED_EXERCISE,
    TABLE_SIZES,
    TABLES,
    assert_whole,
    checks,
    screen_lines,
)
from rich.cells import cell_len
from textual.app import App, ComposeResult

from glute_tui.core.columns import Column
from glute_tui.devtools.scenes import LONG_NAME, SCENES, play, scene_app
from glute_tui.ui.widgets.fitting_table import FittingTable

SIZES = TABLE_SIZES


async def run(scene_name: str, size: tuple[int, int], tmp_path):
    scene = SCENES[scene_name]
    app, clock = scene_app(scene, tmp_path / "home")
    context = app.run_test(size=size)
    pilot = await context.__aenter__()
    await play(scene, pilot, clock)
    return app, pilot, context


async def test_a_narrow_history_drops_pain_felt_reps_and_time_and_shortens_a_long_routine_at_a_word(tmp_path):
    app, pilot, context = await run("history-long-names", (120, 40), tmp_path)
    try:
        table = app.screen.query_one("#sessions", FittingTable)
        assert table.shown_labels == ["Date", "Routine", "Sets", "Reps", "Felt", "Pain", "Time", "Status"]
        assert str(table.get_row_at(0)[1]) == LONG_NAME
        await pilot.resize_terminal(100, 30)  # every column stays: the long name gives way
        await pilot.pause()
        assert table.shown_labels == ["Date", "Routine", "Sets", "Reps", "Felt", "Pain", "Time", "Status"]
        assert str(table.get_row_at(0)[1]) == "Knee-friendly glutes for the…"
        await pilot.resize_terminal(80, 24)  # the pain, how it felt and the reps go
        await pilot.pause()
        assert table.shown_labels == ["Date", "Routine", "Sets", "Time", "Status"]
        assert str(table.get_row_at(1)[1]) == "Runner's glute routine"
        await pilot.resize_terminal(60, 18)
        await pilot.pause()
        assert table.shown_labels == ["Date", "Routine", "Sets", "Status"]
        assert str(table.get_row_at(0)[1]) == "Knee-friendly…"
        assert table.row_cells(0)["Routine"] == LONG_NAME  # the whole row is kept, for a wider screen
        assert_whole(table, screen_lines(app))
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert "Pain" in table.shown_labels and str(table.get_row_at(0)[1]) == LONG_NAME
    finally:
        await context.__aexit__(None, None, None)


def test_every_scene_table_is_checked_at_60_80_and_120_columns():
    found = checks()
    for size in SIZES:
        for scene, selector in TABLES:
            assert f"table {selector} whole" in [check.what for check in found[(scene, size)]], (scene, size)
        assert HOME_TARGETS in found[("home-knee-friendly", size)]
    assert SKIPPED_EXERCISE in found[("summary-long-names", (60, 18))]


@pytest.mark.parametrize("size", [(44, 60), (40, 30)], ids=["44x60", "40x30"])
async def test_home_on_a_phone_held_upright_stacks_the_routines_above_a_table_of_whole_words(size, tmp_path):
    """Under 60 columns the routines went beside the detail and left the targets table a
    column of four letters ("Squa/ts"): they are stacked, each the whole width."""
    from drawn_checks import home_targets_are_whole

    app, pilot, context = await run("home-knee-friendly", size, tmp_path)
    try:
        box, detail = app.screen.query_one("#routine-list-box"), app.screen.query_one("#routine-detail")
        assert box.region.bottom <= detail.region.y
        assert box.region.width == detail.region.width == size[0]
        home_targets_are_whole(app)
        await pilot.resize_terminal(80, 24)  # side by side again
        await pilot.pause()
        assert box.region.right <= detail.region.x
        home_targets_are_whole(app)
    finally:
        await context.__aexit__(None, None, None)


class TableApp(App[None]):
    def __init__(self, rows: list[tuple[str, ...]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        table = FittingTable((Column("Name", shorten=True), Column("Reps"), Column("Note", 1, shorten=True),
                              Column("Time", 2)), id="t")
        table.set_rows(self.rows)
        yield table


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_hostile_names_are_shortened_between_whole_characters_and_numbers_stay_whole(size):
    from hostile import strings

    names = [*strings(("unicode", "markup")), "テスト テスト テスト テスト テスト テスト テスト",
             "👩\u200d💻 coder 👍🏽 with a very long name that goes on and on and on", "x" * 200,
             "e\u0301te\u0301 combining marks on a name long enough to be shortened somewhere"]
    rows = [(name, str(10 ** (n % 7) + n), name[::-1], f"{n:02d}:{n:02d}") for n, name in enumerate(names)]
    app = TableApp(rows)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        table = app.query_one("#t", FittingTable)
        for row in range(table.row_count):
            full = table.row_cells(row)
            shown = dict(zip(table.shown_labels, map(str, table.get_row_at(row))))
            assert shown["Reps"] == full["Reps"]
            if "Time" in shown:
                assert shown["Time"] == full["Time"]
            name = shown["Name"]
            assert cell_len(name) <= table.ordered_columns[0].width
            assert name == full["Name"] or full["Name"].startswith(name.removesuffix("…"))
        assert table.virtual_size.width <= table.size.width
