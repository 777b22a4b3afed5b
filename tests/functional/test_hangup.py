"""A terminal that goes away at any moment: the process ends within 2 s, and saves a workout.

Real processes in a pseudo-terminal whose master side is closed, as when a terminal window
is closed or an ssh connection drops. See glute_tui/ui/exit_guard.py for why this needs care.
"""

from __future__ import annotations

import os
import random
import select
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from ptyapp import TINY_ROUTINE, PtyApp, journal_sets

from glute_tui.store.history import History

pytestmark = pytest.mark.slow

CLOSES = 50  # the number of trials
IN_FLIGHT = 3  # apps started at once: the machine has 2 shared cores
START_WINDOW_S = 1.5
ALLOWED_S = 2.0


@dataclass
class Trial:
    number: int
    close_after: float
    app: PtyApp | None = None
    started: float = 0.0
    closed: float | None = None
    pidfd: int = -1
    ended_after: float | None = None
    status: int | None = None
    notes: list[str] = field(default_factory=list)


def test_a_terminal_closed_at_any_instant_of_start_up_ends_the_process_within_2_s(tmp_path: Path):
    rng = random.Random(os.environ.get("GLUTE_TUI_HANGUP_SEED", "12"))
    waiting = [Trial(n, rng.uniform(0, START_WINDOW_S)) for n in range(CLOSES)]
    running: list[Trial] = []
    finished: list[Trial] = []
    try:
        while waiting or running:
            while waiting and len(running) < IN_FLIGHT:
                trial = waiting.pop(0)
                trial.app = PtyApp(tmp_path / f"home-{trial.number}")
                trial.started = time.monotonic()
                running.append(trial)
            now = time.monotonic()
            for trial in running:
                app = trial.app
                assert app is not None
                if trial.closed is None and now - trial.started >= trial.close_after:
                    os.close(app.fd)  # the terminal goes away
                    app.fd = -1
                    trial.closed = now
                    trial.pidfd = os.pidfd_open(app.pid)
            # Wait a little: for output to drain (as a terminal reads it) or for a process to end.
            fds = [t.app.fd for t in running if t.closed is None] + [t.pidfd for t in running if t.closed]
            ready, _, _ = select.select(fds, [], [], 0.01)
            for trial in list(running):
                app = trial.app
                if trial.closed is None:
                    if app.fd in ready:
                        try:
                            os.read(app.fd, 65536)
                        except OSError:
                            pass
                    continue
                waited = time.monotonic() - trial.closed
                if trial.pidfd in ready or waited > ALLOWED_S:
                    if trial.pidfd in ready:
                        trial.ended_after = waited
                        _, trial.status = os.waitpid(app.pid, 0)
                    else:  # still there after 2 s: note it, then end it
                        os.kill(app.pid, signal.SIGKILL)
                        os.waitpid(app.pid, 0)
                    app.status = trial.status if trial.status is not None else -1
                    os.close(trial.pidfd)
                    running.remove(trial)
                    finished.append(trial)
    finally:
        for trial in running:
            if trial.app is not None and trial.app.status is None:
                os.kill(trial.app.pid, signal.SIGKILL)
                os.waitpid(trial.app.pid, 0)
    left = [f"closed at {t.close_after:.2f} s" for t in finished if t.ended_after is None]
    assert len(finished) == CLOSES
    assert left == [], f"{len(left)} of {CLOSES} processes were still there {ALLOWED_S} s after their terminal closed"


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.toml"
    path.write_text(TINY_ROUTINE)
    return path


def test_a_terminal_closed_during_a_workout_saves_it_as_stopped_within_2_s(isolated_home: Path, tiny: Path):
    app = PtyApp(isolated_home, "--routine", str(tiny), "--self-paced")  # Enter: a set done at once
    try:
        assert app.read_until(app.saw("Tiny")), app.output[-500:]
        app.press("\r")
        assert app.read_until(app.saw("SQUATS"))
        app.press("\r")  # the first set is done
        assert app.read_until(lambda: journal_sets(isolated_home) == 1)
        os.close(app.fd)  # the terminal goes away
        app.fd = os.open(os.devnull, os.O_RDONLY)  # for close() below
        pidfd = os.pidfd_open(app.pid)
        try:
            ended = select.select([pidfd], [], [], ALLOWED_S)[0]
        finally:
            os.close(pidfd)
        assert ended, f"the process was still there {ALLOWED_S} s after its terminal closed"
        _, app.status = os.waitpid(app.pid, 0)
    finally:
        app.close()
    assert os.WIFEXITED(app.status) and os.WEXITSTATUS(app.status) == 128 + signal.SIGHUP
    sessions = History(isolated_home / "data").load().sessions
    assert [(s.status, len(s.sets)) for s in sessions] == [("stopped", 1)]
    assert journal_sets(isolated_home) == 0


def test_sigterm_ends_and_saves_even_when_the_terminal_stopped_reading(isolated_home: Path, tiny: Path):
    """A terminal that takes no more output (a frozen ssh session, a paused tmux pane) fills
    Textual's output queue and blocks its loop; SIGTERM must still save and end the process."""
    import fcntl
    import struct
    import termios

    app = PtyApp(isolated_home, "--routine", str(tiny), "--self-paced")
    try:
        assert app.read_until(app.saw("Tiny")), app.output[-500:]
        app.press("\r")
        assert app.read_until(app.saw("SQUATS"))
        app.press("\r")
        assert app.read_until(lambda: journal_sets(isolated_home) == 1)
        for n in range(150):  # stop reading; whole-screen repaints until the terminal is full
            fcntl.ioctl(app.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24 + n % 2, 80 + n % 3, 0, 0))
            os.kill(app.pid, signal.SIGWINCH)
            time.sleep(0.02)
        app.signal(signal.SIGTERM)
        pidfd = os.pidfd_open(app.pid)
        try:
            ended = select.select([pidfd], [], [], 2.0 + ALLOWED_S)[0]  # the grace, then 2 s to save
        finally:
            os.close(pidfd)
        assert ended, "SIGTERM did not end a process whose terminal stopped reading"
        _, app.status = os.waitpid(app.pid, 0)
    finally:
        app.close()
    assert os.WIFEXITED(app.status)
    sessions = History(isolated_home / "data").load().sessions
    assert [(s.status, len(s.sets)) for s in sessions] == [("stopped", 1)]
