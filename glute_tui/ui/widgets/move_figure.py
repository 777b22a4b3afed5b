"""The drawing of the move under way: one frame of its figure, redrawn only when the frame changes.

Unicode frames on a Unicode terminal, the figure's own ASCII frames otherwise (the ASCII driver
would turn slanted lines into '?'). Every frame of a figure has one size, so a change of frame
is a repaint of this widget alone, never a new layout of the screen.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from glute_tui.core.figures import Figure
from glute_tui.ui.ascii_output import unicode_terminal

FIGURE_MIN_SCREEN = (80, 24)  # below this the figure is hidden: the number keeps its room


class MoveFigure(Static):
    def __init__(self, *, unicode: bool | None = None, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.unicode = unicode_terminal() if unicode is None else unicode
        self.figure: Figure | None = None
        self.frame = -1

    def show(self, figure: Figure | None, frame: int) -> None:
        """Draw `frame` of `figure` (None: nothing); nothing happens when it is already shown."""
        if figure is self.figure and frame == self.frame:
            return
        same_size = self.figure is not None and figure is not None and self.figure.size == figure.size
        self.figure, self.frame = figure, frame
        if figure is None:
            self.update("")
            return
        frames = figure.frames(self.unicode)
        lines = frames[min(frame, len(frames) - 1)]
        self.update(Text("\n".join(lines), no_wrap=True, overflow="crop"), layout=not same_size)

    def frame_text(self) -> str:
        """The lines shown, for tests."""
        if self.figure is None:
            return ""
        frames = self.figure.frames(self.unicode)
        return "\n".join(frames[min(self.frame, len(frames) - 1)])
