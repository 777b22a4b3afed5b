"""Widgets whose lines skip Textual's conversion of ANSI colours, when they have none.

Textual passes every line of every widget through `ANSIToTruecolor` (it turns an ANSI colour
into the theme's RGB, and dim text into a blended colour) and keeps the result beside the line:
a second copy of each line drawn, about 1 KB each, and the copy is then cut at the edges of the
widgets in front of it. For a widget whose own colours are RGB and whose text is not dim, the
filter changes nothing, so it is left out: the copy is never made. A widget in a theme of ANSI
colours (textual-ansi), or dim, keeps it. The ticking workout draws the big number 33 rows tall
at 200x60 behind four containers: 0.4-1.2 MB fewer at the peak.
"""

from __future__ import annotations

from typing import Sequence

from rich.color import Color
from rich.style import Style
from textual.containers import Horizontal, Vertical
from textual.filter import ANSIToTruecolor, LineFilter
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget


def _rgb(color: Color | None) -> bool:
    return color is None or color.triplet is not None


def line_filters(widget: Widget, filters: Sequence[LineFilter], style: Style | None = None) -> Sequence[LineFilter]:
    """`filters` without ANSIToTruecolor where it would change nothing in `widget`'s lines
    (drawn in `style`, its rich_style)."""
    style = widget.rich_style if style is None else style
    if style.dim or not (_rgb(style.color) and _rgb(style.bgcolor)):
        return filters
    return [line_filter for line_filter in filters if not isinstance(line_filter, ANSIToTruecolor)]


class SkipsAnsiFilter:
    """Mixed into a widget (or a screen) drawn only in its own colours, no Rich markup of other
    colours in it: its lines skip the filter where it would change nothing."""

    def _filter_style(self) -> Style | None:
        return None  # its rich_style

    def get_line_filters(self) -> Sequence[LineFilter]:
        widget: Widget = self  # type: ignore[assignment]
        return line_filters(widget, super().get_line_filters(), self._filter_style())  # type: ignore[misc]


class RgbLines(SkipsAnsiFilter, Widget):
    """A widget drawn only in its own colours.

    Its style is worked out once for each time Textual draws it (`render_lines`), not for each
    line: `rich_style` walks every ancestor at each call, and a changed digit is 30 lines."""

    _drawing_style: Style | None = None

    @property
    def own_style(self) -> Style:
        """`rich_style`, the same for every line of one drawing."""
        return self.rich_style if self._drawing_style is None else self._drawing_style

    def render_lines(self, crop: Region) -> list[Strip]:
        self._drawing_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._drawing_style = None

    def _filter_style(self) -> Style | None:
        return self.own_style


class RgbVertical(SkipsAnsiFilter, Vertical):
    """A Vertical whose own lines (its background) skip the filter."""


class RgbHorizontal(SkipsAnsiFilter, Horizontal):
    """A Horizontal whose own lines (its background) skip the filter."""
