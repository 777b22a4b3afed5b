"""Real glute-tui processes in a pseudo-terminal: killed, hung up on, terminated."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from glute_tui.history import History
from ptyapp import TINY_ROUTINE, PtyApp, journal_sets

pytestmark = pytest.mark.slow


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.toml"
    path.write_text(TINY_ROUTINE)
    return path


def start_and_finish_one_set(home: Path, routine: Path) -> PtyApp:
    app = PtyApp(home, "--routine", str(routine))
    assert app.read_until(app.saw("Tiny")), app.output[-500:]
    app.press("\r")  # start: no get-ready, the first set begins
    assert app.read_until(app.saw("SQUATS"))
    app.press("\r")  # finish the first set now
    assert app.read_until(lambda: journal_sets(home) == 1), "the set never reached the journal"
    return app


def test_sigkill_after_the_first_set_is_recovered_at_the_next_start(isolated_home: Path, tiny: Path):
    app = start_and_finish_one_set(isolated_home, tiny)
    try:
        app.signal(signal.SIGKILL)
        app.wait()
    finally:
        app.close()
    history = History(isolated_home / "data")
    assert history.load().sessions == []  # nothing saved yet: only the journal
    recovery = history.recover()
    assert len(recovery.recovered) == 1
    sessions = history.load().sessions
    assert [s.status for s in sessions] == ["recovered"]
    assert [(r.exercise, r.set) for r in sessions[0].sets] == [("squat", 1)]
    assert history.recover().recovered == []  # exactly once


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_closed_terminal_or_sigterm_saves_a_stopped_session(isolated_home: Path, tiny: Path, sig):
    app = start_and_finish_one_set(isolated_home, tiny)
    try:
        app.signal(sig)
        status = app.wait()
    finally:
        app.close()
    assert status is not None and os.WIFEXITED(status), "the app should leave by itself, not die"
    sessions = History(isolated_home / "data").load().sessions
    assert [s.status for s in sessions] == ["stopped"]
    assert len(sessions[0].sets) == 1
    assert journal_sets(isolated_home) == 0  # saved, so the journal is gone


def test_ctrl_q_during_a_workout_keeps_the_finished_set(isolated_home: Path, tiny: Path):
    app = start_and_finish_one_set(isolated_home, tiny)
    try:
        app.press("\x11")  # Ctrl+Q
        status = app.wait()
    finally:
        app.close()
    assert status is not None and os.WIFEXITED(status)
    sessions = History(isolated_home / "data").load().sessions
    assert [(s.status, len(s.sets)) for s in sessions] == [("stopped", 1)]
