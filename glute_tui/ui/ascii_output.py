"""For terminals without Unicode: everything the app draws is written as plain ASCII.

Textual draws Digits, bars, borders and scrollbars with Unicode characters, as does our own
text. Rather than swap every widget, the terminal driver transliterates its output: box
drawing becomes + - |, blocks and shades become # : ., arrows become ^ v, and anything else
outside ASCII becomes '?'. Escape sequences are ASCII already and pass through untouched.
"""

from __future__ import annotations

import os
from typing import Mapping

_GROUPS = {
    "-": "─━╴╶╸╺╼╾┄┅┈┉═▔▁",
    "|": "│┃╵╷╹╻╽╿┆┇┊┋║▏▕‖",
    "+": "┌┐└┘├┤┬┴┼╭╮╯╰┏┓┗┛┣┫┳┻╋╔╗╚╝╠╣╦╩╬┍┎┑┒┕┖┙┚┝┞┟┠┡┢┥┦┧┨┩┪┭┮┯┰┱┲┵┶┷┸┹┺┽┾┿╀╁╂╃╄╅╆╇╈╉╊",
    "#": "█▇▆▅▀▄▌▐■▓▰",
    ":": "▒▃▂",
    ".": "░·∙⋅▱",
    "*": "•●◆⭘○◯",
    "x": "×✕✗",
    "v": "✓✔↓▼",
    "^": "↑▲",
    ">": "→▶⏵»⏎",
    "<": "←◀«",
    "'": "‘’",
    '"': "“”",
    "E": "€",
    "L": "£",
    " ": "\u00a0\u2009\u202f",
}
TABLE: dict[int, str] = {ord(ch): ascii_ch for ascii_ch, chars in _GROUPS.items() for ch in chars}
TABLE.update({ord("…"): "...", ord("–"): "-", ord("—"): "-", ord("±"): "+-", ord("≠"): "!="})


def to_ascii(text: str) -> str:
    """`text` with every character outside ASCII replaced by its nearest ASCII look-alike."""
    if text.isascii():
        return text
    text = text.translate(TABLE)
    return text if text.isascii() else "".join(ch if ch.isascii() else "?" for ch in text)


def unicode_terminal(env: Mapping[str, str] = os.environ) -> bool:
    """False when asked for ASCII (GLUTE_TUI_ASCII=1) or when the locale is not UTF-8."""
    if env.get("GLUTE_TUI_ASCII", "") not in ("", "0"):
        return False
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = env.get(name)
        if value:
            return "utf-8" in value.lower() or "utf8" in value.lower()
    return True  # nothing set: assume a modern terminal


def ascii_driver(base: type) -> type:
    """A subclass of Textual's driver `base` that writes only ASCII."""

    class AsciiDriver(base):  # type: ignore[misc, valid-type]
        def write(self, data: str) -> None:
            super().write(to_ascii(data))

    AsciiDriver.__name__ = f"Ascii{base.__name__}"
    return AsciiDriver
