"""The pain calendar: one row under the heat map, a cell per week in the same columns, marking
the weeks pain was reported and on which side (L, R, or B for both or both sides), so a sore
knee lines up with the training that came before it."""

from __future__ import annotations

from datetime import date

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive

from glute_tui.core.effort import Pain
from glute_tui.core.stats import heatmap_days, week_start
from glute_tui.ui.widgets.heatmap import CalendarColumns

PAIN_COLOUR = "#e06c75"


def week_mark(pains: list[Pain]) -> str:
    """`L`, `R` or `B` (both sides, or left and right in one week); `·` for none."""
    sides = {p.side for p in pains}
    if not sides:
        return "·"
    if "both" in sides or {"left", "right"} <= sides:
        return "B"
    return "L" if "left" in sides else "R"


class PainRow(CalendarColumns):
    """Pain reports per week over the heat map's weeks (the same columns, cut alike)."""

    DEFAULT_CSS = """
    PainRow { height: 1; width: auto; max-width: 100%; }
    """

    pain_by_day: reactive[dict[date, list[Pain]]] = reactive(dict)
    as_of: reactive[date] = reactive(date.today)

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="crop")
        text.append("Pain", style="dim")
        weeks: dict[date, list[Pain]] = {}
        for day, pains in self.pain_by_day.items():
            if day <= self.as_of:
                weeks.setdefault(week_start(day), []).extend(pains)
        for monday in heatmap_days(self.as_of, self.weeks_shown())[0]:
            mark = week_mark(weeks.get(monday, []))
            style = Style(color=PAIN_COLOUR, bold=True) if mark != "·" else Style(color="#4b5263")
            text.append(mark, style=style)
            text.append(" ")
        text.rstrip()
        return text
