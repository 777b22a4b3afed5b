"""The number that matters (reps, or seconds left), as big as the terminal allows.

At 80x24 it uses Textual's 3-row Digits; on a large terminal a 5-row block font, readable
from the floor across the room.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.renderables.digits import Digits as DigitsRenderable
from textual.widget import Widget

FONT = {
    "0": ["█████", "█   █", "█   █", "█   █", "█████"],
    "1": ["  ██ ", "   █ ", "   █ ", "   █ ", "  ███"],
    "2": ["█████", "    █", "█████", "█    ", "█████"],
    "3": ["█████", "    █", " ████", "    █", "█████"],
    "4": ["█   █", "█   █", "█████", "    █", "    █"],
    "5": ["█████", "█    ", "█████", "    █", "█████"],
    "6": ["█████", "█    ", "█████", "█   █", "█████"],
    "7": ["█████", "    █", "   █ ", "  █  ", "  █  "],
    "8": ["█████", "█   █", "█████", "█   █", "█████"],
    "9": ["█████", "█   █", "█████", "    █", "█████"],
    ":": ["   ", " █ ", "   ", " █ ", "   "],
    " ": ["  ", "  ", "  ", "  ", "  "],
}
LARGE_ROWS = 5


def block_text(value: str) -> str:
    glyphs = [FONT.get(ch, FONT[" "]) for ch in value]
    return "\n".join(" ".join(glyph[row] for glyph in glyphs) for row in range(LARGE_ROWS))


class BigNumber(Widget):
    DEFAULT_CSS = """
    BigNumber { width: auto; height: 3; }
    BigNumber.-large { height: 5; }
    """

    value: reactive[str] = reactive("")
    large: reactive[bool] = reactive(False, layout=True)

    def watch_value(self, old: str, new: str) -> None:
        """A new width needs a layout; "0:45" to "0:44" only a repaint (cheap, every second)."""
        self.refresh(layout=len(old) != len(new))

    def watch_large(self, large: bool) -> None:
        self.set_class(large, "-large")

    def render(self) -> RenderableType:
        if self.large:
            return Text(block_text(self.value), no_wrap=True)
        return DigitsRenderable(self.value)

    def get_content_width(self, container, viewport) -> int:
        if self.large:
            return max((len(line) for line in block_text(self.value).split("\n")), default=0)
        return sum(3 if ch in "0123456789:" else 1 for ch in self.value)
