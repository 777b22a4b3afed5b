"""Lines of one style that repaint only the rows that changed, and on a row only up to its last
changed cell.

Why: Textual writes a changed widget to the terminal from the widget's left edge to the end of
the changed region, line by line (its compositor crops a widget's line at the right of what
changed, never at the left). A widget that refreshes itself whole each second writes every row
it covers; one that marks only its changed cells writes those rows, and only as far as the last
cell that differs. The big number is three of these: its last digit, the one before it, and
the rest (a digit that did not change is not written at all); the phase's word, the clock line
and the move's figure are one each. Ink ("█") is drawn as a space on its colour where colour shows
(`line_strip`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len
from rich.console import RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.strip import Strip

from glute_tui.ui.widgets.truecolor import RgbLines


def changed_cells(old: str, new: str) -> tuple[int, int] | None:
    """The first and last column (inclusive) where two lines of one-cell characters differ."""
    if old == new:
        return None
    width = max(len(old), len(new))
    old, new = old.ljust(width), new.ljust(width)
    if old == new:  # (they differed only in trailing blanks)
        return None
    return _first_difference(old, new), width - 1 - _first_difference(old[::-1], new[::-1])


def _first_difference(old: str, new: str) -> int:
    """The first index where two different strings of one length differ, found by halving:
    slices compare at C speed, and a line of the big number is 200 characters at 200x60, each
    second."""
    low, high = 0, len(old) - 1  # the first difference is in [low, high]
    while low < high:
        middle = (low + high) // 2
        if old[low:middle + 1] == new[low:middle + 1]:
            low = middle + 1
        else:
            high = middle
    return low


@dataclass(frozen=True)
class Shape:
    """What set_lines needs to know of a set of lines, worked out once for each set."""

    size: Size
    one_cell: bool  # every character one cell wide: columns are string indexes

    @classmethod
    def of(cls, lines: tuple[str, ...]) -> Shape:
        widths = [cell_len(line) for line in lines]
        return cls(Size(max(widths, default=0), len(lines)),
                   all(map(int.__eq__, widths, map(len, lines))))


def changed_regions(old: tuple[str, ...], new: tuple[str, ...]) -> list[Region]:
    """The cells that differ between two sets of lines of one-cell characters, a region for
    each run of rows whose changed cells span the same columns (a stroke of a big digit is many
    alike rows: a changed digit is a few regions, not 30)."""
    runs: list[list[int]] = []  # [x, y, width, height]
    for y, (before, after) in enumerate(zip(old, new)):
        if (span := changed_cells(before, after)) is None:
            continue
        x, width = span[0], span[1] - span[0] + 1
        last = runs[-1] if runs else None
        if last is not None and last[0] == x and last[2] == width and last[1] + last[3] == y:
            last[3] += 1
        else:
            runs.append([x, y, width, 1])
    return [Region(*run) for run in runs]


class CellLines(RgbLines):
    """Lines of text in the widget's own style (bold if asked), from the left edge, each
    padded to the width with spaces of the same style.

    `set_lines(lines)` repaints only the cells that differ from what is shown (lines of one-cell
    characters; anything else is repainted whole), and lays the widget out again only when
    the lines' size changes.
    """

    DEFAULT_CSS = """
    CellLines { width: auto; height: auto; }
    """

    def __init__(self, lines: tuple[str, ...] = (), *, bold: bool = False, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._lines = lines
        self._shape = Shape.of(lines)
        self.bold = bold

    @property
    def lines(self) -> tuple[str, ...]:
        return self._lines

    def set_lines(self, lines: tuple[str, ...]) -> None:
        """Show `lines`: only the changed cells of the changed rows are repainted."""
        old, self._lines = self._lines, lines
        if old == lines:
            return
        before, self._shape = self._shape, Shape.of(lines)
        if before.size != self._shape.size:
            self.refresh(layout=True)
        elif not (before.one_cell and self._shape.one_cell):
            self.refresh()
        elif changed := changed_regions(old, lines):
            self.refresh(*changed)  # one call: a changed digit is 30 rows

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self._shape.size.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines)

    def render(self) -> RenderableType:
        """The lines as Rich text (what render_line draws; for tests)."""
        return Text("\n".join(self._lines), no_wrap=True, overflow="crop", end="",
                    style="bold" if self.bold else "")

    def render_line(self, y: int) -> Strip:
        line = self._lines[y] if 0 <= y < len(self._lines) else ""
        style = self.own_style
        if self.bold:
            style += Style(bold=True)
        solid_ink = INK in line and self._colour_shows()
        return line_strip(line, self.content_region.width, style, solid_ink)

    def _colour_shows(self) -> bool:
        app = self.app
        return app.console.color_system is not None and not (app.no_color and app.native_ansi_color)


INK = "█"


@lru_cache(maxsize=128)
def line_strip(line: str, width: int, style: Style, solid_ink: bool = False) -> Strip:
    """`line` in `style`, padded or cut to `width`. Made once: the rows of a big glyph repeat
    (a stroke is many identical rows), and a digit comes back every ten seconds.

    `solid_ink`: a full block is drawn as a space on the ink's colour, one byte a cell written
    to the terminal instead of the three of "█" (a changed digit of a rest at 200x60 is about 30
    rows of them each second), and rows of ink meet without the hairline some fonts leave under
    "█". A run of ink or of blanks then sets only its background; anything else (a half block)
    keeps both colours. Where no colour shows (NO_COLOR read with the terminal's own colours, a
    terminal without colours) the caller leaves it off: the block is the only way ink shows. So
    does an ink of the terminal's default colour (the ANSI themes' text): as a background it is
    the terminal's own background, and the ink would not show.
    """
    if not solid_ink or style.color is None or style.color.is_default:
        return Strip([Segment(line, style)]).crop_extend(0, width, style)
    plain = {INK: Style(bgcolor=style.color), " ": Style(bgcolor=style.bgcolor)}
    segments = [Segment(" " * len(run), plain[run[0]]) if run[0] in plain else Segment(run, style)
                for run in _runs(line[:width].ljust(width))]
    return Strip(segments, width)


_RUNS = re.compile(f"{INK}+| +|[^{INK} ]+")


def _runs(line: str) -> list[str]:
    """`line` cut into runs of ink, of blanks, and of anything else: "██  ▀▄█" ->
    ["██", "  ", "▀▄", "█"]."""
    return _RUNS.findall(line)
