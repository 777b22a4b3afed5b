"""A routine's targets as a plain table: Home shows it, nobody moves a cursor in it.

A DataTable would do, at a cost Home pays on every start (its module, its styles, its first
render: about 15 ms of a first frame); a Rich table in a Static is all that is needed here.
"""

from __future__ import annotations

from rich.table import Table
from textual.reactive import reactive
from textual.widgets import Static

from glute_tui.ui.plain import plain_text

COLUMNS = ("Exercise", "Sets × reps", "Rest", "Load")
NARROW = 52  # below this width, the load goes into the target and a long name wraps


class TargetsTable(Static):
    COMPONENT_CLASSES = {"targets-table--header", "targets-table--stripe"}
    DEFAULT_CSS = """
    TargetsTable { height: auto; }
    TargetsTable > .targets-table--header { text-style: bold; background: $panel; }
    TargetsTable > .targets-table--stripe { background: $surface-darken-1 40%; }
    """

    rows: reactive[tuple[tuple[str, ...], ...]] = reactive((), layout=True)

    def render(self) -> Table:
        table = Table(box=None, show_edge=False, pad_edge=False, padding=(0, 2, 0, 0),
                      header_style=self.get_component_rich_style("targets-table--header"),
                      row_styles=["", self.get_component_rich_style("targets-table--stripe")])
        narrow = self.size.width and self.size.width < NARROW
        columns = COLUMNS[:3] if narrow else COLUMNS
        for name in columns:  # a long name wraps rather than cut a column (Side-lying straight-…)
            table.add_column(name, no_wrap=name != "Exercise", overflow="fold" if name == "Exercise" else "ellipsis",
                             ratio=1 if name == "Exercise" else None)
        for row in self.rows:
            if narrow and len(row) == 4:
                name, target, rest, load = row
                row = (name, target if load == "body weight" else f"{target} · {load}", rest)
            table.add_row(*map(plain_text, row))  # names from files: never markup
        return table
