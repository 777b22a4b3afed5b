"""Text from files shown as text: control characters made visible, never sent to a terminal.

The first line of defence is validation (routine files, the editor and imports refuse control
characters); this is the second, applied on every output, because a history written by an
older version, a hand-edited file or a path named on the command line can still carry them.
An ESC or a C1 control that reaches a terminal starts a sequence that can set its title,
write the clipboard (OSC 52) or make a link; a CR or BS overwrites what was shown.

- C0 controls (U+0000-U+001F) become their Control Pictures (ESC -> U+241B "␛", TAB -> "␉",
  LF -> "␊"); no name needs one, and `keep` lets a caller keep the line breaks of a message.
- DEL becomes "␡".
- A C1 control (U+0080-U+009F) is the 8-bit form of ESC plus a character (CSI U+009B is
  "ESC ["), so it is shown as that: "␛[".
- A lone surrogate (how Python reads a file name that is not UTF-8) becomes U+FFFD.
- Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) are removed:
  in a terminal that reorders text they would make the rest of a line (a table's row) read
  backwards; they carry nothing a person needs to see. Other invisible characters (zero width
  space, BOM) are left alone: they reorder or control nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _base_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {code: chr(0x2400 + code) for code in range(0x20)}
    table[0x7F] = "\u2421"
    table.update({code: "\u241b" + chr(code - 0x40) for code in range(0x80, 0xA0)})
    table.update({ord(char): None for char in BIDI_CONTROLS})
    return table


# A lone surrogate (a file name that is not UTF-8, read by Python) can be written to no terminal
# or file: shown as the replacement character. A pattern, not 2,048 more entries in each table.
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")  # what `is_control` says, in one pass of a text


_TABLE = _base_table()


@lru_cache(maxsize=8)
def _table(keep: str) -> dict[int, str | None]:
    table = dict(_TABLE)
    for char in keep:
        table.pop(ord(char), None)
    return table


def is_control(char: str) -> bool:
    """C0, DEL or C1: a character that a terminal acts on instead of showing."""
    code = ord(char)
    return code < 0x20 or 0x7F <= code <= 0x9F


def first_control(text: str) -> str | None:
    """The first control character in `text` (see `is_control`), or None."""
    found = _CONTROL.search(text)
    return None if found is None else found.group()


def visible(text: str, keep: str = "") -> str:
    """`text` with every control character shown as a visible symbol (see the module's doc).

    `keep`: control characters to leave as they are, e.g. "\\n" for a message of several lines
    that this program wrote itself (each user value in it was already made visible or repr'd).
    """
    return _SURROGATE.sub("\ufffd", text.translate(_table(keep) if keep else _TABLE))


def text_problem(text: str, limit: int) -> str | None:
    """Why `text` cannot be a name or a note (a control character, too long), or None.

    The message quotes neither the text nor the character itself: it may be 10,000
    characters long, or an ESC that would act on the terminal showing the message.
    """
    found = _CONTROL.search(text)
    if found is not None:
        return (f"must not contain control characters (found U+{ord(found.group()):04X} at character "
                f"{found.start() + 1}); use plain text")
    if len(text) > limit:
        return f"must be at most {limit} characters (got {len(text)})"
    return None


def shown(value: object, limit: int = 60) -> str:
    """A value quoted in a message: its repr (which escapes control characters), cut short."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
