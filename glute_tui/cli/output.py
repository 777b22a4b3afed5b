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
