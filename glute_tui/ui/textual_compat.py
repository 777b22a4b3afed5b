"""Every use of a private Textual internal, in one place (issue 23).

Written against Textual `WRITTEN_FOR`; pyproject.toml pins that version with `==`, and
tests/unit/test_textual_compat.py fails when the installed Textual differs, when a private
name used here is gone or has another signature, or when the Textual code mirrored here has
changed. No other glute_tui module touches a private Textual name (the same test walks them).

Each use says which public feature would replace it. What is done through public means
instead (so it is not here):
- signals: plain `signal.signal` handlers (Textual handles none of SIGHUP/SIGTERM/SIGINT);
- writing an escape sequence (cues, desktop notifications): our driver subclass hands itself
  to the app at `start_application_mode` (ui/app.py), and its public `write` is used;
- the browser: `App.is_web`, `App.open_url` (the page's keep-awake), and the web driver told
  by `issubclass(driver, textual.drivers.web_driver.WebDriver)`;
- the web driver's hang-up: an override of its public `run_input_thread`, `write`, `write_meta`;
- textual-serve: none of its Python is used (serve has its own server, ui/web/server.py), only
  the page's files it ships in its package's `static/` folder (tests/unit/test_textual_compat.py
  checks that each one our page loads is there).
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder
from typing import Any, Callable

WRITTEN_FOR = "8.2.8"  # the Textual version this module was written and tested against

# The Textual code mirrored below, by the sha256 of its source (inspect.getsource): when it
# changes, the mirror must be brought up to date (tests/unit/test_textual_compat.py).
MIRRORED = {
    "textual.drivers.linux_driver:LinuxDriver.run_input_thread":
        "d796af6d69db337d6fa6bd463984f7d17188d991dbb22f60efb92a8a9619507c",
}


def guard_output(driver: Any, wrap: Callable[[Any], Any]) -> None:
    """Put `wrap(file)` in place of the file a LinuxDriver writes the screen to, before its
    application mode starts (its WriterThread is built on it there).

    Private: `LinuxDriver._file`. Public feature that would replace it: a Driver option for
    the output file, or a WriterThread that survives a failed write (today it dies on the
    first EIO, and the app's loop then blocks on its full queue)."""
    driver._file = wrap(driver._file)


def read_input_until_hangup(driver: Any, on_gone: Callable[[str], None], *, debug: bool = False) -> None:
    """Textual 8.2.8's LinuxDriver.run_input_thread (MIRRORED above), reading the terminal
    until told to stop, except that an EIO, or an end of file on a terminal, is reported to
    `on_gone` (a hang-up) and ends the reading, where Textual's loop spins on the end of file
    or panics, writing a traceback to no one.

    Private: `textual._xterm_parser.XTermParser` (Textual's key and mouse parser). Public
    feature that would replace it: a Driver hook called when the input ends or fails; then
    this would be `super().run_input_thread()` plus that hook. Everything else used here is
    the driver's public surface: `fileno`, `input_tty`, `exit_event`, `process_message`."""
    from textual._xterm_parser import XTermParser

    selector = selectors.SelectSelector()
    selector.register(driver.fileno, selectors.EVENT_READ)
    parser = XTermParser(debug)
    decode = getincrementaldecoder("utf-8")().decode

    def process(events: list, final: bool = False) -> bool:
        for number, (_key, mask) in enumerate(events, 1):
            if mask & selectors.EVENT_READ:
                try:
                    data = os.read(driver.fileno, 4096)
                except OSError as exc:
                    on_gone(f"input: {exc}")
                    return False
                if not data:
                    if driver.input_tty:
                        on_gone("input: end of file")
                        return False
                    break
                for event in parser.feed(decode(data, final=final and number == len(events))):
                    driver.process_message(event)
        for event in parser.tick():
            driver.process_message(event)
        return True

    try:
        while not driver.exit_event.is_set():
            if not process(selector.select(0.1)):
                return
        selector.unregister(driver.fileno)
        process(selector.select(0.1), final=True)
    finally:
        selector.close()


# Textual 8.2.8's one-shot timer (`set_timer`) never fires when its delay is 0 and any time
# passes before its task first looks at the clock (it divides by the delay): a workout already
# late, as on a busy machine, would stop. Public replacement: none needed once Textual's Timer
# guards a zero interval; until then no one-shot timer of ours is given less than this.
SMALLEST_TIMER_DELAY_S = 0.02


def timer_delay(seconds: float) -> float:
    """The delay to give `set_timer` for a wake-up `seconds` away (at once if already late)."""
    return max(SMALLEST_TIMER_DELAY_S, seconds)
