"""The cells a CellLines widget repaints: the first and last column where two lines differ."""

from __future__ import annotations

import random

from glute_tui.ui.widgets.big_text import centred
from glute_tui.ui.widgets.cells import _runs, changed_cells


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


def test_runs_cut_a_line_into_ink_blanks_and_the_rest():
    assert _runs("██  ▀▄█") == ["██", "  ", "▀▄", "█"]
    assert _runs("") == []
    assert "".join(_runs("a █ ▀ b██")) == "a █ ▀ b██"


def test_centred_text_fills_its_room_as_textual_aligns_a_child():
    assert centred(("ab", "cd"), 6, 5) == ("      ", "  ab  ", "  cd  ", "      ", "      ")
    assert centred(("abc",), 6, 2) == (" abc  ", "      ")  # the cell left over goes right
    assert centred((), 3, 2) == ("   ", "   ")
    assert centred(("toolong",), 4, 1) == ("toolong",)  # never moved left of the edge
