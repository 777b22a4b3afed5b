"""What the parser says about an argument beyond argparse: how shtab completes its value."""

from __future__ import annotations

import argparse
from typing import Mapping

# Kind of value -> shtab's completion spec; given only while `glute-tui completion` writes a script.
Completers = Mapping[str, object] | None


def completes(action: argparse.Action, kind: str, completers: Completers) -> argparse.Action:
    """Say how shtab completes this argument's value ("routine", "exercise", "file", "dir"): set
    only while `glute-tui completion` writes a script (cli/completion.py), never at run time."""
    if completers is not None:
        action.complete = completers[kind]  # type: ignore[attr-defined]  # the attribute shtab reads
    return action
