"""Equal lines of a widget handed to the compositor as one line object.

Why: Textual's compositor cuts each line a widget hands it at the edges of every widget in front
of it, and keeps the pieces in a cache on that line object (`Strip.divide`), each piece a Strip
with seven small caches of its own (about 1.2 KB). A background (the screen's, a row of the
layout's) is the same blank line on every row, yet each row is a line object of its own: at
200x60 the ticking workout kept about 600 of these pieces, cut from rows that are all alike.
Handed over as one object, a line is cut once for each set of edges and the pieces are shared.
"""

from __future__ import annotations

from operator import is_

from textual.geometry import Region
from textual.strip import Strip


def shared_lines(lines: list[Strip]) -> list[Strip]:
    """`lines`, each line equal to an earlier one replaced by that earlier object."""
    first: dict[tuple, Strip] = {}
    keep = first.setdefault
    return [keep(tuple(line), line) for line in lines]


class SharesEqualLines:
    """Mixed into a widget (or a screen) whose rows are often alike: a background, blank rows
    around a big digit. Only lines of one drawing are shared, so nothing drawn earlier is kept.

    Textual asks for the lines of every widget the changed region crosses at each frame, and
    mostly hands back the same line objects from its cache: then the last answer is given
    again, found by identity (a look at each line, not at each of its segments)."""

    _shared: tuple[list[Strip], list[Strip]] | None = None  # (lines drawn, as handed over)

    def render_lines(self, crop: Region) -> list[Strip]:
        lines = super().render_lines(crop)  # type: ignore[misc]
        kept = self._shared
        if kept is not None and len(kept[0]) == len(lines) and all(map(is_, kept[0], lines)):
            return kept[1]
        self._shared = (lines, shared_lines(lines))
        return self._shared[1]
