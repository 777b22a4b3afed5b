"""A block font that scales: text drawn with █ ▀ ▄ at any height from 3 rows up.

Why: the person follows the workout from a mat three metres away. Each glyph is a small
bitmap (5 pixels tall); a height of H rows gives 2H half-rows, and every half-row takes the
pixel row under its centre, so strokes stay within a half-row of each other at any size and
the middle of a glyph is never lost. Columns scale by a whole factor (even vertical strokes).
Pure text in, lines of text out: no terminal, no Rich, no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

PIXEL_ROWS = 5
MIN_ROWS = 3  # below this, callers show plain text

# 5 rows each; "#" is ink. Most glyphs are 3 wide, a few need 5.
_GLYPHS: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", ".##", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", ".#.", ".#.", ".#."),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    ".": (".", ".", ".", ".", "#"),
    ",": (".", ".", ".", "#", "#"),
    "!": ("#", "#", "#", ".", "#"),
    "'": ("#", "#", ".", ".", "."),
    "?": ("###", "..#", ".##", "...", ".#."),
    "-": ("...", "...", "###", "...", "..."),
    "+": ("...", ".#.", "###", ".#.", "..."),
    "/": ("..#", "..#", ".#.", "#..", "#.."),
    "·": (".", ".", "#", ".", "."),
    " ": ("..", "..", "..", "..", ".."),
    "A": ("###", "#.#", "###", "#.#", "#.#"),
    "B": ("##.", "#.#", "##.", "#.#", "##."),
    "C": ("###", "#..", "#..", "#..", "###"),
    "D": ("##.", "#.#", "#.#", "#.#", "##."),
    "E": ("###", "#..", "##.", "#..", "###"),
    "F": ("###", "#..", "##.", "#..", "#.."),
    "G": ("###", "#..", "#.#", "#.#", "###"),
    "H": ("#.#", "#.#", "###", "#.#", "#.#"),
    "I": ("###", ".#.", ".#.", ".#.", "###"),
    "J": ("..#", "..#", "..#", "#.#", "###"),
    "K": ("#.#", "#.#", "##.", "#.#", "#.#"),
    "L": ("#..", "#..", "#..", "#..", "###"),
    "M": ("#...#", "##.##", "#.#.#", "#...#", "#...#"),
    "N": ("#..#", "##.#", "#.##", "#..#", "#..#"),
    "O": ("###", "#.#", "#.#", "#.#", "###"),
    "P": ("###", "#.#", "###", "#..", "#.."),
    "Q": ("###", "#.#", "#.#", "###", "..#"),
    "R": ("###", "#.#", "##.", "#.#", "#.#"),
    "S": ("###", "#..", "###", "..#", "###"),
    "T": ("###", ".#.", ".#.", ".#.", ".#."),
    "U": ("#.#", "#.#", "#.#", "#.#", "###"),
    "V": ("#.#", "#.#", "#.#", "#.#", ".#."),
    "W": ("#...#", "#...#", "#.#.#", "##.##", "#...#"),
    "X": ("#.#", "#.#", ".#.", "#.#", "#.#"),
    "Y": ("#.#", "#.#", ".#.", ".#.", ".#."),
    "Z": ("###", "..#", ".#.", "#..", "###"),
}
UNKNOWN = "?"


def supported(char: str) -> bool:
    """Whether `char` has a glyph (letters in either case)."""
    return char.upper() in _GLYPHS


def column_scale(rows: int) -> int:
    """How many columns one pixel takes at `rows` rows: square-ish pixels (a cell is about
    twice as tall as it is wide, so a half-row is about one column)."""
    return max(1, round(2 * rows / PIXEL_ROWS))


def text_width(text: str, rows: int) -> int:
    """Columns `text` takes at `rows` rows (a pixel's gap between glyphs)."""
    if rows < MIN_ROWS:
        return len(text)
    if not text:
        return 0
    pixels = sum(len(_glyph(ch)[0]) for ch in text) + len(text) - 1
    return pixels * column_scale(rows)


def _glyph(char: str) -> tuple[str, ...]:
    return _GLYPHS.get(char.upper(), _GLYPHS[UNKNOWN])


def _pixel_rows(rows: int) -> list[int]:
    """For each of the 2*rows half-rows, the pixel row under its centre."""
    half_rows = 2 * rows
    return [min(PIXEL_ROWS - 1, int((i + 0.5) * PIXEL_ROWS / half_rows)) for i in range(half_rows)]


@lru_cache(maxsize=256)
def render(text: str, rows: int) -> tuple[str, ...]:
    """`text` as `rows` lines of block characters, all of one width (text_width).

    Below MIN_ROWS, the text itself on one line (and blank lines below it).
    """
    if rows < MIN_ROWS:
        return (text,) + ("",) * max(0, rows - 1) if rows > 0 else ()
    if not text:
        return ("",) * rows
    scale = column_scale(rows)
    bitmap = ["" for _ in range(PIXEL_ROWS)]
    for n, char in enumerate(text):
        glyph = _glyph(char)
        for y in range(PIXEL_ROWS):
            bitmap[y] += ("." if n else "") + glyph[y]
    mapping = _pixel_rows(rows)
    lines = []
    for row in range(rows):
        top, bottom = bitmap[mapping[2 * row]], bitmap[mapping[2 * row + 1]]
        cells = []
        for t, b in zip(top, bottom):
            cells.append("█" if t == "#" and b == "#" else "▀" if t == "#" else "▄" if b == "#" else " ")
        lines.append("".join(cell * scale for cell in cells))
    return tuple(lines)


@dataclass(frozen=True)
class Fit:
    rows: int
    width: int


def best_fit(text: str, max_rows: int, max_width: int, *, largest: int | None = None) -> Fit:
    """The largest height (up to `largest`) at which `text` fits `max_rows` x `max_width`;
    1 row (plain text) when even MIN_ROWS does not fit."""
    top = max_rows if largest is None else min(max_rows, largest)
    for rows in range(top, MIN_ROWS - 1, -1):
        width = text_width(text, rows)
        if width <= max_width:
            return Fit(rows, width)
    return Fit(1 if max_rows >= 1 else 0, len(text))
