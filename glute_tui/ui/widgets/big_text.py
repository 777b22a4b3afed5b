"""Text drawn as large as its space allows, in the block font of glute_tui.core.bigfont.

The widget takes the room the layout gives it (its CSS sets the size) and picks the largest
font height that fits, again on every resize. Its text changes once a second in a rest: it
repaints then and only then (never a layout: its size does not depend on what it shows).
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.strip import Strip
from textual.widget import Widget

from glute_tui.core import bigfont


class BigText(Widget):
    """`text` in block letters, centred, as tall as fits (at most `largest` rows)."""

    DEFAULT_CSS = """
    BigText { width: 1fr; height: 1fr; content-align: center middle; }
    """

    def __init__(self, text: str = "", *, largest: int | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._text = text
        self.largest = largest
        self._rows = 0  # the font height in use; 1 for plain text
        self._fitted: tuple[int, int] | None = None  # the size the font was chosen for
        self._lines: tuple[str, ...] = ()

    @property
    def value(self) -> str:
        return self._text

    @value.setter
    def value(self, text: str) -> None:
        self.update(text)

    @property
    def rows(self) -> int:
        """The height the text is drawn at (0 before the first layout)."""
        return self._rows

    def update(self, text: str) -> None:
        """Show `text`; a repaint only when it differs from what is shown."""
        if text == self._text:
            return
        self._text = text
        self._fit()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._fit()
        self.refresh()

    def _fit(self) -> None:
        width, height = self.content_region.size
        self._fitted = (width, height)
        drawn = self._drawn()
        template = "".join("0" if ch.isdigit() else ch for ch in drawn)  # digits are one width:
        fit = bigfont.best_fit(template, height, width, largest=self.largest)  # 0:59 to 0:00, one size
        self._rows = fit.rows
        self._lines = bigfont.render(drawn, fit.rows) if fit.rows >= bigfont.MIN_ROWS else (drawn,)

    def _drawn(self) -> str:
        """What is drawn for the text (a subclass may shorten it)."""
        return self._text

    def render(self) -> RenderableType:
        """The lines as Rich text (what render_line draws; for tests and screenshots)."""
        self._refit_if_resized()
        text = Text("\n".join(self._lines), no_wrap=True, overflow="crop", end="")
        if self._rows < bigfont.MIN_ROWS:
            text.stylize("bold")
        return text

    def _refit_if_resized(self) -> None:
        if self._fitted != tuple(self.content_region.size):  # laid out before its Resize event:
            self._fit()  # the first frame is drawn at the right size, not once as plain text

    def render_line(self, y: int) -> Strip:
        """One line of the centred block text, as a single segment: a repaint each second in a
        rest builds a few strips of plain characters, not a Rich text layout of the whole area
        (ticking at 120x40 went from 1.67x the bare app's CPU with render())."""
        self._refit_if_resized()
        width, height = self.content_region.size
        lines = self._lines
        index = y - (height - len(lines)) // 2
        line = lines[index] if 0 <= index < len(lines) else ""
        style = self.rich_style
        if self._rows < bigfont.MIN_ROWS:
            style += Style(bold=True)
        left = min(width, max(0, (width - len(line)) // 2))
        line = line[:width - left]
        right = width - left - len(line)
        blank = Style(bgcolor=style.bgcolor)  # spaces: kept apart from the glyphs' run (an SVG
        segments = [Segment(" " * left, blank), Segment(line, style), Segment(" " * right, blank)]  # screenshot
        # of one run of spaces and blocks comes out shifted in some renderers)
        return Strip([segment for segment in segments if segment.text], width)
