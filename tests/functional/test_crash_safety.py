"""Kill a real saving process at random instants: nothing torn, lost, doubled or re-recovered."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from glute_tui.core.stats import date
from glute_tui.devtools.sample_history import make_sessions
from glute_tui.store.history import History

pytestmark = pytest.mark.slow

WORKER = Path(__file__).resolve().parents[1] / "crash_worker.py"
KILLS = 120  # a saving process forked for each (tests/crash_worker.py): about 10 s here, and in
# each run most land while a workout is journaled (100 of 120 here; recovered_total is checked)


def recovered_at_the_next_start(data: Path) -> int:
    """The next start after a kill: recover, check every promise, and say how many journals
    were recovered."""
    fresh = History(data)
    recovery = fresh.recover()
    assert not recovery.problems, recovery.problems
    loaded = fresh.load()
    assert not loaded.problems, loaded.problems  # no file ever unreadable
    ids = [s.id for s in loaded.sessions]
    assert len(ids) == len(set(ids)), "a session was saved twice"
    saved = set((data / "done.log").read_text().split()) if (data / "done.log").exists() else set()
    assert saved <= set(ids), "a session the process saw saved is missing"
    assert not list((data / "journal").glob("*.jsonl")), "a journal was left behind"
    assert fresh.recover().recovered == [], "a journal was recovered twice"
    for path in fresh.files():
        json.loads(path.read_text())  # every file is whole JSON
    assert not list(data.glob(".*.tmp")), "a dead writer's temporary file was not cleaned"
    return len(recovery.recovered)


def test_sigkill_at_random_instants_never_tears_loses_or_doubles(tmp_path: Path):
    data = tmp_path / "data"
    history = History(data)
    # A history of some size, so that each rewrite takes a while and kills land inside it.
    history.add_many(make_sessions(150, end=date.today(), seed=3))
    rng = random.Random(20261124)
    kills = recovered_total = 0
    worker = subprocess.Popen([sys.executable, str(WORKER), str(data)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert worker.stdout.readline().strip() == "ready"
        while kills < KILLS:
            worker.stdin.write("go\n")
            worker.stdin.flush()
            saver = int(worker.stdout.readline())  # a fresh process, its history open, saving
            # A save loop (journal three sets, save the session) takes about 23 ms with this
            # history: up to 60 ms spans two or three of them, so the kill lands anywhere in one
            # (the saver burns a core meanwhile: a longer wait only costs the suite's time).
            time.sleep(rng.uniform(0.0, 0.06))
            os.kill(saver, signal.SIGKILL)
            status = int(worker.stdout.readline())
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, \
                "the saving process ended before the kill (its error is printed above)"
            kills += 1
            recovered_total += recovered_at_the_next_start(data)
    finally:
        worker.kill()
        worker.wait()
    assert recovered_total > 0, "no kill landed while a workout was journaled: the test did not test"
    print(f"\n{kills} kills, {recovered_total} journals recovered, "
          f"{len(History(data).load().sessions) - 150} sessions saved, 0 files unreadable")
