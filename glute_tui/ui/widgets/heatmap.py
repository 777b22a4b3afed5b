"""A calendar heat map: one cell a day, Monday to Sunday down, weeks across, today marked."""

from __future__ import annotations

from datetime import date

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from glute_tui.core.stats import HEATMAP_WEEKS, heatmap_days, shade

# Glyphs carry the shade even without colour (NO_COLOR, a monochrome terminal).
GLYPHS = ("·", "░", "▒", "▓", "█")
COLOURS = ("#4b5263", "#0e7a3a", "#1f9e4a", "#2fc45e", "#5cf08a")
DAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "Sun")


class CalendarHeatmap(Widget):
    """Sets done per day over the last 26 weeks."""

    DEFAULT_CSS = """
    CalendarHeatmap { height: 8; width: auto; }
    """

    work_by_day: reactive[dict[date, int]] = reactive(dict, layout=True)
    as_of: reactive[date] = reactive(date.today)

    def render(self) -> Text:
        grid = heatmap_days(self.as_of, HEATMAP_WEEKS)
        text = Text(no_wrap=True, overflow="crop")
        text.append("    ")
        month = None
        labels = ""
        for week, monday in enumerate(grid[0]):
            if monday.month != month and week < HEATMAP_WEEKS - 1:
                month = monday.month
                name = monday.strftime("%b")
                labels = labels[: week * 2].ljust(week * 2) + name
        text.append(labels[: HEATMAP_WEEKS * 2].ljust(HEATMAP_WEEKS * 2), style="dim")
        text.append("\n")
        for row, label in zip(grid, DAY_LABELS):
            text.append(f"{label:<4}", style="dim")
            for day in row:
                if day > self.as_of:
                    text.append("  ")
                    continue
                level = shade(self.work_by_day.get(day, 0))
                style = Style(color=COLOURS[level])
                if day == self.as_of:
                    style += Style(reverse=True, bold=True)
                text.append(GLYPHS[level], style=style)
                text.append(" ")
            text.append("\n")
        text.rstrip()
        return text

    def get_content_width(self, container, viewport) -> int:
        return 4 + HEATMAP_WEEKS * 2
