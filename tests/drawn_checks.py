"""Checks made on a scene once it is drawn, in the snapshot test's run of that scene.

Playing a scene (a workout to its end, a history of 55 sessions) is most of a screen test's
time. The snapshot test plays each (scene, size) once; the checks below look at that same app
before its picture is taken, instead of each playing the scene again:
- every table shows whole words and whole numbers (issue 24, finding 7),
- the README's picture of that scene at that size is what the app draws now (finding 10).

`tests/functional/test_tables_fit.py` and `test_screenshots.py` check that every case they
name is a snapshot case, so none goes unchecked.
"""

from __future__ import annotations

import importlib.util
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from rich.cells import cell_len
from rich.console import Console

from glute_tui.devtools.scenes import SCENES
from glute_tui.ui.widgets.fitting_table import FittingTable
from glute_tui.ui.widgets.targets_table import TargetsTable

ROOT = Path(__file__).resolve().parents[1]
# The snapshot test's cases: (scene, size). Every scene at 80x24 and 60x18, and the sizes a
# screen changes at (120x40, 200x60, a phone's 44x60, a tiny 40x12).
SNAPSHOT_SIZES = {"80x24": (80, 24), "120x40": (120, 40), "40x12": (40, 12), "60x18": (60, 18),
                  "200x60": (200, 60), "44x60": (44, 60)}
CASES = [(name, "80x24") for name in SCENES] + [
    (name, size) for name in ("home", "work-set", "rest", "switch-sides", "history", "summary")
    for size in ("120x40", "40x12")] + [
    (name, size) for name in ("work-set", "rest", "one-sided-set") for size in ("60x18", "200x60", "44x60")] + [
    (name, "60x18") for name in SCENES if name not in ("work-set", "rest", "one-sided-set")] + [
    ("squat-low", "120x40"), ("squat-high", "120x40"), ("help", "120x40")] + [  # every screen
    ("pain-check", "44x60"), ("plan", "44x60"), ("summary-referral", "44x60")] + [  # coach (issue 20): a phone
    ("one-sided-set", "120x40")] + [  # the README's large display
    (name, "120x40") for name in ("history-long-names", "session-detail-long-names", "summary-long-names",
                                  "summary-referral", "session-detail-pain", "home-knee-friendly")]  # tables

SHOTS = ROOT / "screenshots"
TABLE_SIZES = [(60, 18), (80, 24), (120, 40)]
TABLES = [("history-long-names", "#sessions"), ("session-detail-long-names", "#detail-table"),
          ("summary-long-names", "#summary-table"), ("summary-referral", "#summary-table"),
          ("history", "#sessions"), ("session-detail-pain", "#detail-table")]


@dataclass(frozen=True)
class Check:
    """One check of a drawn scene: `what` names it (in a failure, and for the tests that make
    sure each is made), `run` looks at the app and raises when it does not hold."""
    what: str
    run: Callable[[Any], None]


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


def table_is_whole(selector: str) -> Check:
    return Check(f"table {selector} whole",
                 lambda app: assert_whole(app.screen.query_one(selector, FittingTable), screen_lines(app)))


def home_targets_are_whole(app) -> None:
    """Home's targets show every word and number of the routine's table."""
    table = app.screen.query_one("#routine-table", TargetsTable)
    region = table.region
    lines = screen_lines(app)[region.y:region.bottom]
    shown = " ".join(line[region.x:region.right] for line in lines).split()
    for row in table.rows:
        for cell in row[:3]:  # the load may join the target on a narrow screen
            for word in cell.split():
                assert word in shown, (word, cell)


def skipped_exercise_keeps_its_status_and_amounts(app) -> None:
    """At 60 columns the Summary of a skipped exercise still says so, with its amounts."""
    table = app.screen.query_one("#summary-table", FittingTable)
    assert table.shown_labels[:4] == ["Exercise", "Sets", "Status", "Done / target"]
    lifts = next(i for i in range(table.row_count) if table.row_cells(i)["Exercise"].startswith("Side-lying"))
    assert [str(c) for c in table.get_row_at(lifts)[:4]] == ["Side-lying…", "0 / 3", "skipped", "0 / 72 reps"]


HOME_TARGETS = Check("home targets whole", home_targets_are_whole)
SKIPPED_EXERCISE = Check("skipped exercise keeps its status and amounts", skipped_exercise_keeps_its_status_and_amounts)


def screenshots_generator():
    spec = importlib.util.spec_from_file_location("screenshots_generate", SHOTS / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def picture_is_current(file: str) -> Check:
    """The committed screenshots/FILE.svg is byte for byte what the app draws now (drawn on the
    scenes' fixed data and clock, with no tone player or speech program: the same on every
    machine, so nothing is tolerated)."""
    def run(app) -> None:
        drawn = app.export_screenshot().encode("utf-8")  # as App.save_screenshot writes it
        assert drawn == (SHOTS / f"{file}.svg").read_bytes(), \
            f"screenshots/{file}.svg is stale: run `make screenshots` and look at it"
    return Check(f"picture {file}.svg", run)


def checks() -> dict[tuple[str, tuple[int, int]], list[Check]]:
    """(scene, (width, height)) -> the checks of that drawn scene."""
    found: dict[tuple[str, tuple[int, int]], list[Check]] = {}
    for size in TABLE_SIZES:
        for scene, selector in TABLES:
            found.setdefault((scene, size), []).append(table_is_whole(selector))
        found.setdefault(("home-knee-friendly", size), []).append(HOME_TARGETS)
    found[("summary-long-names", (60, 18))].append(SKIPPED_EXERCISE)
    for scene, size, file in screenshots_generator().svg_shots():
        found.setdefault((scene, tuple(size)), []).append(picture_is_current(file))
    return found


def run_checks(found: list[Check], app) -> list[str]:
    """Each check's failure as text: raised inside the app's run it would be lost to the
    snapshot plugin's "no screenshot"; the test asserts these after its comparison."""
    failures = []
    for check in found:
        try:
            check.run(app)
        except Exception as error:  # a missing widget too, not only a failed assertion
            failures.append(f"{check.what}: {type(error).__name__}: {error}")
    return failures
