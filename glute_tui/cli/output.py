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
from typing import Iterable

from rich.console import Console
from rich.text import Text

from glute_tui.core.text import visible

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
