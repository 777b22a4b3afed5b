"""The workout's progress: its bar and its percentage, one line, one widget.

Why not Textual's ProgressBar: it is three widgets (the row, the bar, the percentage) and
four modules (its clock and ETA among them) for one line that changes every few seconds, and
it sets a one-second interval to keep an ETA the workout does not show. Each widget costs
Textual memory and a visit at every frame the changed region crosses. This line is one widget:
in a rest at 200x60 the ticking workout's peak memory was 0.24 MB lower (alternated, four
rounds). The bar is drawn by Textual's own renderable (`textual.renderables.bar.Bar`), with its
half-cell rounding, its characters, and the colours of ProgressBar's component classes.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.renderables.bar import Bar
from textual.widget import Widget

PERCENT_WIDTH = 5  # "100%" right-aligned, as ProgressBar's percentage


class ProgressLine(Widget):
    """`progress` of `total` steps: a bar over the width, and the whole percentage after it."""

    COMPONENT_CLASSES = {"bar--bar", "bar--complete"}
    DEFAULT_CSS = """
    ProgressLine {
        width: 1fr;
        height: 1;
        &> .bar--bar { color: $primary; background: $surface; }
        &> .bar--complete { color: $success; background: $surface; }
    }
    """

    fraction: reactive[float] = reactive(0.0)

    def __init__(self, total: float, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.total = total

    def update(self, *, progress: float) -> None:
        self.fraction = max(0.0, min(1.0, progress / self.total)) if self.total else 0.0

    @property
    def percent(self) -> int:
        return round(self.fraction * 100)

    def render(self) -> RenderableType:
        width = max(0, self.size.width - PERCENT_WIDTH)
        style = self.get_component_rich_style("bar--complete" if self.fraction >= 1 else "bar--bar")
        end = int(width * 2 * self.fraction) / 2  # whole half cells, down: as ProgressBar's bar
        bar = Bar(highlight_range=(0, end), highlight_style=Style.from_color(style.color),
                  background_style=Style.from_color(style.bgcolor), width=width)
        console = self.app.console
        line = Text(end="", no_wrap=True, overflow="crop")
        for piece in bar.__rich_console__(console, console.options.update_width(width)):
            line.append_text(piece)  # type: ignore[arg-type]  # (the renderable yields Text)
        line.append(f"{self.percent}%".rjust(PERCENT_WIDTH))
        return line
