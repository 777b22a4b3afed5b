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

from typing import Any, Sequence

from rich.color import Color
from rich.style import Style
from textual.containers import Horizontal, Vertical
from textual.filter import ANSIToTruecolor, LineFilter
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from glute_tui.ui.widgets.shared_lines import SharesEqualLines


def _rgb(color: Color | None) -> bool:
    return color is None or color.triplet is not None


def line_filters(widget: Widget, filters: Sequence[LineFilter]) -> Sequence[LineFilter]:
    """`filters` without ANSIToTruecolor where it would change nothing in `widget`'s lines."""
    style = widget.rich_style
    if style.dim or not (_rgb(style.color) and _rgb(style.bgcolor)):
        return filters
    return [line_filter for line_filter in filters if not isinstance(line_filter, ANSIToTruecolor)]


class SkipsAnsiFilter:
    """Mixed into a widget (or a screen) drawn only in its own colours, no Rich markup of other
    colours in it: its lines skip the filter where it would change nothing.

    Textual asks for the filters each time it draws the widget, even when every line comes from
    its cache (each frame, for each widget the changed region crosses), and the answer takes the
    widget's whole style, worked out through every ancestor: 13 times a second in a rest, a tenth
    of the ticking workout's CPU. So the answer is kept until the widget's styles change: Textual
    calls `notify_style_update` on every node a restyle reaches (a class, a theme, a pseudo-class
    of an ancestor restyles its descendants too), and a colour set in code on it or on an
    ancestor refreshes it whole (a refresh of some of its cells, each second, keeps the answer)."""

    _filters_kept: tuple[tuple[LineFilter, ...], Sequence[LineFilter]] | None = None

    def get_line_filters(self) -> Sequence[LineFilter]:
        widget: Widget = self  # type: ignore[assignment]
        filters = tuple(super().get_line_filters())  # type: ignore[misc]
        kept = self._filters_kept
        if kept is None or kept[0] != filters:
            kept = self._filters_kept = (filters, line_filters(widget, filters))
        return kept[1]

    def notify_style_update(self) -> None:
        self._filters_kept = None
        super().notify_style_update()  # type: ignore[misc]

    def refresh(self, *regions: Region, **options: Any) -> Any:
        if not regions:
            self._filters_kept = None
        return super().refresh(*regions, **options)  # type: ignore[misc]


class OwnColours(SharesEqualLines, SkipsAnsiFilter):
    """Mixed into a widget (or a screen) drawn only in its own colours: its lines skip the ANSI
    filter, and its equal rows are handed to the compositor as one line (shared_lines.py)."""


class RgbLines(OwnColours, Widget):
    """A widget drawn only in its own colours.

    Its style is worked out at most once for each time Textual draws it (`render_lines`), not
    for each line (`rich_style` walks every ancestor at each call, and a changed digit is 30
    lines), and only when a line is drawn: a widget whose lines all come from Textual's cache
    needs none."""

    _drawing = False
    _drawing_style: Style | None = None

    @property
    def own_style(self) -> Style:
        """`rich_style`, the same for every line of one drawing."""
        if not self._drawing:
            return self.rich_style
        if self._drawing_style is None:
            self._drawing_style = self.rich_style
        return self._drawing_style

    def render_lines(self, crop: Region) -> list[Strip]:
        self._drawing = True
        try:
            return super().render_lines(crop)
        finally:
            self._drawing = False
            self._drawing_style = None


class RgbVertical(OwnColours, Vertical):
    """A Vertical whose own lines (its background) skip the filter, its equal rows one object."""


class RgbHorizontal(OwnColours, Horizontal):
    """A Horizontal whose own lines (its background) skip the filter, its equal rows one object."""
