"""Every way out saves the running workout: signals, and a terminal that went away.

Textual handles none of SIGHUP, SIGTERM or SIGINT (its issue #5140), and its shutdown writes
to the terminal (mouse off, main screen back) through a queue of 30 writes that one thread
drains (`WriterThread`). When the terminal is gone, that thread dies on its first EIO, nothing
drains the queue any more, and the 31st write blocks the app's loop for ever: 3 to 7 of 10
starts never ended when their terminal closed in their first second, and a handler installed
on the loop (`loop.add_signal_handler`) never ran again, so SIGTERM was ignored too. A hang-up
also brings SIGCONT, on which Textual starts its application mode again, writing once more.

So this guard never waits on the terminal:
- Its handlers are plain `signal.signal` ones. Python runs them in the main thread between two
  bytecodes, and a thread blocked on a full queue (a lock's acquire) is woken for them, so
  they run whatever the loop is doing.
- SIGHUP, or EIO/EOF on the terminal (seen by the driver below): nobody can see the screen any
  more. The running workout is saved at once (stopped), waiting at most `save_timeout_s`
  for the disk, and the process ends with `os._exit`: no shutdown, no write to the terminal.
  From a signal the save runs while the main thread waits inside the handler, so nothing on
  the loop changes the workout under it.
- SIGTERM and SIGINT (the terminal is still there, and should be given back as it was): the
  app leaves the usual way, on its loop (save, then Textual's shutdown restores the screen).
  A watchdog ends the process like a hang-up if it has not ended `grace_s` later.
- The driver's output file drops every write once one has failed (the terminal is gone), so
  Textual's writer thread keeps draining its queue and never blocks anyone; and its input
  thread reports EIO, or an end of file on a terminal, as a hang-up instead of spinning on it.

The exit codes are the shell's for a death by that signal (128 + its number), so a script can
tell how the app ended; SIGHUP's (129) is used for a terminal that went away without one.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from typing import Any, Callable

from glute_tui.ui import textual_compat

SAVE_TIMEOUT_S = 1.5  # of the 2 s a closed terminal's process has to end
GRACE_S = 2.0
HANGUP_CODE = 128 + signal.SIGHUP


class ExitGuard:
    """Installs the handlers, and ends the process on a hang-up after saving.

    `save()` stops and saves a running workout, blocking until it is written (or it gives up);
    it must not touch the terminal. `leave(code)` asks the app to exit the usual way; it is
    called on the app's loop.
    """

    def __init__(self, save: Callable[[], None], leave: Callable[[int], None], *,
                 save_timeout_s: float = SAVE_TIMEOUT_S, grace_s: float = GRACE_S) -> None:
        self.save = save
        self.leave = leave
        self.save_timeout_s = save_timeout_s
        self.grace_s = grace_s
        self._ending = threading.Lock()
        self._previous: dict[int, Any] = {}

    def install(self) -> None:
        """From the main thread, before the app's loop starts: a hang-up during start-up counts."""
        for sig in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
            self._previous[sig] = signal.signal(sig, self._on_signal)

    def uninstall(self) -> None:
        for sig, previous in self._previous.items():
            signal.signal(sig, previous)
        self._previous.clear()

    def _on_signal(self, signum: int, frame: object) -> None:
        if signum == signal.SIGHUP:
            self.end_now(128 + signum)
            return  # another thread is already ending the process
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # the app's loop is not running (yet, or any more): nothing to show
            self.end_now(128 + signum)
            return
        loop.call_soon_threadsafe(self.leave, 128 + signum)
        watchdog = threading.Timer(self.grace_s, self.end_now, args=(128 + signum,))
        watchdog.daemon = True
        watchdog.start()

    def terminal_gone(self, why: str = "") -> None:
        """The terminal cannot be read or written any more (from any thread)."""
        self.end_now(HANGUP_CODE)

    def end_now(self, code: int) -> None:
        """Save what was done (waiting at most `save_timeout_s`), then end the process at once."""
        if not self._ending.acquire(blocking=False):
            return  # already ending, in another thread: it calls os._exit
        saver = threading.Thread(target=self._save_quietly, name="glute-tui-last-save", daemon=True)
        saver.start()
        saver.join(self.save_timeout_s)
        os._exit(code)

    def _save_quietly(self) -> None:
        try:
            self.save()
        except BaseException:  # noqa: BLE001 - whatever happens, the journal still holds the sets
            pass


