"""Every table at 60, 80 and 120 columns shows whole words and whole numbers (issue 24,
finding 7): a low-priority column is dropped before one is cut, a long name is shortened only
at a word boundary with "…", a number is never cut, and no table is wider than its room."""

from __future__ import annotations

import io

import pytest
from rich.cells import cell_len
from rich.console import Console
from textual.app import App, ComposeResult

from glute_tui.core.columns import Column
from glute_tui.devtools.scenes import LONG_NAME, SCENES, scene_app
from glute_tui.ui.widgets.fitting_table import FittingTable
from glute_tui.ui.widgets.targets_table import TargetsTable

SIZES = [(60, 18), (80, 24), (120, 40)]
TABLES = [("history-long-names", "#sessions"), ("session-detail-long-names", "#detail-table"),
          ("summary-long-names", "#summary-table"), ("summary-referral", "#summary-table"),
          ("history", "#sessions"), ("session-detail-pain", "#detail-table")]


def screen_lines(app) -> list[str]:
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True, legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text().splitlines()


def assert_whole(table: FittingTable, lines: list[str]) -> None:
    """Every cell shown is its whole text, or its first whole words and "…" in a name column;
    each fits its column; the table fits its width; and the screen shows each cell so."""
    columns = {c.label: c for c in table.spec}
    assert table.row_count > 0
    assert table.virtual_size.width <= table.size.width, "wider than its room: cut by the edge"
    widths = [c.width for c in table.ordered_columns]
    for row in range(table.row_count):
        full = table.row_cells(row)
        for label, width, cell in zip(table.shown_labels, widths, table.get_row_at(row)):
            shown = str(cell)
            assert cell_len(shown) <= width, (label, shown, width)
            if shown == full[label]:
                continue
            assert columns[label].shorten, f"{label} cut: {shown!r} for {full[label]!r}"
            body = shown.removesuffix("…")
            assert shown.endswith("…") and full[label].startswith(body) and full[label][len(body)] == " ", \
                (label, shown, full[label])
    text = "\n".join(lines)
    geometry = table.screen.find_widget(table)
    seen = geometry.region.intersection(geometry.clip)  # a dialog may show part of its table
    top = table.scroll_offset.y
    on_screen = range(top, min(table.row_count, top + seen.height - 1))
    for row in on_screen:  # the rows on screen show their cells as they are
        for cell in table.get_row_at(row):
            assert str(cell).strip() in text


async def run(scene_name: str, size: tuple[int, int], tmp_path):
    scene = SCENES[scene_name]
    app, clock = scene_app(scene, tmp_path / "home")
    context = app.run_test(size=size)
    pilot = await context.__aenter__()
    await scene.run(pilot, clock)
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()
    return app, pilot, context


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("scene_name,selector", TABLES, ids=[name for name, _ in TABLES])
async def test_a_table_shows_whole_words_and_whole_numbers(tmp_path, scene_name, selector, size):
    app, pilot, context = await run(scene_name, size, tmp_path)
    try:
        assert_whole(app.screen.query_one(selector, FittingTable), screen_lines(app))
    finally:
        await context.__aexit__(None, None, None)


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


async def test_the_summary_of_a_skipped_exercise_at_60_columns_keeps_its_status_and_amounts(tmp_path):
    app, pilot, context = await run("summary-long-names", (60, 18), tmp_path)
    try:
        table = app.screen.query_one("#summary-table", FittingTable)
        assert table.shown_labels[:4] == ["Exercise", "Sets", "Status", "Done / target"]
        lifts = next(i for i in range(table.row_count) if table.row_cells(i)["Exercise"].startswith("Side-lying"))
        assert [str(c) for c in table.get_row_at(lifts)[:4]] == ["Side-lying…", "0 / 3", "skipped", "0 / 72 reps"]
    finally:
        await context.__aexit__(None, None, None)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_home_targets_show_every_word_and_number_whole(tmp_path, size):
    app, pilot, context = await run("home-knee-friendly", size, tmp_path)
    try:
        table = app.screen.query_one("#routine-table", TargetsTable)
        region = table.region
        lines = screen_lines(app)[region.y:region.bottom]
        shown = " ".join(line[region.x:region.right] for line in lines).split()
        for row in table.rows:
            for cell in row[:3]:  # the load may join the target on a narrow screen
                for word in cell.split():
                    assert word in shown, (word, cell)
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
