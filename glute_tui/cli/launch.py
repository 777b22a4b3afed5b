"""The `glute-tui` command's entry point.

Start-up creates a few hundred thousand long-lived objects (Textual, its styles, our routines),
and the garbage collector would walk them all, several times, before the first frame: about
70 ms of a 350 ms start, one full collection alone 40 ms. So the collector is off until the app
has drawn its first frame; the app then collects start-up's garbage once, freezes what start-up
made (later collections skip it) and turns the collector back on. Commands that do not open
the app turn it on at once.
"""

from __future__ import annotations

import gc


def main() -> int:
    gc.disable()
    from glute_tui.cli.main import main as cli_main

    return cli_main()
