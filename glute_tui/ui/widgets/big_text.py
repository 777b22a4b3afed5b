"""Text drawn as large as its space allows, in the block font of glute_tui.core.bigfont.

The widget takes the room the layout gives it (its CSS sets the size) and picks the largest
font height that fits, again on every resize. Each glyph is a widget of its own (CellLines),
so when the text changes only the glyphs that changed are repainted, and of those only the
rows that changed: in a rest, "4:59" to "4:58" writes part of the last digit, not the whole
number (at 200x60, 166 KB written to the terminal per 10 s became a few KB). A new shape (another
font height, another number of glyphs, a glyph of another width) is laid out again.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.style import Style
from rich.text import Text
from textual import events
from textual.strip import Strip
from textual.widget import Widget

from glute_tui.core import bigfont
from glute_tui.ui.widgets.cells import CellLines
from glute_tui.ui.widgets.truecolor import RgbLines


class Glyph(CellLines):
    """One glyph of a BigText (or, in plain letters, the whole text)."""


class BigText(RgbLines):
    """`text` in block letters, centred, as tall as fits (at most `largest` rows)."""

    DEFAULT_CSS = """
    BigText { width: 1fr; height: 1fr; layout: horizontal; align: center middle; }
    BigText > Glyph { width: auto; height: auto; }
    """

    def __init__(self, text: str = "", *, largest: int | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._text = text
        self.largest = largest
        self._rows = 0  # the font height in use; 1 for plain text
        self._lines: tuple[str, ...] = ()  # in plain letters (below bigfont.MIN_ROWS)
        self._whole = ""  # the text drawn in block letters
        self._shape: tuple[int, tuple[int, ...], int] | None = None  # rows, glyph widths, gap
        # The glyph widgets, kept here and reused: the first `_shown` of them are shown, the
        # others hidden (a new shape mounts more only when it needs more).
        self._glyphs: list[Glyph] = []
        self._shown = 0

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

    @property
    def glyphs(self) -> list[Glyph]:
        """The glyph widgets shown, in order."""
        return self._glyphs[:self._shown]

    def update(self, text: str) -> None:
        """Show `text`; only the cells that differ from what is shown are repainted."""
        if text == self._text:
            return
        self._text = text
        if self.is_mounted and self.size:
            self._fit()

    def on_resize(self, event: events.Resize) -> None:
        self._fit()

    def _fit(self) -> None:
        if not self.is_attached:  # its screen is going (Ctrl+Q, then y): nothing to draw, nothing to mount
            return
        width, height = self.content_region.size
        drawn = self._drawn()
        template = "".join("0" if ch.isdigit() else ch for ch in drawn)  # digits are one width:
        fit = bigfont.best_fit(template, height, width, largest=self.largest)  # 0:59 to 0:00, one size
        self._rows = fit.rows
        if fit.rows >= bigfont.MIN_ROWS:
            # The whole text's lines only when asked (render): each second's text is new, and
            # font.render keeps the last 256 (13 KB each for a number 33 rows tall).
            self._lines = ()
            self._whole = drawn
            pieces = [bigfont.render(char, fit.rows) for char in drawn]
            gap = bigfont.column_scale(fit.rows)
        else:  # plain letters, bold, cut to the width
            self._lines = (drawn[:width],) if fit.rows else ()
            pieces = [self._lines] if drawn and fit.rows else []
            gap = 0
        self._place(pieces, gap, bold=fit.rows < bigfont.MIN_ROWS)

    def _place(self, pieces: list[tuple[str, ...]], gap: int, *, bold: bool) -> None:
        """Show each piece in its glyph widget: in place when the shape is the same (only the
        changed cells repaint), or laid out again.

        A new shape keeps the glyph widgets (more are mounted when more are needed, those left
        over are hidden) and is laid out in the next frame, with no frame of the old layout in
        between; the widgets behind the text (this one up to the screen) are drawn again. Textual
        keeps each drawn line cut at every edge of every layout it was drawn in (up to four, each
        cut piece about 1 KB): for a number 33 rows tall behind four containers, about 2 MB a
        layout. Drawn again, only the new layout's pieces are made, in the old ones' memory."""
        shape = (self._rows, tuple(len(piece[0]) if piece else 0 for piece in pieces), gap)
        if shape == self._shape and self._shown == len(pieces):
            for glyph, lines in zip(self._glyphs, pieces):
                glyph.set_lines(lines)
            return
        self._shape = shape
        self._shown = len(pieces)
        new = [Glyph((), bold=bold) for _ in range(len(pieces) - len(self._glyphs))]
        self._glyphs += new
        for n, glyph in enumerate(self._glyphs):
            if n >= len(pieces) and glyph.display:  # hidden: its drawn lines let go, drawn
                glyph.refresh()  # afresh (in the colours of then) when shown again
            glyph.display = n < len(pieces)
            if n < len(pieces):
                if glyph.bold != bold:
                    glyph.bold = bold
                    glyph.refresh()
                glyph.styles.margin = (0, 0, 0, gap if n else 0)
                glyph.set_lines(pieces[n])
        if new:
            self.mount(*new)
        for node in (self, *self.ancestors):
            if isinstance(node, Widget):  # the screen lays out at once: no frame of the old layout
                node.refresh(layout=node is self.screen)

    def _drawn(self) -> str:
        """What is drawn for the text (a subclass may shorten it)."""
        return self._text

    def render(self) -> RenderableType:
        """All the lines as Rich text (what the glyphs draw; for tests)."""
        lines = bigfont.render(self._whole, self._rows) if self._rows >= bigfont.MIN_ROWS else self._lines
        text = Text("\n".join(lines), no_wrap=True, overflow="crop", end="")
        if self._rows < bigfont.MIN_ROWS:
            text.stylize("bold")
        return text

    def render_line(self, y: int) -> Strip:
        """Around and between the glyphs: blank, in the background."""
        return Strip.blank(self.size.width, Style(bgcolor=self.own_style.bgcolor))
