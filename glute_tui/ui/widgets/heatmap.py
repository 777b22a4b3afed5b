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


LABEL_WIDTH = 4  # "Mon ", "Pain"


FULL_WIDTH = LABEL_WIDTH + HEATMAP_WEEKS * 2


def weeks_that_fit(width: int) -> int:
    """How many of the last 26 weeks a row of `width` cells shows: two cells a week (its
    glyph and a space, none after the last) after the labels. The newest weeks are kept."""
    return max(1, min(HEATMAP_WEEKS, (width - LABEL_WIDTH + 1) // 2))


class CalendarColumns(Widget):
    """The calendar's columns, shared by the heat map and the pain row under it: a label, then
    a column a week, as many of the latest weeks as the width shows."""

    def weeks_shown(self) -> int:
        return weeks_that_fit(self.size.width or FULL_WIDTH)  # (before layout: all of them)

    def get_content_width(self, container, viewport) -> int:
        return FULL_WIDTH


class CalendarHeatmap(CalendarColumns):
    """Sets done per day over the last 26 weeks (the latest of them, on a narrow screen)."""

    DEFAULT_CSS = """
    CalendarHeatmap { height: 8; width: auto; max-width: 100%; }
    """

    work_by_day: reactive[dict[date, int]] = reactive(dict, layout=True)
    as_of: reactive[date] = reactive(date.today)

    def render(self) -> Text:
        weeks = self.weeks_shown()
        grid = heatmap_days(self.as_of, weeks)
        text = Text(no_wrap=True, overflow="crop")
        text.append(" " * LABEL_WIDTH)
        month = None
        labels = ""
        for week, monday in enumerate(grid[0]):
            if monday.month != month and week < weeks - 1:
                month = monday.month
                name = monday.strftime("%b")
                labels = labels[: week * 2].ljust(week * 2) + name
        text.append(labels[: weeks * 2].ljust(weeks * 2), style="dim")
        text.append("\n")
        for row, label in zip(grid, DAY_LABELS):
            text.append(label.ljust(LABEL_WIDTH), style="dim")
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
