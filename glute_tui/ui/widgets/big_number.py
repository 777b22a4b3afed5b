"""The number that matters (reps, or seconds left), as large as its space allows.

A countdown under a minute ("0:45") is drawn as "45" where that lets the font be taller (a
narrow, tall screen: a phone); the caption says it is seconds.

Why three parts: Textual writes a changed row to the terminal from the left edge of the widget
piece it belongs to (its compositor crops a row at the right of what changed, never at the
left). Each second changes the last digit, each ten seconds the one before it: drawn as parts
of their own (`tail`, `tens`), a second of rest at 200x60 writes the last digit's rows, about
2 KB; drawn as one widget it wrote each row from the number's left edge, three times that. The
glyphs before them (`head`: the minutes and the colon) change once a minute. Three widgets, not
one a glyph: each widget, and each edge it puts on the rows of the widgets behind it, costs
memory (Textual keeps every piece it cuts a line into).
"""

from __future__ import annotations

import re

from rich.style import Style
from textual.app import ComposeResult
from textual.strip import Strip
from textual.widget import Widget

from glute_tui.core import bigfont
from glute_tui.ui.widgets.big_text import Lettered, Lettering
from glute_tui.ui.widgets.cells import CellLines
from glute_tui.ui.widgets.truecolor import RgbLines

_UNDER_A_MINUTE = re.compile(r"0:(\d\d)")


class NumberPart(CellLines):
    """One part of the number: its last glyph, the one before it, or the glyphs before those
    (each but the last with the gap after it)."""


class BigNumber(Lettered, RgbLines):
    DEFAULT_CSS = """
    BigNumber { width: 1fr; height: 1fr; layout: horizontal; align: center middle; }
    BigNumber > NumberPart { width: auto; height: auto; }
    """

    def __init__(self, text: str = "", *, largest: int | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(text, largest=largest, id=id, classes=classes)
        self.head, self.tens, self.tail = NumberPart(), NumberPart(), NumberPart()
        self._shape: tuple[int, ...] | None = None
        self._parts_drawn: list[tuple | None] = [None, None, None]  # what each part shows

    def compose(self) -> ComposeResult:
        yield self.head
        yield self.tens
        yield self.tail

    def _drawn(self) -> str:
        short = _UNDER_A_MINUTE.fullmatch(self._text)
        if short is None:
            return self._text
        width, height = self.content_region.size
        full = bigfont.best_fit("0:00", height, width, largest=self.largest).rows
        seconds = bigfont.best_fit("00", height, width, largest=self.largest).rows
        return short.group(1) if seconds > full else self._text

    def _show(self, fitted: Lettering, width: int, height: int) -> None:
        """Each part in place when the shape is the same (only the changed cells repaint), or
        laid out again: then the widgets behind the number (this one up to the screen) are
        drawn again too, in the same frame. Textual keeps each line they drew cut at every edge
        of every layout it was drawn in (up to four); drawn again, only the new layout's pieces
        are kept."""
        count = len(fitted.pieces)
        edges = (0, max(0, count - 2), max(0, count - 1), count)  # head | tens | tail
        shape = [fitted.rows, fitted.bold]
        for n, (part, first, last) in enumerate(zip((self.head, self.tens, self.tail), edges, edges[1:])):
            # its glyphs (the font's own objects) and gap: the same as shown, nothing to draw
            drawn = (fitted.pieces[first:last], fitted.gap if last < count else 0, fitted.bold)
            if drawn != self._parts_drawn[n]:
                self._parts_drawn[n] = drawn
                self._draw_part(part, fitted, first, last)
            shape.append(len(part.lines[0]) if part.lines else 0)
        if tuple(shape) != self._shape:
            self._shape = tuple(shape)
            for node in (self, *self.ancestors):
                if isinstance(node, Widget):  # the screen lays out at once: no frame of the old layout
                    node.refresh(layout=node is self.screen)

    @staticmethod
    def _draw_part(part: NumberPart, fitted: Lettering, first: int, last: int) -> None:
        lines = fitted.lines(first, last)
        if lines and last < len(fitted.pieces):  # a pixel's gap before the next part
            lines = tuple(line + " " * fitted.gap for line in lines)
        if part.bold != fitted.bold:
            part.bold = fitted.bold
            part.refresh()
        part.set_lines(lines)

    def render_line(self, y: int) -> Strip:
        """Around the parts: blank, in the background."""
        return Strip.blank(self.size.width, Style(bgcolor=self.own_style.bgcolor))
