"""Shared fixtures: a clock tests move by hand, and a data folder that is never the real one."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from glute_tui.core.engine import Engine
from glute_tui.core.plan import build_plan
from glute_tui.core.routines import Routine, parse_routine
from glute_tui.devtools.clock import ManualClock
from glute_tui.store.paths import HOME_ENV, AppPaths
from glute_tui.store.routine_files import builtin_routines, load_catalogue

FakeClock = ManualClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own GLUTE_TUI_HOME: no test touches a real home directory."""
    home = tmp_path / "glute-home"
    monkeypatch.setenv(HOME_ENV, str(home))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    return home


@pytest.fixture(autouse=True)
def no_speech_program(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never start a real speech program, whatever the machine has."""
    monkeypatch.setattr("glute_tui.ui.speech.CANDIDATES", ())


@pytest.fixture(autouse=True)
def no_tone_player(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never play a real tone, whatever players the machine has (tests/functional/test_tones.py
    plays one on purpose, on aplay's null device)."""
    monkeypatch.setattr("glute_tui.ui.sound.PLAYERS", ())


def fsync_checks_the_descriptor_only(fd: int) -> None:
    """`os.fsync` in this test process: a bad descriptor still raises (as fsync would), but
    nothing waits for the disk. No test can tell a synced file from one in the page cache (only
    a power cut can), and on a busy shared disk the waits were a sixth of the unit tests' time.
    That every save still syncs is checked in tests/unit/test_file_safety.py; the real
    processes (pty, crash and serve tests) sync for real."""
    os.fstat(fd)


@pytest.fixture(autouse=True)
def no_waiting_for_the_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "fsync", fsync_checks_the_descriptor_only)


@pytest.fixture
def paths(isolated_home: Path) -> AppPaths:
    return AppPaths.resolve()


@pytest.fixture(scope="session")
def catalogue():
    return load_catalogue()


@pytest.fixture(scope="session")
def builtins() -> dict[str, Routine]:
    return {r.id: r for r in builtin_routines()}


def make_routine(catalogue, exercises: list[dict], **top) -> Routine:
    """A routine from plain values, as a TOML file would give them."""
    doc = {"name": "Test routine", "get_ready_s": 3, "switch_sides_s": 2,
           "rest_between_exercises_s": 4, **top, "exercise": exercises}
    return parse_routine(doc, Path("test.toml"), catalogue)


def two_sets_of_squats(catalogue, clock: FakeClock, *, reps: int, tempo_s: float) -> Engine:
    """Two paced sets of squats, 30 s of rest between them, no get-ready: started on `clock`."""
    routine = make_routine(catalogue, [{"id": "squat", "sets": 2, "reps": reps, "tempo_s": tempo_s,
                                        "rest_s": 30}], get_ready_s=0)
    run = Engine(build_plan(routine), clock)
    run.start()
    return run


# The longest tests start first, so that on every core the suite ends with the short ones and
# no core waits alone for a long test begun last (`make test`: pytest-xdist handing out one test
# at a time). The slow files, heaviest first as measured, the two browser files apart so that
# the first two tests each core takes are not four browsers at once (a slow file not named here
# starts after these, before the rest); then the other functional tests; the unit tests last.
HEAVIEST_FIRST = (
    "test_touch_browser.py", "test_crash_safety.py", "test_big_backup.py", "test_browser.py",
    "test_processes.py", "test_serve_processes.py", "test_hangup.py", "test_any_terminal.py",
)


def _start_order(item: pytest.Item) -> tuple[int, int]:
    if item.get_closest_marker("slow") is not None:
        name = item.path.name
        return 0, HEAVIEST_FIRST.index(name) if name in HEAVIEST_FIRST else len(HEAVIEST_FIRST)
    return (1 if "functional" in item.path.parts else 2), 0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=_start_order)  # stable: each file keeps its own order


# The garbage collector, tuned for a test worker. A Pilot test makes and drops hundreds of
# thousands of objects (each frame's strips, each strip with its caches), and a worker keeps
# what it imported, and the tests that ran before, for minutes. At Python's default thresholds
# (700, 10, 10) the collector ran 4,500 times over test_touch.py and test_durability.py, 34 of
# them over the whole heap: 7.3 s of their 24 s of CPU. Collecting the young generation every
# 10,000 allocations instead left 2.3 s (20 s in all). What the workers imported is frozen
# once collected, so that no full collection walks it again. The app sets its own collector
# (cli/launch.py, ui/app.py): these settings are the test process's, not the app's.
GC_THRESHOLDS = (10_000, 10, 10)


def pytest_configure(config: pytest.Config) -> None:
    gc.set_threshold(*GC_THRESHOLDS)


def pytest_collection_finish(session: pytest.Session) -> None:
    gc.collect()
    gc.freeze()


def pytest_sessionfinish(session: pytest.Session) -> None:
    """At its exit pytest collects five times over, so that finalizers run while it still
    reports what they raise; in a worker of many apps each pass walked 0.5-0.9 s of objects,
    all at the same moment in every worker: several seconds of the suite's end. One collection
    here runs the same finalizers, still reported; what survives it is frozen, and pytest's
    passes then walk only what those finalizers left."""
    gc.collect()
    gc.freeze()
