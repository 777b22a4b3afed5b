"""Real glute-tui processes in a pseudo-terminal: killed, hung up on, terminated."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from ptyapp import TINY_ROUTINE, PtyApp, journal_sets

from glute_tui.store.history import History

pytestmark = pytest.mark.slow


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.toml"
    path.write_text(TINY_ROUTINE)
    return path


# The question's own line: "Any pain?" is also the Summary's key in its footer, drawn in the
# Summary's first frame, before the question opens over it (an Escape then went to the Summary).
PAIN_QUESTION = "Enter save"


def start_and_finish_one_set(home: Path, routine: Path) -> PtyApp:
    # Self-paced: Enter finishes the set with its reps at once (a paced set ended before its
    # first rep would be a skipped set, not a set done).
    app = PtyApp(home, "--routine", str(routine), "--self-paced")
    assert app.read_until(app.saw("Tiny")), app.output[-500:]
    app.press("\r")  # start: no get-ready, the first set begins
    assert app.read_until(app.saw("SQUATS"))
    app.press("\r")  # finish the first set now
    assert app.read_until(lambda: journal_sets(home) == 1), "the set never reached the journal"
    return app


def stop_and_save(app: PtyApp) -> None:
    """q, then y at the question; Escape skips "Any pain?"; wait for the save; q again on the
    Summary to leave."""
    app.press("q")
    assert app.read_until(app.saw("Stop this workout?"))
    app.press("y")
    assert app.read_until(app.saw(PAIN_QUESTION))
    leave_the_summary(app)


def leave_the_summary(app: PtyApp) -> None:
    """Escape on "Any pain?", then q on the Summary: the app ends. The Escape must have closed
    the question before q is pressed: a terminal sends Escape as a lone ESC byte, and an ESC
    followed at once by q is read as Alt+Q (which nothing answers). So the test waits for the
    Summary's table header, which the question covers, to be drawn again. A q that reaches the
    app while the question is still up is the question's (it ignores it), so q is pressed again
    each second, up to 20 times, until the app ends."""
    mark = len(app.output)
    app.press("\x1b")
    assert app.read_until(lambda: b"Exercise" in app.output[mark:]), "the question never closed"
    assert app.read_until(app.saw("Saved to history"))
    for _ in range(20):
        app.press("q")
        if app.wait(timeout=1.0) is not None:
            break
    assert app.status is not None, "q on the Summary did not end the app"


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


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_sighup_sigterm_or_sigint_saves_a_stopped_session(isolated_home: Path, tiny: Path, sig):
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


def test_ctrl_q_during_a_workout_asks_like_q_and_keeps_the_finished_set(isolated_home: Path, tiny: Path):
    app = start_and_finish_one_set(isolated_home, tiny)
    try:
        app.press("\x11")  # Ctrl+Q: the question `q` asks
        assert app.read_until(app.saw("Stop this workout?"))
        app.press("y")
        status = app.wait()
    finally:
        app.close()
    assert status is not None and os.WIFEXITED(status)
    sessions = History(isolated_home / "data").load().sessions
    assert [(s.status, len(s.sets)) for s in sessions] == [("stopped", 1)]


def test_ctrl_c_does_not_quit_or_lose_a_set(isolated_home: Path, tiny: Path):
    app = start_and_finish_one_set(isolated_home, tiny)
    try:
        app.press("\x03")  # Ctrl+C: Textual explains how to quit; the workout goes on
        assert app.read_until(app.saw("ctrl+q"), timeout=5) or app.wait(timeout=0.5) is None
        assert app.status is None, "Ctrl+C must not end the workout"
        stop_and_save(app)
    finally:
        app.close()
    sessions = History(isolated_home / "data").load().sessions
    assert [(s.status, len(s.sets)) for s in sessions] == [("stopped", 1)]


def test_two_copies_on_one_folder_keep_both_sessions(isolated_home: Path, tiny: Path):
    first = start_and_finish_one_set(isolated_home, tiny)
    second = PtyApp(isolated_home, "--routine", str(tiny), "--self-paced")
    try:
        # The second copy is told plainly, and leaves the first one's live journal alone.
        assert second.read_until(second.saw("running in another"), timeout=20), second.output[-800:]
        assert journal_sets(isolated_home) == 1
        second.press("\r")
        assert second.read_until(second.saw("SQUATS"))
        second.press("\r")
        assert second.read_until(lambda: journal_sets(isolated_home) == 2)
        for app in (first, second):
            stop_and_save(app)
    finally:
        first.close()
        second.close()
    sessions = History(isolated_home / "data").load().sessions
    assert [(s.status, len(s.sets)) for s in sessions] == [("stopped", 1), ("stopped", 1)]
    assert len({s.id for s in sessions}) == 2


def test_an_import_while_a_workout_saves_keeps_both(isolated_home: Path, tiny: Path, tmp_path: Path):
    from datetime import date

    from glute_tui.core.exchange import to_json
    from glute_tui.devtools.sample_history import make_sessions

    export = tmp_path / "export.json"
    export.write_text(to_json(make_sessions(300, end=date.today(), seed=5)))
    app = start_and_finish_one_set(isolated_home, tiny)
    try:
        importer = subprocess.Popen([sys.executable, "-m", "glute_tui", "import", str(export)],
                                    env={**os.environ, "GLUTE_TUI_HOME": str(isolated_home)},
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        app.press("q")
        assert app.read_until(app.saw("Stop this workout?"))
        app.press("y")  # the save and the import race for the same year's file
        assert app.read_until(app.saw(PAIN_QUESTION))
        out, err = importer.communicate(timeout=60)
        assert importer.returncode == 0, err
        leave_the_summary(app)  # skip it; the Summary's save status shows under it; q ends the app
    finally:
        app.close()
    sessions = History(isolated_home / "data").load().sessions
    assert len(sessions) == 301 and sum(s.status == "stopped" and len(s.sets) == 1 for s in sessions) >= 1


def test_a_terminal_without_unicode_gets_only_ascii(isolated_home: Path, tiny: Path):
    app = PtyApp(isolated_home, "--routine", str(tiny), env={"LANG": "C", "LC_ALL": "C", "LC_CTYPE": "C"})
    try:
        assert app.read_until(app.saw("Tiny"))
        app.press("\r")
        assert app.read_until(app.saw("SQUATS"))
        assert app.read_until(app.saw("Next:"))
        app.press("\x11")
        assert app.read_until(app.saw("Stop this workout?"))
        app.press("\x11")  # Ctrl+Q on the question: leave at once
        app.wait()
    finally:
        app.close()
    assert app.output.isascii(), sorted({chr(b) for b in app.output if b > 127})[:10]
    assert b"Sets x reps" in app.output and b"###" in app.output  # the table and the block number still read
