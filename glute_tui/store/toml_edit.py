"""Saving over a person's TOML file without losing what they wrote around the values.

The app knows a routine (or the person's exercises) as values, and writes them out in one
canonical shape. A file the person keeps by hand has comments, an order and blank lines of its
own; writing the canonical text over it would delete them. So the new values are applied to the
file as tomlkit reads it: a value that did not change keeps its line untouched, a changed one is
replaced where it stands, a removed one goes, a new one is added; the tables of an array (the
`[[exercise]]` entries) are matched by their `id`, so a comment on an exercise's line stays with
it. (A comment on a line of its own stays where it was: tomlkit keeps it with the lines before it.)
"""

from __future__ import annotations

import tomllib
from typing import Any


def keep_layout(old_text: str, new_text: str) -> str:
    """`new_text`'s values in `old_text`'s layout. When the old text cannot be read as TOML (it
    would not have loaded either), the new text is returned as it is."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        doc = tomlkit.parse(old_text)
    except (TOMLKitError, ValueError, RecursionError):
        return new_text
    _apply(doc, tomllib.loads(new_text))
    result = tomlkit.dumps(doc)
    if tomllib.loads(result) != tomllib.loads(new_text):  # never trust the merge over the values
        return new_text
    return result


def _plain(value: Any) -> Any:
    return value.unwrap() if hasattr(value, "unwrap") else value


def _is_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _apply(table: Any, new: dict[str, Any]) -> None:
    """Make `table` (a tomlkit table or document) hold `new`, touching only what differs."""
    for key in [k for k in table if k not in new]:
        del table[key]
    for key, value in new.items():
        if key not in table:
            table[key] = value
            continue
        old = table[key]
        if isinstance(value, dict) and isinstance(_plain(old), dict) and hasattr(old, "items"):
            _apply(old, value)
        elif _is_tables(value) and _is_tables(_plain(old)):
            if [_key_of(t, i) for i, t in enumerate(_plain(old))] == [_key_of(t, i) for i, t in enumerate(value)]:
                for item, values in zip(old, value):  # the same tables in the same order: in place
                    _apply(item, values)
            else:
                table[key] = _apply_tables(old, value)
        elif _plain(old) != value or type(_plain(old)) is not type(value):
            table[key] = value


def _key_of(table: dict[str, Any], index: int) -> Any:
    """What matches a table of an array with its older self: its id, else its place."""
    return table.get("id", ("#", index))


def _apply_tables(old: Any, new: list[dict[str, Any]]) -> Any:
    """The array of tables `new`, reusing `old`'s tables (and the comments above them): the n-th
    table with an id takes the n-th old table with that id; those without one go by position."""
    import tomlkit

    pool: dict[Any, list[Any]] = {}
    for index, item in enumerate(old):
        pool.setdefault(_key_of(_plain(item), index), []).append(item)
    result = tomlkit.aot()
    for index, values in enumerate(new):
        candidates = pool.get(_key_of(values, index))
        if candidates:
            item = candidates.pop(0)
            _apply(item, values)
        else:
            item = tomlkit.table()
            for key, value in values.items():
                item[key] = value
        result.append(item)
    return result
