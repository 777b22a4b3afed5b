"""Cues: the exact sequence for a short routine, mute, and speech programs that misbehave."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from conftest import FakeClock, make_routine

from glute_tui.core.cues import Cue, CuePlayer
from glute_tui.core.engine import Engine
from glute_tui.core.plan import build_plan
from glute_tui.ui.app import GluteApp
from glute_tui.ui.screens.workout import WorkoutScreen
from glute_tui.ui.speech import DEFAULT_CANDIDATES, Speaker, find_speech_program


class RecordingSink:
    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.sounds: list[tuple[float, str, str, int]] = []
        self.flashes: list[tuple[float, str]] = []

    def sound(self, cue: Cue) -> None:
        self.sounds.append((round(self.clock.now - 1000, 3), cue.kind, cue.text, cue.bells))

    def flash(self, cue: Cue) -> None:
        self.flashes.append((round(self.clock.now - 1000, 3), cue.kind))


def short_one_sided(catalogue):
    return make_routine(catalogue, [{"id": "squat", "sets": 1, "reps": 2, "tempo_s": 1},
                                    {"id": "clamshell", "sets": 1, "reps": 2, "tempo_s": 1.5}],
                        get_ready_s=3, switch_sides_s=2, rest_between_exercises_s=4)


def follow(run: Engine, clock: FakeClock, player: CuePlayer) -> None:
    plan = run.plan

    def next_title(index: int) -> str:
        step = plan.next_work_after(index)
        return step.title if step else ""

    player.handle(run.start(), next_title)
    while not run.finished:
        clock.now = run.wakeup_at()
        player.handle(run.poll(), next_title)


def test_the_exact_cues_of_a_short_routine_with_a_one_sided_exercise(catalogue, clock):
    sink = RecordingSink(clock)
    follow(Engine(build_plan(short_one_sided(catalogue)), clock), clock, CuePlayer(sink))
    assert sink.sounds == [
        (0.0, "get-ready", "Get ready. First: Squats, 2 reps", 1),
        (0.0, "countdown", "3", 1), (1.0, "countdown", "2", 1), (2.0, "countdown", "1", 1),
        (3.0, "go", "Squats, 2 reps", 2),
        (5.0, "rest", "Rest 4 seconds, next: Clamshells, left leg, lying on your right side, 2 reps", 1),
        (6.0, "countdown", "3", 1), (7.0, "countdown", "2", 1), (8.0, "countdown", "1", 1),
        (9.0, "go", "Clamshells, left leg, lying on your right side, 2 reps", 2),
        (12.0, "switch", "Switch sides: right leg, lying on your left side", 3),
        (12.0, "countdown", "2", 1), (13.0, "countdown", "1", 1),
        (14.0, "go", "Clamshells, right leg, lying on your left side, 2 reps", 2),
        (17.0, "done", "Workout done. Well done!", 4),
    ]
    assert sink.flashes == [(0.0, "get-ready"), (3.0, "go"), (5.0, "rest"), (9.0, "go"), (12.0, "switch"),
                            (14.0, "go"), (17.0, "done")]


def test_a_long_hold_gets_a_halfway_cue_and_its_last_three_seconds(catalogue, clock):
    routine = make_routine(catalogue, [{"id": "glute-bridge", "sets": 1, "hold_s": 30}], get_ready_s=0)
    sink = RecordingSink(clock)
    follow(Engine(build_plan(routine), clock), clock, CuePlayer(sink))
    assert [(t, kind) for t, kind, _, _ in sink.sounds] == [
        (0.0, "go"), (15.0, "halfway"), (27.0, "countdown"), (28.0, "countdown"), (29.0, "countdown"),
        (30.0, "done")]


def test_mute_silences_every_cue_but_the_flash_stays(catalogue, clock):
    sink = RecordingSink(clock)
    follow(Engine(build_plan(short_one_sided(catalogue)), clock), clock, CuePlayer(sink, muted=True))
    assert sink.sounds == [] and len(sink.flashes) == 7


async def test_m_mutes_the_app_and_the_preference_remembers(paths, clock, builtins):
    app = GluteApp(list(builtins.values()), paths, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "m")
        assert app.ctx.cues.muted
    assert GluteApp(list(builtins.values()), paths, clock=clock).ctx.cues.muted  # the next start too


def script(folder: Path, name: str, body: str) -> str:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


@pytest.mark.parametrize("kind", ["missing", "hangs", "fails"])
async def test_a_bad_speech_program_never_delays_a_phase_change(paths, clock, builtins, tmp_path, kind):
    """No wall-clock limit (the machine may be slow): a program that hangs is still running when
    the whole workout has gone by, so no phase change waited for it; one that fails or cannot
    start changes nothing but the sound."""
    program = {"missing": str(tmp_path / "no-such-espeak"),
               "hangs": script(tmp_path, "hang", "sleep 600"),
               "fails": script(tmp_path, "fail", "exit 3")}[kind]
    app = GluteApp(list(builtins.values()), paths, clock=clock, selected="short", speech_program=(program,))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WorkoutScreen)
        phases = 0
        while not screen.workout.engine.finished:
            clock.now = screen.workout.engine.wakeup_at()
            index = screen.workout.engine.index
            screen.wake()  # the cue for a phase change is played inside this call
            phases += screen.workout.engine.index != index
        last = app.ctx.speaker._current
        if kind == "hangs":
            assert last is not None and last.poll() is None, "a poll waited for the speech program"
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert phases == len(screen.workout.plan.steps) - 1
        if kind == "missing":
            def told() -> bool:
                return any("could not start" in n.message and n.title == "Sound" for n in app._notifications)

            for _ in range(200):  # the toast is a message to the app: on a busy machine it can
                if told():  # take more than one pause to be handled
                    break
                await pilot.pause(0.05)
            assert told()
            assert not app.ctx.speaker.enabled
    app.ctx.speaker.close()


def test_a_hung_cue_is_cut_off_by_the_next(tmp_path):
    speaker = Speaker((script(tmp_path, "hang", "sleep 30"),))
    speaker.say("one")
    first = speaker._current
    speaker.say("two")
    assert first.wait(timeout=5) != 0  # killed
    speaker.close()
    assert speaker._current.wait(timeout=5) != 0


def test_the_speech_program_is_found_in_order():
    found = {"spd-say": "/usr/bin/spd-say", "say": "/usr/bin/say"}
    assert find_speech_program(found.get, DEFAULT_CANDIDATES) == ("/usr/bin/spd-say", "--wait")
    assert find_speech_program(lambda name: None, DEFAULT_CANDIDATES) is None
    both = {"espeak-ng": "/x/espeak-ng", "say": "/y/say"}.get
    assert os.path.basename(find_speech_program(both, DEFAULT_CANDIDATES)[0]) == "espeak-ng"


async def test_a_change_of_phase_flashes_the_screen_in_its_colour(paths, clock, builtins):
    app = GluteApp(list(builtins.values()), paths, clock=clock, selected="short", flash_s=60)  # no wall-clock race
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        panel = app.screen  # the phase's classes are on the screen
        assert panel.has_class("-flash-get-ready")
        await pilot.press("enter")  # the first set starts
        await pilot.pause()
        assert panel.has_class("-flash-go") and not panel.has_class("-flash-get-ready")


def test_a_desktop_notification_reaches_the_terminal_through_the_apps_own_driver(isolated_home: Path,
                                                                                 tmp_path: Path):
    """The real app in a terminal: with notifications on, a change of phase writes OSC 9 and
    OSC 777 to the terminal, through the driver that hands itself to the cues when its
    application mode starts (terminal_cues.told_driver; no private App._driver)."""
    from ptyapp import TINY_ROUTINE, PtyApp

    from glute_tui.core.preferences import Preferences
    from glute_tui.store.paths import AppPaths
    from glute_tui.store.preferences import save_preferences

    prefs_file = AppPaths.resolve(isolated_home).preferences_file
    prefs_file.parent.mkdir(parents=True, exist_ok=True)
    save_preferences(prefs_file, Preferences(notifications=True))
    tiny = tmp_path / "tiny.toml"
    tiny.write_text(TINY_ROUTINE)
    app = PtyApp(isolated_home, "--routine", str(tiny), "--self-paced")
    try:
        assert app.read_until(app.saw("Tiny")), app.output[-500:]
        assert b"\x1b]9;" not in app.output  # nothing before a workout
        app.press("\r")
        assert app.read_until(lambda: b"\x1b]9;glute-tui: " in app.output), app.output[-500:]
    finally:
        app.close()
    assert b"\x1b]777;notify;glute-tui;" in app.output
