"""The number that matters (reps, or seconds left), as large as its space allows.

A countdown under a minute ("0:45") is drawn as "45" where that lets the font be taller (a
narrow, tall screen: a phone); the caption says it is seconds.

Why two parts: Textual writes a changed row to the terminal from the left edge of the widget
piece it belongs to (its compositor crops a row at the right of what changed, never at the
left). Each second changes the last digit: drawn as a part of its own (`tail`), a second of
rest at 200x60 writes that digit's rows, about 2 KB; drawn as one widget it wrote each row from
the number's left edge, three times that. The glyphs before it (`head`) change every ten
seconds. Two widgets, not one a glyph: each widget, and each edge it puts on the rows of the
widgets behind it, costs memory (Textual keeps every piece it cuts a line into).
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
    """The number's glyphs before the last (and the gap after them), or its last glyph."""


class BigNumber(Lettered, RgbLines):
    DEFAULT_CSS = """
    BigNumber { width: 1fr; height: 1fr; layout: horizontal; align: center middle; }
    BigNumber > NumberPart { width: auto; height: auto; }
    """

    def __init__(self, text: str = "", *, largest: int | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._text = text
        self.largest = largest
        self._lettering = None
        self.head = NumberPart()
        self.tail = NumberPart()
        self._shape: tuple[int, int, int, bool] | None = None

    def compose(self) -> ComposeResult:
        yield self.head
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
        head = fitted.lines(0, -1)
        if head:
            head = tuple(line + " " * fitted.gap for line in head)
        tail = fitted.lines(-1) if fitted.pieces else ()
        shape = (fitted.rows, len(head[0]) if head else 0, len(tail[0]) if tail else 0, fitted.bold)
        for part in (self.head, self.tail):
            if part.bold != fitted.bold:
                part.bold = fitted.bold
                part.refresh()
        self.head.set_lines(head)
        self.tail.set_lines(tail)
        if shape != self._shape:
            self._shape = shape
            for node in (self, *self.ancestors):
                if isinstance(node, Widget):  # the screen lays out at once: no frame of the old layout
                    node.refresh(layout=node is self.screen)

    def render_line(self, y: int) -> Strip:
        """Around the parts: blank, in the background."""
        return Strip.blank(self.size.width, Style(bgcolor=self.own_style.bgcolor))
