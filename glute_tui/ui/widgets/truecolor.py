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

from typing import Any, Callable, Sequence

from rich.color import Color
from rich.style import Style
from textual.containers import Horizontal, Vertical
from textual.filter import ANSIToTruecolor, LineFilter
from textual.geometry import Region
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


class KeptUntilRestyled:
    """Values worked out from a widget's style (through every ancestor), kept until its styles
    change: Textual calls `notify_style_update` on every node a restyle reaches (a class, a
    theme, a pseudo-class of an ancestor restyles its descendants too), and a colour set in code
    on it or on an ancestor refreshes it whole (a refresh of some of its cells, each second,
    keeps them)."""

    _kept: dict[str, Any] | None = None

    def kept(self, name: str, make: Callable[[], Any]) -> Any:
        kept = self._kept
        if kept is None:
            kept = self._kept = {}
        if name not in kept:
            kept[name] = make()
        return kept[name]

    def notify_style_update(self) -> None:
        self._kept = None
        super().notify_style_update()  # type: ignore[misc]

    def refresh(self, *regions: Region, **options: Any) -> Any:
        if not regions:
            self._kept = None
        return super().refresh(*regions, **options)  # type: ignore[misc]


class SkipsAnsiFilter(KeptUntilRestyled):
    """Mixed into a widget (or a screen) drawn only in its own colours, no Rich markup of other
    colours in it: its lines skip the filter where it would change nothing.

    Textual asks for the filters each time it draws the widget, even when every line comes from
    its cache (each frame, for each widget the changed region crosses), and the answer takes the
    widget's whole style, worked out through every ancestor: 13 times a second in a rest, a tenth
    of the ticking workout's CPU. So the answer is kept until the widget's styles change."""

    def get_line_filters(self) -> Sequence[LineFilter]:
        widget: Widget = self  # type: ignore[assignment]
        filters = tuple(super().get_line_filters())  # type: ignore[misc]
        kept = self.kept("filters", lambda: (filters, line_filters(widget, filters)))
        if kept[0] != filters:  # the app's filters changed (a theme of ANSI colours, NO_COLOR)
            kept = (filters, line_filters(widget, filters))
            self._kept["filters"] = kept  # type: ignore[index]
        return kept[1]


class OwnColours(SharesEqualLines, SkipsAnsiFilter):
    """Mixed into a widget (or a screen) drawn only in its own colours: its lines skip the ANSI
    filter, and its equal rows are handed to the compositor as one line (shared_lines.py)."""


class RgbLines(OwnColours, Widget):
    """A widget drawn only in its own colours.

    Its style is worked out once until its styles change, not for each line nor each frame
    (`rich_style` walks every ancestor at each call, a changed digit is 30 lines, and the clock
    line is drawn each second)."""

    @property
    def own_style(self) -> Style:
        """`rich_style`, kept until the widget is restyled."""
        return self.kept("rich_style", lambda: self.rich_style)  # type: ignore[no-any-return]


class RgbVertical(OwnColours, Vertical):
    """A Vertical whose own lines (its background) skip the filter, its equal rows one object."""


class RgbHorizontal(OwnColours, Horizontal):
    """A Horizontal whose own lines (its background) skip the filter, its equal rows one object."""
