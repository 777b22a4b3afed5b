"""How the command line speaks: messages on stderr, exit code 2 for bad input."""

from __future__ import annotations

from rich.console import Console

EXIT_USAGE = 2


def fail(message: str) -> int:
    Console(stderr=True, highlight=False, soft_wrap=True).print(f"[bold red]glute-tui:[/] {message}",
                                                                  markup=True)
    return EXIT_USAGE
