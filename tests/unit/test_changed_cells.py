"""The cells a CellLines widget repaints: the first and last column where two lines differ."""

from __future__ import annotations

import random

from textual.geometry import Region, Size

from glute_tui.ui.widgets.big_text import centred
from glute_tui.ui.widgets.cells import Shape, _runs, changed_cells, changed_regions


def reference(old: str, new: str) -> tuple[int, int] | None:
    width = max(len(old), len(new))
    old, new = old.ljust(width), new.ljust(width)
    differ = [i for i in range(width) if old[i] != new[i]]
    return (differ[0], differ[-1]) if differ else None


def test_changed_cells_are_the_first_and_last_differing_columns_of_any_two_lines():
    pick = random.Random(7)
    for _ in range(5000):
        old = "".join(pick.choice("█▀ ab") for _ in range(pick.randint(0, 40)))
        new = "".join(pick.choice("█▀ ab") for _ in range(pick.randint(0, 40)))
        assert changed_cells(old, new) == reference(old, new), (old, new)


def test_lines_that_differ_only_in_trailing_blanks_have_no_changed_cells():
    assert changed_cells("ab ", "ab") is None
    assert changed_cells(" ", "") is None
    assert changed_cells("█" * 200, "█" * 199 + "▀") == (199, 199)


def test_changed_regions_cover_exactly_the_changed_cells_with_alike_rows_as_one_region():
    pick = random.Random(11)
    for _ in range(500):
        rows = pick.randint(0, 12)
        old = tuple("".join(pick.choice("█ ") for _ in range(6)) for _ in range(rows))
        new = tuple(line if pick.random() < 0.3 else pick.choice((old[0], "".join(pick.choice("█ ") for _ in range(6))))
                    for line in old)
        regions = changed_regions(old, new)
        covered = {(x, y) for r in regions for y in range(r.y, r.bottom) for x in range(r.x, r.right)}
        expected = {(x, y) for y, (a, b) in enumerate(zip(old, new))
                    if (span := reference(a, b)) is not None for x in range(span[0], span[1] + 1)}
        assert covered == expected, (old, new)
        for a, b in zip(regions, regions[1:]):  # a run of alike rows is never split
            assert not (a.bottom == b.y and (a.x, a.width) == (b.x, b.width))
    stroke = ("██  ",) * 5
    assert changed_regions(stroke, ("  ██",) * 5) == [Region(0, 0, 4, 5)]


def test_the_shape_of_lines_is_their_size_and_whether_each_character_is_one_cell():
    assert Shape.of(("ab", "abcd")) == Shape(Size(4, 2), True)
    assert Shape.of(()) == Shape(Size(0, 0), True)
    assert Shape.of(("日本",)) == Shape(Size(4, 1), False)


def test_runs_cut_a_line_into_ink_blanks_and_the_rest():
    assert _runs("██  ▀▄█") == ["██", "  ", "▀▄", "█"]
    assert _runs("") == []
    assert "".join(_runs("a █ ▀ b██")) == "a █ ▀ b██"


def test_centred_text_fills_its_room_as_textual_aligns_a_child():
    assert centred(("ab", "cd"), 6, 5) == ("      ", "  ab  ", "  cd  ", "      ", "      ")
    assert centred(("abc",), 6, 2) == (" abc  ", "      ")  # the cell left over goes right
    assert centred((), 3, 2) == ("   ", "   ")
    assert centred(("toolong",), 4, 1) == ("toolong",)  # never moved left of the edge
