"""Values from files on the screens: plain text, with control characters made visible.

Textual reads a `str` given to Static, Option or a Rich Table as markup: a routine
named `Hips [/]` stopped the app from starting, `[@click=app.quit]` became a live action and
an imported `exercise` of `[/]x` crashed the History screen. And markup or not, an ESC in a
value reached the terminal. Every value that came from a file (names, descriptions,
exercises, loads, paths in messages) goes through one of these before it is shown.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from glute_tui.core.text import visible

# An Input's `restrict`: a paste or a key that would put a control character into the field is
# refused (the bell rings), so the field never shows one; validation refuses it again.
NO_CONTROLS = r"[^\x00-\x1f\x7f-\x9f]*"


def plain(value: object) -> Content:
    """A value for a Textual widget (Static, Option, Label): never markup, controls visible."""
    return Content(visible(str(value)))


def plain_text(value: object, style: str = "") -> Text:
    """A value for a Rich renderable (a Table cell, a DataTable cell)."""
    return Text(visible(str(value)), style=style)
