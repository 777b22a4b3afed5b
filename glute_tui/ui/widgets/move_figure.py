"""The drawing of the move under way: one frame of its figure, redrawn only where the frame changes.

Unicode frames on a Unicode terminal, the figure's own ASCII frames otherwise (the ASCII driver
would turn slanted lines into '?'). Every frame of a figure has one size, so a change of frame
repaints only the cells that differ between the two frames (CellLines), never a new layout of
the screen.
"""

from __future__ import annotations

from glute_tui.core.figures import Figure
from glute_tui.ui.ascii_output import unicode_terminal
from glute_tui.ui.widgets.cells import CellLines

FIGURE_MIN_SCREEN = (80, 24)  # below this the figure is hidden: the number keeps its room


class MoveFigure(CellLines):
    def __init__(self, *, unicode: bool | None = None, id: str | None = None) -> None:
        super().__init__((), id=id)
        self.unicode = unicode_terminal() if unicode is None else unicode
        self.figure: Figure | None = None
        self.frame = -1

    def show(self, figure: Figure | None, frame: int) -> None:
        """Draw `frame` of `figure` (None: nothing); nothing happens when it is already shown."""
        if figure is self.figure and frame == self.frame:
            return
        self.figure, self.frame = figure, frame
        if figure is None:
            self.set_lines(())
            return
        frames = figure.frames(self.unicode)
        self.set_lines(tuple(frames[min(frame, len(frames) - 1)]))

    def frame_text(self) -> str:
        """The lines shown, for tests."""
        return "\n".join(self.lines)
