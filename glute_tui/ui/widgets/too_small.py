"""A plain message in place of a broken layout when the terminal is too small."""

from __future__ import annotations

from textual.widgets import Static

MIN_WIDTH, MIN_HEIGHT = 60, 18  # below this, a plain message instead of a broken layout
PORTRAIT_MIN = (40, 30)  # narrower is fine when tall enough: a phone, everything stacked
LANDSCAPE_MIN = (90, 16)  # shorter is fine when wide enough: a phone on its side (95x17 in a browser)


def too_small(width: int, height: int) -> bool:
    """Whether the screens cannot be laid out at this size (a phone's 44x60 can, and 95x17 on
    its side)."""
    return not any(width >= w and height >= h
                   for w, h in ((MIN_WIDTH, MIN_HEIGHT), PORTRAIT_MIN, LANDSCAPE_MIN))


class TooSmall(Static):
    """Shown over the screen (by the app's `-too-small` class) until the terminal grows."""

    def __init__(self, then: str = "Make the window larger.") -> None:
        """`then`: what to do, and what goes on meanwhile, on this screen."""
        super().__init__("", id="too-small")
        self.then = then

    def on_mount(self) -> None:
        self.update(self._message())

    def on_resize(self) -> None:
        self.update(self._message())

    def _message(self) -> str:
        size = self.app.size
        return (f"Terminal too small: {size.width}×{size.height}.\n"
                f"glute-tui needs {MIN_WIDTH}×{MIN_HEIGHT} "
                f"(or {PORTRAIT_MIN[0]}×{PORTRAIT_MIN[1]} upright, "
                f"{LANDSCAPE_MIN[0]}×{LANDSCAPE_MIN[1]} on its side).\n{self.then}")
