"""Equal lines of a widget handed to the compositor as one line object.

Why: Textual's compositor cuts each line a widget hands it at the edges of every widget in front
of it, and keeps the pieces in a cache on that line object (`Strip.divide`), each piece a Strip
with seven small caches of its own (about 1.2 KB). A background (the screen's, a row of the
layout's) is the same blank line on every row, yet each row is a line object of its own: at
200x60 the ticking workout kept about 600 of these pieces, cut from rows that are all alike.
Handed over as one object, a line is cut once for each set of edges and the pieces are shared.
"""

from __future__ import annotations

from textual.geometry import Region
from textual.strip import Strip


def shared_lines(lines: list[Strip]) -> list[Strip]:
    """`lines`, each line equal to an earlier one replaced by that earlier object."""
    first: dict[tuple, Strip] = {}
    keep = first.setdefault
    return [keep(tuple(line), line) for line in lines]


class SharesEqualLines:
    """Mixed into a widget (or a screen) whose rows are often alike: a background, blank rows
    around a big digit. Only lines of one drawing are shared, so nothing drawn earlier is kept."""

    def render_lines(self, crop: Region) -> list[Strip]:
        return shared_lines(super().render_lines(crop))  # type: ignore[misc]
