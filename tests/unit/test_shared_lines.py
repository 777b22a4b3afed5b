"""Equal lines handed to the compositor as one object (ui/widgets/shared_lines.py)."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from glute_tui.ui.widgets.shared_lines import SharesEqualLines, shared_lines

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


class Drawn:
    """A widget's drawing as Textual's line cache hands it over: the same line objects until a
    line is drawn again."""

    def __init__(self, lines: list[Strip]) -> None:
        self.lines = lines

    def render_lines(self, crop) -> list[Strip]:
        return list(self.lines)


class SharedDrawn(SharesEqualLines, Drawn):
    pass


def test_the_same_lines_drawn_again_are_handed_over_as_before_and_a_new_line_is_seen():
    a1, a2, b = blank(4), blank(4), Strip([Segment("ab", BLUE)], 2)
    widget = SharedDrawn([a1, a2, b])
    first = widget.render_lines(None)
    assert first == [a1, a1, b] and first[1] is a1
    assert widget.render_lines(None) is first  # from the cache: the last answer
    c = Strip([Segment("cd", BLUE)], 2)
    widget.lines = [a1, a2, c]  # one line drawn again
    assert widget.render_lines(None) == [a1, a1, c]
    widget.lines = [a2, a1]  # fewer lines (another crop)
    assert [id(line) for line in widget.render_lines(None)] == [id(a2), id(a2)]
