"""The exit guard's parts, without a terminal: see test_hangup.py for real processes."""

from __future__ import annotations

import errno
import io

import pytest

from glute_tui.ui import exit_guard
from glute_tui.ui.exit_guard import ExitGuard, GuardedOutput


class DeadTerminal(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.fail = False

    def write(self, text: str) -> int:
        if self.fail:
            raise OSError(errno.EIO, "Input/output error")
        return super().write(text)


def test_output_to_a_terminal_that_went_away_is_dropped_and_reported_once():
    terminal, gone = DeadTerminal(), []
    output = GuardedOutput(terminal, gone.append)
    output.write("before")
    terminal.fail = True
    for _ in range(100):  # more than Textual's 30-write queue: none may raise (the writer would die)
        assert output.write("\x1b[?1000l") == len("\x1b[?1000l")
        output.flush()
    assert terminal.getvalue() == "before"
    assert len(gone) == 1 and "Input/output error" in gone[0]


def test_a_hangup_saves_then_ends_the_process_at_once_and_only_once(monkeypatch: pytest.MonkeyPatch):
    events: list[object] = []

    class Exited(Exception):
        pass

    def fake_exit(code: int) -> None:
        events.append(("exit", code))
        raise Exited

    monkeypatch.setattr(exit_guard.os, "_exit", fake_exit)
    guard = ExitGuard(save=lambda: events.append("saved"), leave=lambda code: events.append(("leave", code)))
    with pytest.raises(Exited):
        guard.terminal_gone("input: end of file")
    assert events == ["saved", ("exit", 129)]
    guard.terminal_gone("output: EIO")  # a second report (another thread) does nothing
    assert events == ["saved", ("exit", 129)]


def test_a_save_that_hangs_does_not_keep_the_process(monkeypatch: pytest.MonkeyPatch):
    import threading

    codes: list[int] = []
    monkeypatch.setattr(exit_guard.os, "_exit", codes.append)
    stuck = threading.Event()
    guard = ExitGuard(save=stuck.wait, leave=lambda code: None, save_timeout_s=0.05)
    guard.end_now(143)
    stuck.set()
    assert codes == [143]
