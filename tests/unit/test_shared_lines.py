"""Equal lines handed to the compositor as one object (ui/widgets/shared_lines.py)."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from glute_tui.ui.widgets.shared_lines import shared_lines

BLUE = Style(bgcolor="blue")


def blank(width: int, style: Style = BLUE) -> Strip:
    return Strip([Segment(" " * width, style)], width)


def test_equal_lines_become_the_first_of_them_and_the_order_is_kept():
    a1, b, a2, c, a3 = blank(10), Strip([Segment("ab", BLUE)], 2), blank(10), blank(10, Style(bgcolor="red")), blank(10)
    out = shared_lines([a1, b, a2, c, a3])
    assert [line is want for line, want in zip(out, [a1, b, a1, c, a1])] == [True] * 5
    assert out == [a1, b, a2, c, a3]  # the same lines, as text and style


def test_lines_that_differ_only_in_style_or_text_stay_apart():
    plain = Strip([Segment("x ", BLUE)], 2)
    bold = Strip([Segment("x ", BLUE + Style(bold=True))], 2)
    other = Strip([Segment("y ", BLUE)], 2)
    out = shared_lines([plain, bold, other])
    assert len({id(line) for line in out}) == 3