# --- the terminal driver ---------------------------------------------------------------------


class GuardedOutput:
    """The terminal's output file; once a write fails (EIO: the terminal is gone), every later
    write and flush is dropped, so the thread that writes never dies and never blocks."""

    def __init__(self, file: Any, on_gone: Callable[[str], None]) -> None:
        self._terminal = file
        self._on_gone = on_gone
        self.gone = False

    def _failed(self, exc: BaseException) -> None:
        if not self.gone:
            self.gone = True
            self._on_gone(f"output: {exc}")

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                return self._terminal.write(text)
            except (OSError, ValueError) as exc:
                self._failed(exc)
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self._terminal.flush()
            except (OSError, ValueError) as exc:
                self._failed(exc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._terminal, name)


def guarded_driver(base: type, on_gone: Callable[[str], None]) -> type:
    """A subclass of Textual's Linux driver `base` that reports a terminal that went away.
    The two private Textual uses this needs are in ui/textual_compat.py."""

    class GuardedDriver(base):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, debug: bool = False, **kwargs: Any) -> None:
            super().__init__(*args, debug=debug, **kwargs)
            self.debug_input = debug  # Driver's public constructor argument, for the key parser
            textual_compat.guard_output(self, lambda file: GuardedOutput(file, on_gone))

        def run_input_thread(self) -> None:
            """Textual's own loop, except that an EIO or an end of file on a terminal (a
            hang-up) ends the process instead of spinning or panicking."""
            textual_compat.read_input_until_hangup(self, on_gone, debug=self.debug_input)

    GuardedDriver.__name__ = f"Guarded{base.__name__}"
    return GuardedDriver


# --- the web driver (glute-tui serve) --------------------------------------------------------

PARENT_CHECK_S = 0.5


def guarded_web_driver(base: type, on_gone: Callable[[str], None]) -> type:
    """A subclass of Textual's WebDriver `base` (a browser tab's app under glute-tui serve)
    that reports a server that went away, however it went: Textual's reads its input until
    the end and then simply stops reading, and a write into a closed pipe raises in the middle
    of a frame; a killed server left its apps running for good. Here the end of the input, a
    failed write, or a new parent process (the server is gone, its pipes held elsewhere) ends
    the app like a hang-up: the workout saved as stopped, then out."""

    class GuardedWebDriver(base):  # type: ignore[misc, valid-type]
        def run_input_thread(self) -> None:
            parent = os.getppid()
            watcher = threading.Thread(target=self._watch_parent, args=(parent,), name="glute-tui-parent",
                                       daemon=True)
            watcher.start()
            super().run_input_thread()
            if not self.exit_event.is_set():  # not stopped by the app: the input ended
                on_gone("input: end of file (the server is gone)")

        def _watch_parent(self, parent: int) -> None:
            while not self.exit_event.wait(PARENT_CHECK_S):
                if os.getppid() != parent:
                    on_gone("parent: the server is gone")
                    return

        def write(self, data: str) -> None:
            try:
                super().write(data)
            except OSError as exc:
                on_gone(f"output: {exc}")

        def write_meta(self, data: dict[str, object]) -> None:
            try:
                super().write_meta(data)
            except OSError as exc:
                on_gone(f"output: {exc}")

    GuardedWebDriver.__name__ = f"Guarded{base.__name__}"
    return GuardedWebDriver
