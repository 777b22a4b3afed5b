"""Kill a real saving process at random instants: nothing torn, lost, doubled or re-recovered."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from glute_tui.core.stats import date
from glute_tui.devtools.sample_history import make_sessions
from glute_tui.store.history import History

pytestmark = pytest.mark.slow

WORKER = Path(__file__).resolve().parents[1] / "crash_worker.py"
KILLS = 200  # about 45 s here; a slower machine takes longer, it does not fail


def test_sigkill_at_random_instants_never_tears_loses_or_doubles(tmp_path: Path):
    data = tmp_path / "data"
    history = History(data)
    # A history of some size, so that each rewrite takes a while and kills land inside it.
    history.add_many(make_sessions(150, end=date.today(), seed=3))
    rng = random.Random(20261124)
    kills = recovered_total = 0
    while kills < KILLS:
        worker = subprocess.Popen([sys.executable, str(WORKER), str(data)], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        assert worker.stdout.readline().strip() == "ready", worker.stderr.read()
        try:
            worker.wait(timeout=rng.uniform(0.0, 0.15))  # several save loops: the kill lands anywhere
        except subprocess.TimeoutExpired:
            pass
        worker.kill()
        worker.wait()
        kills += 1
        # The next start: recover, then check every promise.
        fresh = History(data)
        recovery = fresh.recover()
        assert not recovery.problems, recovery.problems
        recovered_total += len(recovery.recovered)
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
    assert recovered_total > 0, "no kill landed while a workout was journaled: the test did not test"
    print(f"\n{kills} kills, {recovered_total} journals recovered, "
          f"{len(History(data).load().sessions) - 150} sessions saved, 0 files unreadable")
