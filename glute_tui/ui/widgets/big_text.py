"""Text drawn as large as its space allows, in the block font of glute_tui.core.bigfont.

The widget takes the room the layout gives it (its CSS sets the size) and picks the largest
font height that fits, again on every resize. It is one widget whose lines are the text
centred in its room (CellLines), so when the text changes only the cells that changed are
repainted: in a rest, "4:59" to "4:58" repaints part of the last digit's rows, and Textual
writes each of those rows from the run of ink or blank where the change begins.

Why one widget and not a widget per glyph: Textual draws every widget under a changed cell
and cuts each of their lines at every widget's edge on that row. Glyph widgets put ten more
edges on each of the number's rows, for every layer behind them; at 200x60 that was about
half of the workout's drawn pieces (each one kept, about 1 KB) and of a second's drawing.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import RenderableType
from rich.text import Text
from textual import events

from glute_tui.core import bigfont
from glute_tui.ui.widgets.cells import CellLines


def centred(lines: tuple[str, ...], width: int, height: int) -> tuple[str, ...]:
    """`lines` in the middle of `width` x `height`, as Textual's `align: center middle` puts a
    child (a cell left over goes right, a row down): `height` rows, each padded to the width, so
    that a text of another size is drawn over the same cells with no new layout."""
    blank = " " * width
    if not lines:
        return (blank,) * height
    left = max(0, (width - max(cell_len(line) for line in lines)) // 2)
    top = max(0, (height - len(lines)) // 2)
    rows = (blank,) * top + tuple((" " * left + line).ljust(width) for line in lines)
    return rows + (blank,) * (height - len(rows))


class BigText(CellLines):
    """`text` in block letters, centred, as tall as fits (at most `largest` rows)."""

    DEFAULT_CSS = """
    BigText { width: 1fr; height: 1fr; }
    """

    def __init__(self, text: str = "", *, largest: int | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._text = text
        self.largest = largest
        self._rows = 0  # the font height in use; 1 for plain text
        self._text_lines: tuple[str, ...] = ()  # the text's own lines, before centring

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
    def drawn(self) -> str:
        """The text as drawn (BigNumber may draw "0:45" as "45")."""
        return self._drawn()

    @property
    def text_lines(self) -> tuple[str, ...]:
        """The text's lines as drawn, without the room around them."""
        return self._text_lines

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
        if not self.is_attached:  # its screen is going (Ctrl+Q, then y): nothing to draw
            return
        width, height = self.content_region.size
        drawn = self._drawn()
        template = "".join("0" if ch.isdigit() else ch for ch in drawn)  # digits are one width:
        fit = bigfont.best_fit(template, height, width, largest=self.largest)  # 0:59 to 0:00, one size
        self._rows = fit.rows
        bold = fit.rows < bigfont.MIN_ROWS
        if not bold:
            # Glyph by glyph (each kept by the font), a pixel's gap between them, as
            # bigfont.render draws the whole text; the whole text of each second is not kept.
            pieces = [bigfont.render(char, fit.rows) for char in drawn]
            gap = " " * bigfont.column_scale(fit.rows)
            lines = tuple(gap.join(piece[y] for piece in pieces) for y in range(fit.rows)) if pieces else ()
        else:  # plain letters, bold, cut to the width
            lines = (drawn[:width],) if drawn and fit.rows else ()
        self._text_lines = lines
        if bold != self.bold:
            self.bold = bold
            self.refresh()
        self.set_lines(centred(lines, width, height))

    def _drawn(self) -> str:
        """What is drawn for the text (a subclass may shorten it)."""
        return self._text

    def render(self) -> RenderableType:
        """The text's lines as Rich text, without the room around them (for tests)."""
        text = Text("\n".join(self._text_lines), no_wrap=True, overflow="crop", end="")
        if self.bold:
            text.stylize("bold")
        return text
