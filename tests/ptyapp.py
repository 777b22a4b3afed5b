"""Run the real glute-tui in a pseudo-terminal, press keys, and wait for files, not for time."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path
from typing import Callable

TINY_ROUTINE = """\
name = "Tiny"
get_ready_s = 0
switch_sides_s = 5
rest_between_exercises_s = 60
[[exercise]]
id = "squat"
sets = 3
reps = 10
tempo_s = 3
rest_s = 60
"""


class PtyApp:
    def __init__(self, home: Path, *args: str, columns: int = 80, rows: int = 24,
                 env: dict[str, str] | None = None) -> None:
        extra = env or {}
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
        env.update(GLUTE_TUI_HOME=str(home), TERM="xterm-256color", COLUMNS=str(columns), LINES=str(rows))
        env.update(extra)
        pid, fd = pty.fork()
        if pid == 0:  # the child: become glute-tui
            os.execve(sys.executable, [sys.executable, "-m", "glute_tui", *args], env)
        # pty.fork's master is inheritable: a later PtyApp's child would keep this terminal open
        # for its whole life (so closing it here would not hang it up). Not any more.
        os.set_inheritable(fd, False)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.output = b""
        self.status: int | None = None

    def read_until(self, done: Callable[[], bool], timeout: float = 20.0) -> bool:
        """Read the screen until `done()` holds; False when the time runs out or the app exits."""
        end = time.monotonic() + timeout
        while not done():
            left = end - time.monotonic()
            if left <= 0:
                return False
            ready, _, _ = select.select([self.fd], [], [], min(left, 0.05))
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    return done()
                if not chunk:
                    return done()
                self.output += chunk
        return True

    def saw(self, text: str) -> Callable[[], bool]:
        return lambda: text.encode() in self.output

    def press(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def signal(self, sig: signal.Signals) -> None:
        os.kill(self.pid, sig)

    def wait(self, timeout: float = 20.0) -> int | None:
        def exited() -> bool:
            if self.status is None:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
                if pid:
                    self.status = status
            return self.status is not None
        end = time.monotonic() + timeout
        self.read_until(exited, timeout)
        if not exited():  # the terminal closed before the process ended: wait for the process itself
            pidfd = os.pidfd_open(self.pid)
            try:
                select.select([pidfd], [], [], max(0.0, end - time.monotonic()))
            finally:
                os.close(pidfd)
            exited()
        return self.status

    def close(self) -> None:
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        os.close(self.fd)


def journal_sets(home: Path) -> int:
    """How many set lines the journals under `home` hold."""
    count = 0
    for path in (home / "data" / "journal").glob("*.jsonl"):
        count += path.read_text().count('"type":"set"')
    return count
