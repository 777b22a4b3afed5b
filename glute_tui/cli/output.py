"""How the command line speaks: messages on stderr, exit code 2 for bad input.

Every value that came from a file (a routine's name, an imported session's exercise, a path)
is printed as plain text: never read as Rich markup or emoji codes (`Hips [/]` crashed the
table, `[link=...]` became a live link, `:fire:` an emoji), and with its control characters
made visible (`glute_tui.core.text.visible`), so an ESC in a name never reaches the terminal.

On a terminal, output wraps at the terminal's width. Into a pipe or a file it is never
wrapped: a script that reads `glute-tui routines` must not find a name cut over two lines
at an invented 80 columns.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from typing import TYPE_CHECKING, Iterable, Sequence

from rich.console import Console
from rich.text import Text

from glute_tui.core.text import visible

if TYPE_CHECKING:
    from rich.table import Table

    from glute_tui.core.columns import Column

EXIT_USAGE = 2
UNWRAPPED = 1_000_000  # a width no line reaches


def console(*, stderr: bool = False) -> Console:
    """A console that prints strings as they are (no markup, no emoji codes, no highlighting),
    and wraps only on a terminal."""
    plain_text = {"markup": False, "emoji": False, "highlight": False}
    probe = Console(stderr=stderr, soft_wrap=stderr, **plain_text)
    if probe.is_terminal:
        return probe
    return Console(stderr=stderr, width=UNWRAPPED, soft_wrap=True, **plain_text)


def plain(value: object, style: str = "") -> Text:
    """A value from a file as a table cell or a line: plain text, controls made visible."""
    return Text(visible(str(value)), style=style)


def say(message: str, *, stderr: bool = False) -> None:
    """A message of ours that may quote values from files (kept line breaks, nothing else)."""
    console(stderr=stderr).print(Text(visible(message, keep="\n")))


def fail(message: str) -> int:
    """The message on stderr after a red `glute-tui:`, as plain text; the exit code for bad input."""
    console(stderr=True).print(Text.assemble(("glute-tui:", "bold red"), " ", visible(message, keep="\n")))
    return EXIT_USAGE


def tolerant_streams() -> None:
    """stdout and stderr replace what their encoding cannot write (`?`) instead of raising:
    under `LC_ALL=C PYTHONUTF8=0` (ASCII) or `PYTHONIOENCODING=latin-1`, a `·` in a line or a
    name in a table ended the command in a UnicodeEncodeError traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):  # a closed or detached stream: nothing to print on
                pass


SPOOL_BYTES = 8 * 1024 * 1024  # an export up to this is held in memory, a larger one in a temporary file


def emit_whole(chunks: Iterable[str]) -> None:
    """Write a document (an export) to stdout only once all of it is made: into a pipe or a
    file (`export > backup.json`) as UTF-8 bytes, whatever the locale's encoding, so it is the
    data exactly; a failure while it is made writes nothing at all, never a partial JSON."""
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
        for chunk in chunks:
            spool.write(chunk.encode("utf-8", "surrogateescape"))
        spool.seek(0)
        sys.stdout.flush()
        target = getattr(sys.stdout, "buffer", None)
        if target is None:  # a stdout without bytes (a test's capture): text, as it is
            sys.stdout.write(spool.read().decode("utf-8", "surrogateescape"))
        else:
            shutil.copyfileobj(spool, target)
            target.flush()


def print_ids(ids: Iterable[str]) -> int:
    """Ids one a line, for scripts and shell completion: only ids a shell can take as they are
    (lower-case letters, digits, dashes), so a strange file name never reaches a completion list."""
    from glute_tui.core.routines import ID_RE

    for item in ids:
        if ID_RE.fullmatch(item):
            print(item)
    return 0


LONG_WORD = 24  # cells: a word longer than this may be folded (a pasted id); shorter ones never are
COMFORT = 30  # cells: a longer name wraps (at its words) before a column is dropped for it


def fitted_table(title: str, columns: "Sequence[Column]", rows: "Iterable[Sequence[object]]",
                 console: Console) -> Table:
    """A table that fits the console's width as the app's tables do (core.columns.fit_columns):
    a low-priority column is dropped before any is narrowed, numbers are never cut, and a
    column of names (`shorten`) wraps at its words rather than losing any. Into a pipe nothing
    is dropped (the console is as wide as any line)."""
    from rich.table import Table

    from glute_tui.core.columns import cell_width, fit_columns

    cells = [[plain(value) if isinstance(value, str) else value for value in row] for row in rows]
    natural = [cell_width(c.label) for c in columns]
    floors = list(natural)
    for row in cells:
        for i, (column, cell) in enumerate(zip(columns, row)):
            text = cell.plain if isinstance(cell, Text) else str(cell)
            natural[i] = max(natural[i], cell_width(text))
            words = [cell_width(w) for w in text.split()] or [0]
            floor = min(max(words), LONG_WORD) if column.shorten else cell_width(text)
            floors[i] = max(floors[i], floor)
    # a box table: each column takes a border and a cell of padding each side, and one border ends it
    widths = fit_columns(natural, [c.priority for c in columns], console.width - 1,
                         min_widths=floors, pad=3, comfort=COMFORT)
    for column, width in zip(columns, widths):  # a pair (left, right) is shown whole or not at all
        if column.group and width is not None:
            if any(w is None for c, w in zip(columns, widths) if c.group == column.group):
                widths = [None if c.group == column.group else w for c, w in zip(columns, widths)]
    table = Table(title=title, title_justify="left")
    for column, width in zip(columns, widths):
        if width is None:
            continue
        justify = "right" if column.justify == "right" else "left"
        if column.shorten:
            table.add_column(column.label, justify=justify, width=width, overflow="fold")
        else:
            table.add_column(column.label, justify=justify, no_wrap=True, min_width=width)
    for row in cells:
        table.add_row(*(cell for cell, width in zip(row, widths) if width is not None))
    return table
