"""`glute-tui completion SHELL`: bash, zsh and fish completion, written by shtab from the parser.

The parser stays the one place where a command or an option is declared; shtab turns it into a
script. Routine and exercise ids are completed by asking glute-tui itself (`routines list --ids`,
`exercises list --ids`), so a routine the person added today completes too. shtab is imported
only here: building the parser for any other command never pays for it.
"""

from __future__ import annotations

import argparse
from typing import Any, Callable

import shtab

# What each kind of value named by the parser (cli/main.py: `completes(action, kind)`) completes to.
COMPLETERS: dict[str, Any] = {
    "routine": shtab.cmd("glute-tui routines list --ids 2>/dev/null"),
    "exercise": shtab.cmd("glute-tui exercises list --ids 2>/dev/null"),
    "file": shtab.FILE,
    "dir": shtab.DIRECTORY,
}


def script(shell: str, build_parser: Callable[..., argparse.ArgumentParser]) -> str:
    return shtab.complete(build_parser(completers=COMPLETERS), shell=shell)
