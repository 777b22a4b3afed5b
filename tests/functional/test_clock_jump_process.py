"""A real process stopped mid-set (SIGSTOP ... SIGCONT): the time away counts for nothing.

The stop is short (3 s) and the app is told to treat a gap of 2 s as time away
($GLUTE_TUI_CLOCK_JUMP_S; 5 s by default). The test measures nothing about the machine's
speed: it only bounds the set's seconds by the time the test itself let the process run.
"""

from __future__ import annotations

import json
import re
import signal
import time
from pathlib import Path

import pytest
from ptyapp import TINY_ROUTINE, PtyApp, journal_sets

pytestmark = pytest.mark.slow

STOP_S = 3.0
JUMP_S = 2.0


def journal_records(home: Path) -> list[dict]:
    lines = []
    for path in (home / "data" / "journal").glob("*.jsonl"):
        lines += [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [line["record"] for line in lines if line.get("type") == "set"]


def test_a_process_stopped_mid_set_pauses_and_counts_nothing_for_the_time_away(tmp_path: Path):
    routine = tmp_path / "tiny.toml"
    routine.write_text(TINY_ROUTINE)  # no get-ready: Enter on Home starts a 10 x 3 s paced set
    home = tmp_path / "home"
    app = PtyApp(home, "--routine", str(routine), env={"GLUTE_TUI_CLOCK_JUMP_S": str(JUMP_S)})
    try:
        assert app.read_until(app.saw("Tiny")), app.output[-500:]
        pressed = time.monotonic()  # the set cannot start before this
        app.press("\r")
        assert app.read_until(app.saw("SQUATS")), app.output[-500:]
        stopped = time.monotonic()  # nor can it count anything after this, until resumed
        app.signal(signal.SIGSTOP)
        time.sleep(STOP_S)
        app.signal(signal.SIGCONT)
        seen_before = len(app.output)
        note = re.compile(rb"Paused \(the app was stopped for (\d+):(\d\d)\)")
        assert app.read_until(lambda: note.search(app.output, seen_before) is not None), app.output[-800:]
        match = note.search(app.output, seen_before)
        assert match is not None
        away = int(match.group(1)) * 60 + int(match.group(2))
        assert away >= STOP_S  # the whole stop, at least
        app.press("\r")  # finish the set: the reps counted before the stop, no more
        assert app.read_until(lambda: journal_sets(home) == 1), "the set never reached the journal"
        record = journal_records(home)[0]
        assert record["seconds"] <= stopped - pressed + 0.05
        assert record["reps"] <= int((stopped - pressed) / 3) + 1
    finally:
        app.close()
