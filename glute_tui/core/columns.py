"""Table columns that fit a width: whole words and whole numbers at 60, 80 or 120 columns.

A table narrower than its cells used to cut them wherever the width ran out: "comp" for
completed, "stoppe", Reps "8" for 89, "Targe", "not m" (issue 24, finding 7). The rule here:

1. Every column at its natural width (its widest cell, its label included) when all fit.
2. Otherwise (a name longer than `comfort` first held to it, at a word boundary) drop columns,
   the lowest priority first (the rightmost first among equals), until
   the rest fit; a column of priority `KEEP` is never dropped. A column dropped on the way
   that fits in the room left at the end comes back (the highest priority first), and a name
   held to `comfort` gets back what room is still left.
3. Only when the kept columns still do not fit, narrow the columns that may be shortened (a
   name), never below their `min_width`; a cell is then shortened at a word boundary with "…"
   (`shorten`). A number is never shortened: its column is not shortenable, so it is dropped
   whole or shown whole.

Widths are terminal cells: a CJK character or an emoji takes two, a combining mark none
(`cell_width`), so a shortened name never splits a wide character or leaves a mark behind.
This module is plain Python (the UI measures nothing itself: it asks here).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

KEEP = 1_000  # a column's priority when it must never be dropped
ELLIPSIS = "…"


@dataclass(frozen=True)
class Column:
    """One column of a table: its label, how long it stays (`priority`, higher stays longer,
    `KEEP` always), and whether its cells may be shortened at a word boundary (`shorten`)."""

    label: str
    priority: int = KEEP
    shorten: bool = False
    key: str = ""
    justify: str = "left"  # "left" | "right": a column of numbers lines up on the right
    group: str = ""  # columns of one group are shown together or not at all (left and right)


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """Cells a character takes on a terminal: 0 for combining marks, zero-width joiners and
    variation selectors, 2 for wide (East Asian wide or fullwidth, most emoji), else 1."""
    if unicodedata.combining(char) or char in "\u200b\u200c\u200d\u2060\ufeff\ufe0e\ufe0f":
        return 0
    code = ord(char)
    if code < 32 or 0x7F <= code < 0xA0:
        return 0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 2
    return 1


def cell_width(text: str) -> int:
    """Cells `text` takes on a terminal, cluster by cluster (see `clusters`): a cluster is as
    wide as its first character, or two cells when a variation selector 16 asks for an emoji."""
    if text.isascii():
        return sum(1 for c in text if " " <= c <= "~")
    return sum(_cluster_width(c) for c in clusters(text))


def _cluster_width(cluster: str) -> int:
    first = char_width(cluster[0])
    return 2 if first == 1 and "\ufe0f" in cluster else first


_JOINED = frozenset("\u200d\ufe0e\ufe0f") | frozenset(map(chr, range(0x1F3FB, 0x1F400)))  # skin tones


def clusters(text: str) -> list[str]:
    """`text` as the clusters a cut may fall between: a character with the combining marks,
    variation selectors and skin tones that follow it, and what a zero-width joiner joins to it
    (the family emoji is one cluster)."""
    found: list[str] = []
    join = False
    for char in text:
        if found and (join or char in _JOINED or unicodedata.combining(char)):
            found[-1] += char
        else:
            found.append(char)
        join = char == "\u200d"
    return found


def cut(text: str, width: int) -> str:
    """`text` cut to `width` cells with "…" at its end, between whole clusters (a last resort,
    for one word longer than a column can ever be)."""
    if cell_width(text) <= width:
        return text
    if width <= 0:
        return ""
    out, used = "", cell_width(ELLIPSIS)
    for cluster in clusters(text):
        size = _cluster_width(cluster)
        if used + size > width:
            break
        out += cluster
        used += size
    return out.rstrip() + ELLIPSIS


def shorten(text: str, width: int) -> str:
    """`text` in `width` cells: as it is when it fits, else its first words with "…", never a
    word cut (a word longer than the whole width is cut, as `cut` does, for want of any other
    way)."""
    if cell_width(text) <= width:
        return text
    words = text.split(" ")
    kept = ""
    for word in words:
        longer = f"{kept} {word}" if kept else word
        if cell_width(longer.rstrip(" ,;:·-–—/") + ELLIPSIS) > width:
            break
        kept = longer
    kept = kept.rstrip(" ,;:·-–—/")
    if not kept:
        return cut(text, width)
    return kept + ELLIPSIS


def min_width(text: str) -> int:
    """The narrowest `shorten` makes `text` without cutting a word: its first word and "…"
    (the whole text when it is one word)."""
    first = text.split(" ", 1)[0].rstrip(" ,;:·-–—/")
    if first == text:
        return cell_width(text)
    return min(cell_width(text), cell_width(first) + cell_width(ELLIPSIS))


def fit_columns(widths: Sequence[int], priorities: Sequence[int], width: int, *,
                min_widths: Sequence[int] | None = None, pad: int = 2,
                comfort: int | None = None) -> list[int | None]:
    """The width of each column in a table `width` cells wide (None: the column is dropped),
    by the module's rule. `widths`: each column's natural width; `min_widths`: how narrow each
    may be shortened (its natural width when it may not be); `pad`: the cells each column
    takes besides its text (a DataTable's padding); `comfort`: when not all fits, a name wider
    than this is shortened (at a word) before any column is dropped for it, so that one long
    name does not take the reps and the time from every row; it gets back what is left over."""
    count = len(widths)
    assert len(priorities) == count and (min_widths is None or len(min_widths) == count)
    floors = list(min_widths) if min_widths is not None else list(widths)
    floors = [min(f, w) for f, w in zip(floors, widths)]
    kept = list(range(count))

    def needed(columns: list[int], sizes: Sequence[int]) -> int:
        return sum(sizes[i] + pad for i in columns)

    if needed(kept, widths) <= width:
        return list(widths)
    base = list(widths)
    if comfort is not None:
        base = [min(w, max(comfort, f)) for w, f in zip(widths, floors)]
    # Drop the lowest priority first; among equals, the rightmost.
    order = sorted((i for i in kept if priorities[i] < KEEP), key=lambda i: (priorities[i], -i))
    dropped = []
    for column in order:
        if needed(kept, base) <= width:
            break
        kept.remove(column)
        dropped.append(column)
    for column in reversed(dropped):  # one dropped for a wider one may fit again in what is left
        if needed(sorted([*kept, column]), base) <= width:
            kept = sorted([*kept, column])
    sizes = list(base)
    spare = width - needed(kept, sizes)
    for i in kept:  # a name held to `comfort` gets back what is left over
        grow = min(spare, widths[i] - sizes[i])
        if grow > 0:
            sizes[i] += grow
            spare -= grow
    over = needed(kept, sizes) - width
    while over > 0:  # still too wide: narrow what may be shortened, the widest first
        room = [i for i in kept if sizes[i] > floors[i]]
        if not room:
            break
        widest = max(room, key=lambda i: (sizes[i], -i))
        others = [sizes[i] for i in room if i != widest]
        target = max([floors[widest], max(others, default=0), sizes[widest] - over])
        if target >= sizes[widest]:
            target = sizes[widest] - 1
        over -= sizes[widest] - target
        sizes[widest] = target
    return [sizes[i] if i in kept else None for i in range(count)]
