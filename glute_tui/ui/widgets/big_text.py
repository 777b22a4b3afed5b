"""Text drawn as large as its space allows, in the block font of glute_tui.core.bigfont.

The widget takes the room the layout gives it (its CSS sets the size) and picks the largest
font height that fits, again on every resize. BigText (the phase's word, the leg) is one widget
whose lines are the text centred in its room (CellLines): a change repaints only the cells
that differ. The number that changes each second is BigNumber (big_number.py), drawn in
three parts for the terminal's sake.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import RenderableType
from rich.text import Text
from textual import events

from glute_tui.core import bigfont
from glute_tui.ui.widgets.cells import CellLines


@dataclass(frozen=True)
class Lettering:
    """Text fitted to a room: each glyph's lines in block letters (`gap` columns apart), or,
    below bigfont.MIN_ROWS, the plain text as one piece of one line, bold."""

    rows: int
    pieces: tuple[tuple[str, ...], ...]
    gap: int
    bold: bool

    def lines(self, first: int = 0, last: int | None = None) -> tuple[str, ...]:
        """The lines of pieces[first:last], side by side."""
        pieces = self.pieces[first:last]
        if not pieces:
            return ()
        gap = " " * self.gap
        return tuple(gap.join(piece[y] for piece in pieces) for y in range(len(pieces[0])))


def lettering(drawn: str, width: int, height: int, largest: int | None) -> Lettering:
    """`drawn` at the largest height that fits `width` x `height` (at most `largest` rows)."""
    template = "".join("0" if ch.isdigit() else ch for ch in drawn)  # digits are one width:
    fit = bigfont.best_fit(template, height, width, largest=largest)  # 0:59 to 0:00, one size
    if fit.rows >= bigfont.MIN_ROWS:
        # Glyph by glyph (each kept by the font), as bigfont.render draws the whole text; the
        # whole text of each second is not kept.
        pieces = tuple(bigfont.render(char, fit.rows) for char in drawn)
        return Lettering(fit.rows, pieces, bigfont.column_scale(fit.rows), bold=False)
    plain = ((drawn[:width],),) if drawn and fit.rows else ()  # plain letters, cut to the width
    return Lettering(fit.rows, plain, 0, bold=True)


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


class Lettered:
    """What BigText and BigNumber share: the text, refitted to the room on each change and
    resize; `_show` draws a fitted Lettering."""

    def __init__(self, text: str = "", *, largest: int | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)  # type: ignore[call-arg]  # (the widget class after it)
        self._text = text
        self.largest = largest
        self._lettering: Lettering | None = None

    @property
    def value(self) -> str:
        return self._text

    @value.setter
    def value(self, text: str) -> None:
        self.update(text)

    @property
    def rows(self) -> int:
        """The height the text is drawn at (0 before the first layout)."""
        return self._lettering.rows if self._lettering is not None else 0

    @property
    def drawn(self) -> str:
        """The text as drawn (BigNumber may draw "0:45" as "45")."""
        return self._drawn()

    @property
    def text_lines(self) -> tuple[str, ...]:
        """The text's lines as drawn, without the room around them."""
        return self._lettering.lines() if self._lettering is not None else ()

    def update(self, text: str) -> None:
        """Show `text`; only the cells that differ from what is shown are repainted."""
        if text == self._text:
            return
        self._text = text
        if self.is_mounted and self.size:  # type: ignore[attr-defined]
            self._fit()

    def on_resize(self, event: events.Resize) -> None:
        self._fit()

    def _fit(self) -> None:
        if not self.is_attached:  # type: ignore[attr-defined]  # its screen is going: nothing to draw
            return
        width, height = self.content_region.size  # type: ignore[attr-defined]
        self._lettering = lettering(self._drawn(), width, height, self.largest)
        self._show(self._lettering, width, height)

    def _show(self, fitted: Lettering, width: int, height: int) -> None:
        raise NotImplementedError

    def _drawn(self) -> str:
        """What is drawn for the text (a subclass may shorten it)."""
        return self._text

    def render(self) -> RenderableType:
        """The text's lines as Rich text, without the room around them (for tests)."""
        text = Text("\n".join(self.text_lines), no_wrap=True, overflow="crop", end="")
        if self._lettering is not None and self._lettering.bold:
            text.stylize("bold")
        return text


class BigText(Lettered, CellLines):
    """`text` in block letters, centred, as tall as fits (at most `largest` rows)."""

    DEFAULT_CSS = """
    BigText { width: 1fr; height: 1fr; }
    """

    def _show(self, fitted: Lettering, width: int, height: int) -> None:
        if fitted.bold != self.bold:
            self.bold = fitted.bold
            self.refresh()
        self.set_lines(centred(fitted.lines(), width, height))
