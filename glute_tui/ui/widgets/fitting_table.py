"""A table whose columns fit its width: whole words and whole numbers at any size.

It keeps every row's cells as given and, whenever its width or its rows change, asks
`core.columns.fit_columns` which columns to show and how wide: a low-priority column is dropped
before any is shortened, a name is shortened only at a word boundary ("Side-lying straight-leg…"),
a number never (issue 24, finding 7: "comp", "stoppe", Reps "8" for 89). `row_cells` gives a
row's cells whole, the dropped columns' too.
"""

from __future__ import annotations

from typing import Any, Iterable, Sequence

from rich.text import Text
from textual import events
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from glute_tui.core.columns import Column, cell_width, fit_columns, min_width, shorten
from glute_tui.ui.widgets.plain_table import PlainTable, _plain


def _text(value: Any) -> Text:
    cell = _plain(value)
    return cell if isinstance(cell, Text) else Text(str(cell))


LONG_WORD = 24  # cells: a first word longer than this (a pasted id, a hostile name) may be cut
COMFORT = 30  # cells: every built-in name whole; a longer one is shortened before a column goes


class FittingTable(PlainTable):
    DEFAULT_CSS = """
    FittingTable { width: 1fr; }
    """

    def __init__(self, columns: Sequence[Column], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.spec = tuple(columns)
        self._cells: list[tuple[Text, ...]] = []
        self._natural = [cell_width(c.label) for c in self.spec]
        self._floors = list(self._natural)
        self._widths: list[int | None] | None = None  # as shown now (None before the first fit)

    # --- what the screens call -------------------------------------------------------------
    def set_rows(self, rows: Iterable[Sequence[Any]]) -> None:
        """Every row anew (the cursor stays on its row number)."""
        self._cells = []
        self._natural = [cell_width(c.label) for c in self.spec]
        self._floors = list(self._natural)
        self._take([tuple(_text(c) for c in row) for row in rows])
        self._show_all()

    def add_rows(self, rows: Iterable[Iterable[Any]]) -> list[Any]:
        """Rows added at the end; the columns fit again when one is wider than they are."""
        new = [tuple(_text(c) for c in row) for row in rows]
        self._take(new)
        if self._widths is None or self._fit() != self._widths:
            self._show_all()
            return []
        return [self._put(cells) for cells in new]

    def add_row(self, *cells: Any, **kwargs: Any) -> Any:
        keys = self.add_rows([cells])
        return keys[0] if keys else None

    def clear(self, columns: bool = False) -> "FittingTable":
        """The rows go; the columns are the table's own (`columns` is ignored)."""
        self._cells = []
        self._natural = [cell_width(c.label) for c in self.spec]
        self._floors = list(self._natural)
        super().clear()
        return self

    def row_cells(self, index: int) -> dict[str, str]:
        """Row `index` whole, by column label, the dropped columns' cells included."""
        return {column.label: cell.plain for column, cell in zip(self.spec, self._cells[index])}

    @property
    def shown_labels(self) -> list[str]:
        """The labels of the columns shown now, in order."""
        widths = self._widths or self._natural
        return [c.label for c, w in zip(self.spec, widths) if w is not None]

    # --- fitting --------------------------------------------------------------------------
    def on_resize(self, event: events.Resize) -> None:
        if self._fit() != self._widths:
            self._show_all()
        else:
            # DataTable drops its rows' cached look on a resize (their stripes run to the edge)
            # but may have painted the new size from that cache already: paint it again.
            self.refresh()

    def _take(self, rows: list[tuple[Text, ...]]) -> None:
        for cells in rows:
            assert len(cells) == len(self.spec), "a row has one cell per column"
            self._cells.append(cells)
            for i, (column, cell) in enumerate(zip(self.spec, cells)):
                size = cell_width(cell.plain)
                if size > self._natural[i]:
                    self._natural[i] = size
                # a name may go down to its first word (a word longer than LONG_WORD is cut)
                floor = min(min_width(cell.plain), LONG_WORD) if column.shorten else size
                if floor > self._floors[i]:
                    self._floors[i] = floor

    def _fit(self) -> list[int | None]:
        if self.size.width <= 0:  # not laid out yet: as wide as the cells; fitted on the first resize
            return list(self._natural)
        lines = len(self._cells) + (1 if self.show_header else 0)
        scrollbar = self.styles.scrollbar_size_vertical if lines > self.size.height else 0
        width = self.size.width - scrollbar
        return fit_columns(self._natural, [c.priority for c in self.spec], width,
                           min_widths=[max(f, cell_width(c.label)) for f, c in zip(self._floors, self.spec)],
                           pad=2 * self.cell_padding, comfort=COMFORT)

    def _shown(self, cells: tuple[Text, ...]) -> list[Text]:
        assert self._widths is not None
        shown = []
        for column, cell, width in zip(self.spec, cells, self._widths):
            if width is None:
                continue
            if column.shorten and cell_width(cell.plain) > width:
                cell = Text(shorten(cell.plain, width), style=cell.style)
            shown.append(cell)
        return shown

    def _put(self, cells: tuple[Text, ...]) -> Any:
        return DataTable.add_row(self, *self._shown(cells))

    def _show_all(self) -> None:
        self._widths = self._fit()
        row, scroll_y = self.cursor_coordinate.row, self.scroll_y
        super().clear(columns=True)
        for column, width in zip(self.spec, self._widths):
            if width is not None:
                PlainTable.add_column(self, column.label, width=width, key=column.key or None)
        for cells in self._cells:
            self._put(cells)
        if self._cells:
            self.cursor_coordinate = Coordinate(min(row, len(self._cells) - 1), 0)
            self.scroll_y = scroll_y
