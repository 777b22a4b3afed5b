"""A DataTable that shows its labels and cells as written.

DataTable reads a str as Rich markup with emoji codes. Our cells hold names people type (a
routine called "Legs [easy]" would lose its brackets), and the first emoji lookup loads Rich's
table of every emoji name: about 2 MB for the rest of the workout, for nothing. Control
characters in a cell (an ESC in an imported session's name) are shown as symbols.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import DataTable

from glute_tui.core.text import visible


def _plain(value: Any) -> Any:
    return Text(visible(value)) if isinstance(value, str) else value


class PlainTable(DataTable):
    def add_column(self, label: Any, *args: Any, **kwargs: Any) -> Any:
        return super().add_column(_plain(label), *args, **kwargs)

    def add_row(self, *cells: Any, **kwargs: Any) -> Any:
        return super().add_row(*map(_plain, cells), **kwargs)
