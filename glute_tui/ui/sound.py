"""Tones through whatever sound player the machine has; the bell when there is none.

The player is found once at start (pw-play, paplay, aplay on Linux; afplay on macOS), as the
speech program is. A cue hands its kind to `play`, which returns at once: the tone file is
written (first use only) and the player started on a thread of its own, never waited on. A
tone still playing when the next comes is cut off; a player that cannot start turns tones off
with one message, and so does one whose tones end in an error (a player with no sound card or sound
server to play on): the caller rings the bell from then on.
"""

from __future__ import annotations

import queue
import shutil
import subprocess
import threading
from pathlib import Path
from typing import IO, Callable, Sequence

from glute_tui.core.tones import DEFAULT_VOLUME

DEFAULT_PLAYERS: tuple[tuple[str, ...], ...] = (
    ("pw-play",),
    ("paplay",),
    ("aplay", "-q"),
    ("afplay",),
)
PLAYERS = DEFAULT_PLAYERS  # what is looked for at start (tests empty it)


def find_tone_player(which: Callable[[str], str | None] = shutil.which,
                     candidates: Sequence[tuple[str, ...]] | None = None) -> tuple[str, ...] | None:
    for command in PLAYERS if candidates is None else candidates:
        path = which(command[0])
        if path:
            return (path, *command[1:])
    return None


class TonePlayer:
    """Plays one tone at a time with `command` (the file's path appended)."""

    def __init__(self, command: Sequence[str] | None, folder: Path, *,
                 on_problem: Callable[[str], None] | None = None,
                 output: IO | int = subprocess.DEVNULL) -> None:
        self.command = tuple(command) if command else None
        self.folder = folder
        self.on_problem = on_problem
        self.output = output  # where the player's messages go (a test reads them)
        self.volume = DEFAULT_VOLUME
        self.failed = False
        self.played: list[subprocess.Popen] = []  # the last few, for reaping (and tests)
        self._queue: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        return self.command is not None and not self.failed

    def play(self, kind: str) -> bool:
        """Start the tone for a cue of `kind`; False when the caller should ring the bell."""
        if not self.available:
            return False
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._serve, name="tones", daemon=True)
                self._thread.start()
        self._queue.put(kind)
        return True

    def _serve(self) -> None:
        from glute_tui.store.tones import tone_file

        while True:
            kind = self._queue.get()
            if kind is None:
                return
            if self.command is None or self.failed:
                continue
            broken = self._failed_exit()
            if broken is not None:  # found, but cannot play here (no sound card, no server)
                self._fail(f"Tones are off: {self.command[0]} could not play a tone (exit code "
                           f"{broken}). The bell rings instead.")
                continue
            try:
                path = tone_file(self.folder, kind, self.volume)
            except OSError as exc:
                self._fail(f"Tones are off: {self.folder} could not be written "
                           f"({exc.strerror or exc}). The bell rings instead.")
                continue
            self._stop_current()
            try:
                process = subprocess.Popen(
                    [*self.command, str(path)], stdin=subprocess.DEVNULL, stdout=self.output,
                    stderr=self.output, start_new_session=True, close_fds=True)
            except OSError as exc:
                self._fail(f"Tones are off: {self.command[0]} could not start "
                           f"({exc.strerror or exc}). The bell rings instead.")
                continue
            self.played = [*self.played[-7:], process]

    def _failed_exit(self) -> int | None:
        """The exit code of an earlier tone that failed on its own (checked, never waited for);
        one we cut off (killed: a negative code) does not count."""
        for process in self.played:
            code = process.poll()
            if code is not None and code > 0:
                return code
        return None

    def _fail(self, message: str) -> None:
        self.failed = True
        if self.on_problem is not None:
            self.on_problem(message)

    def _stop_current(self) -> None:
        for process in self.played:
            if process.poll() is None:
                try:
                    process.kill()  # a tone still playing gives way to the new one
                except OSError:
                    pass
            try:
                process.wait(timeout=0)  # reap it if it has gone; never wait for it
            except subprocess.TimeoutExpired:
                pass
        self.played = [p for p in self.played if p.returncode is None]

    def close(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
        self._stop_current()
