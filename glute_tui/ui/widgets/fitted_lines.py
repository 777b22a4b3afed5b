"""Lines that say less rather than be cut: each is shown with its optional tail when both fit
the widget's width, without it when not. Fitted when drawn, so a resize needs nothing more."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static


def fitted(line: Content, more: Content, room: int) -> Content:
    """`line` with `more` when both fit in `room` cells (or the room is not known yet)."""
    both = line + more
    return both if room <= 0 or both.cell_length <= room else line


class FittedLines(Static):
    """Beside History's calendar: its rows hold the lines, so a line may not wrap either."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes)
        self._lines: tuple[tuple[Content, Content], ...] = ()

    def show(self, lines: Sequence[Content | tuple[Content, Content]]) -> None:
        """Each line, or (line, what it may leave out)."""
        self._lines = tuple(line if isinstance(line, tuple) else (line, Content("")) for line in lines)
        self.refresh(layout=True)

    def render(self) -> Content:
        room = self.content_region.width
        return Content("\n").join(fitted(line, more, room) for line, more in self._lines)
