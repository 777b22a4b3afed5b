"""Spoken cues through whatever speech program the machine has; never in the workout's way.

The program is found once at start (espeak-ng, espeak, spd-say on Linux; say on macOS). Each
cue starts it without waiting: a cue still speaking when the next comes is cut off, a program
that hangs is simply replaced, one that fails is ignored, and one that cannot start turns
speech off with a single message. Nothing here ever blocks or raises into the interface.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from typing import Callable, Sequence

DEFAULT_CANDIDATES: tuple[tuple[str, ...], ...] = (
    ("espeak-ng", "-s", "165"),
    ("espeak", "-s", "165"),
    ("spd-say", "--wait"),
    ("say",),
)
CANDIDATES = DEFAULT_CANDIDATES  # what is looked for at start (tests empty it)


def find_speech_program(which: Callable[[str], str | None] = shutil.which,
                        candidates: Sequence[tuple[str, ...]] | None = None) -> tuple[str, ...] | None:
    for command in CANDIDATES if candidates is None else candidates:
        path = which(command[0])
        if path:
            return (path, *command[1:])
    return None


class Speaker:
    """Speaks one cue at a time with `command`; reports a failure to start once."""

    def __init__(self, command: Sequence[str] | None, on_problem: Callable[[str], None] | None = None) -> None:
        self.command = tuple(command) if command else None
        self.on_problem = on_problem
        self.enabled = self.command is not None
        self._current: subprocess.Popen | None = None
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        return self.command is not None

    def say(self, text: str) -> None:
        if not self.enabled or self.command is None:
            return
        with self._lock:
            self._stop_current()
            try:
                self._current = subprocess.Popen(
                    [*self.command, text], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True)
            except OSError as exc:
                self.enabled = False
                self._current = None
                if self.on_problem is not None:
                    self.on_problem(f"Spoken cues are off: {self.command[0]} could not start "
                                    f"({exc.strerror or exc}). The bell goes on.")

    def _stop_current(self) -> None:
        current = self._current
        if current is not None and current.poll() is None:
            try:
                current.kill()  # a cue still speaking (or hung) gives way to the new one
            except OSError:
                pass
        if current is not None:
            try:
                current.wait(timeout=0)  # reap it if it has gone; never wait for it
            except subprocess.TimeoutExpired:
                pass

    def close(self) -> None:
        with self._lock:
            self._stop_current()
