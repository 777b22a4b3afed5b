"""The hostile inputs the tests feed every reader and output.

The repository keeps its own copy (tests/data/hostile), so a clone with nothing beside it tests
them all; when ../shared/hostile sits beside the checkout (CI has it) and has grown, its new
strings are tested too.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
OWN = HERE / "data" / "hostile"
SHARED = HERE.parent.parent / "shared" / "hostile"
STRINGS_FILE = OWN / "strings.json"
SHAPES_FILE = OWN / "README.md"


def groups() -> dict[str, list[str]]:
    """Each group of strings (escape_sequences, markup, …): the own copy joined by the shared one."""
    merged: dict[str, list[str]] = {}
    for folder in (OWN, SHARED):
        path = folder / "strings.json"
        if not path.is_file():
            continue
        for key, group in json.loads(path.read_text(encoding="utf-8")).items():
            if isinstance(group, list):
                known = merged.setdefault(key, [])
                known.extend(s for s in group if isinstance(s, str) and s not in known)
    return merged


def strings(keys: tuple[str, ...] | None = None) -> list[str]:
    """Every string of the named groups (all groups when none are named), once each."""
    out: list[str] = []
    for key, group in groups().items():
        if keys is None or key in keys:
            out.extend(s for s in group if s not in out)
    return out
