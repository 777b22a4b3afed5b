"""Start-up: what the launcher does for a quick first frame, and that it undoes it."""

from __future__ import annotations

import gc
import subprocess
import sys
import weakref

from glute_tui.cli.main import main
from glute_tui.store.routine_files import builtin_routines
from glute_tui.ui.app import GluteApp
from glute_tui.ui.screens.workout import WorkoutScreen


async def test_the_collector_is_back_on_after_the_first_frame(paths, clock):
    gc.disable()  # as the launcher leaves it
    try:
        app = GluteApp(builtin_routines(), paths, clock=clock, speech_program=())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0  # start-up's objects are skipped from then on
    finally:
        gc.unfreeze()
        gc.enable()


class Node:
    pass


def freed_cycle() -> weakref.ref[Node]:
    """A cycle let go of: only a collection frees it."""
    cycle = Node()
    cycle.itself = cycle  # type: ignore[attr-defined]
    gone = weakref.ref(cycle)
    del cycle
    assert gone() is not None
    return gone


async def test_the_garbage_of_start_up_is_collected_not_frozen(paths, clock):
    gc.disable()
    try:
        gone = freed_cycle()
        app = GluteApp(builtin_routines(), paths, clock=clock, speech_program=())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert gc.get_freeze_count() > 0
            assert gone() is None  # a frozen cycle would stay resident for as long as the app runs
    finally:
        gc.unfreeze()
        gc.enable()


async def test_a_workout_is_built_after_the_garbage_left_before_it_is_freed(paths, clock):
    """Home's garbage is freed before the workout's widgets are made, which reuse its memory."""
    gc.disable()  # as the launcher leaves it: the app freezes start-up's objects after its first frame
    try:
        app = GluteApp(builtin_routines(), paths, clock=clock, speech_program=())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert gc.get_freeze_count() > 0
            gc.disable()  # from here, only the workout's own collection may free it
            gone = freed_cycle()
            await pilot.press("enter")  # Start, on Home
            await pilot.pause()
            assert isinstance(app.screen, WorkoutScreen)
            assert gone() is None
    finally:
        gc.unfreeze()
        gc.enable()


async def test_the_garbage_of_a_change_of_phase_is_freed_once_it_is_over(paths, clock, monkeypatch):
    """Each change of phase restyles the screen; once that is over, a collection frees what it
    left (the workout's start is the first change)."""
    monkeypatch.setattr(WorkoutScreen, "COLLECT_AFTER_S", 0.01)
    gc.disable()
    try:
        app = GluteApp(builtin_routines(), paths, clock=clock, speech_program=())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("enter")  # Start: the get-ready phase
            await pilot.pause()
            assert isinstance(app.screen, WorkoutScreen)
            gc.disable()
            gone = freed_cycle()
            await pilot.pause(0.1)
            assert gone() is not None  # no change of phase: nothing collected
            await pilot.press("enter")  # the get-ready ends: the first set
            await pilot.pause(0.1)
            assert app.screen.shown.phase == "work"
            assert gone() is None
    finally:
        gc.unfreeze()
        gc.enable()


async def test_an_app_started_with_the_collector_on_leaves_it_alone(paths, clock):
    frozen = gc.get_freeze_count()  # the test worker's own (tests/conftest.py), if any
    app = GluteApp(builtin_routines(), paths, clock=clock, speech_program=())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert gc.isenabled()
        assert gc.get_freeze_count() == frozen


def test_a_command_turns_the_collector_back_on(capsys):
    gc.disable()
    try:
        assert main(["routines"]) == 0
        assert gc.isenabled()
        assert "short" in capsys.readouterr().out
    finally:
        gc.enable()


def test_version_is_printed_to_stdout(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("glute-tui ")


def test_the_start_path_does_not_load_what_only_version_needs():
    probe = "import sys, glute_tui.cli.main; print('importlib.metadata' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_the_app_s_start_path_does_not_load_openssl():
    """hashlib (and secrets, through hmac) load OpenSSL: 0.5 MB resident. They are imported
    where a history file is hashed, not at start."""
    probe = ("import sys, glute_tui.cli.main, glute_tui.cli.app, glute_tui.ui.app, glute_tui.ui.screens.home, "
             "glute_tui.ui.screens.workout; print(sorted({'hashlib', 'secrets', '_hashlib'} & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_key_is_shown_as_textual_shows_it():
    """GluteApp.get_key_display skips Textual's Unicode name search for a letter or digit; what
    it shows is Textual's own display of the key."""
    from textual.app import App
    from textual.binding import Binding

    ours, textual = object.__new__(GluteApp), App()
    for key in ("q", "Q", "1", "ctrl+q", "ctrl+p", "ctrl+1", "shift+a", "alt+q", "ctrl+shift+x", "question_mark",
                "enter", "space", "home", "plus", "escape", "f1"):
        binding = Binding(key, "x")
        assert GluteApp.get_key_display(ours, binding) == App.get_key_display(textual, binding), key
    assert GluteApp.get_key_display(ours, Binding("q", "x", key_display="Q!")) == "Q!"
