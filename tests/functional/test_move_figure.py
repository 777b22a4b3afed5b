"""The figure on the workout screen moves with the tempo; a person's own exercise runs like a built-in one."""

from __future__ import annotations

import json

import pytest

from glute_tui.cli.main import main
from glute_tui.devtools.scenes import advance, end_check
from glute_tui.store.history import History
from glute_tui.store.routine_files import load_all
from glute_tui.ui.app import GluteApp
from glute_tui.ui.screens.summary import SummaryScreen
from glute_tui.ui.screens.workout import WorkoutScreen
from glute_tui.ui.widgets.move_figure import MoveFigure


def frame(figure_widget: MoveFigure, index: int) -> str:
    assert figure_widget.figure is not None
    return "\n".join(figure_widget.figure.frames(figure_widget.unicode)[index])


async def test_the_figure_goes_down_at_the_rep_and_up_at_the_half_rep(paths, clock, builtins):
    app = GluteApp(list(builtins.values()), paths, clock=clock, selected="article", speech_program=())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WorkoutScreen)
        figure = screen.query_one(MoveFigure)
        assert figure.display and figure.figure is not None and figure.figure.id == "squat"  # get-ready shows it
        await pilot.press("enter")  # the get-ready ends: the first squat starts now
        await pilot.pause()
        start = clock.now
        assert figure.frame == 1 and figure.frame_text() == frame(figure, 1)  # down, on the first half
        clock.now = start + 1.0
        screen.wake()
        assert screen.workout.wake_at() == pytest.approx(start + 1.5)  # the screen wakes for the frame
        clock.now = start + 1.49
        screen.wake()
        assert figure.frame == 1
        clock.now = start + 1.5  # the half-rep: up
        screen.wake()
        await pilot.pause()
        assert figure.frame == 0 and figure.frame_text() == frame(figure, 0)
        assert screen.shown is not None and screen.shown.number == "0"
        clock.now = start + 2.99
        screen.wake()
        assert figure.frame == 0
        clock.now = start + 3.0  # the rep is counted, and the next one goes down again
        screen.wake()
        await pilot.pause()
        assert figure.frame == 1 and screen.shown.number == "1"
        await pilot.press("space")  # paused: the figure stands still, no wake-up for it
        assert screen.workout.wake_at() is None and figure.frame == 1


async def test_the_figure_is_hidden_below_80x24_and_the_number_keeps_its_room(paths, clock, builtins):
    app = GluteApp(list(builtins.values()), paths, clock=clock, selected="article", speech_program=())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        figure = app.screen.query_one(MoveFigure)
        assert figure.display
        await pilot.resize_terminal(79, 24)
        await pilot.pause()
        assert not figure.display
        await pilot.resize_terminal(100, 23)
        await pilot.pause()
        assert not figure.display
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert figure.display


async def test_a_self_paced_set_alternates_the_figure_slowly(paths, clock, builtins):
    app = GluteApp(list(builtins.values()), paths, clock=clock, selected="article", speech_program=(),
                   counting="self-paced")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        screen = app.screen
        figure = screen.query_one(MoveFigure)
        start = clock.now
        assert figure.frame == 0
        clock.now = start + 2.0
        screen.wake()
        assert figure.frame == 1
        clock.now = start + 4.0
        screen.wake()
        assert figure.frame == 0


USER_EXERCISES = '''
[[exercise]]
id = "monster-walk"
name = "Monster walks"
sides = "alternate"
reps = 4
tempo_s = 2
cues = ["Band above the knees"]

[[exercise]]
id = "copenhagen-plank"
name = "Copenhagen plank"
sides = "both"
hold_s = 10
figure = "side-lying-leg-lift"
'''

USER_ROUTINE = '''
name = "Physio"
get_ready_s = 2
switch_sides_s = 2
rest_between_exercises_s = 3
[[exercise]]
id = "monster-walk"
sets = 1
reps = 4
tempo_s = 2
rest_s = 3
[[exercise]]
id = "copenhagen-plank"
sets = 1
hold_s = 10
rest_s = 3
'''


async def test_a_users_exercise_runs_is_saved_exported_and_counted_like_a_built_in_one(paths, clock, capsys):
    paths.routines_dir.mkdir(parents=True)
    paths.exercises_file.write_text(USER_EXERCISES)
    (paths.routines_dir / "physio.toml").write_text(USER_ROUTINE)
    found = load_all(paths.routines_dir)
    assert not found.faults
    app = GluteApp(found.routines, paths, clock=clock, selected="physio", speech_program=(),
                   catalogue=found.catalogue)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 2.0)  # the get-ready
        screen = app.screen
        assert screen.shown.title == "MONSTER WALKS" and screen.shown.side == "ALTERNATE · NOW LEFT LEG"
        assert screen.query_one(MoveFigure).figure.id == "neutral"  # no drawing of its own
        await advance(pilot, clock, 2.0)
        assert screen.shown.number == "1" and screen.shown.side == "ALTERNATE · NOW RIGHT LEG"
        await advance(pilot, clock, 6.0 + 3.0)  # the set ends on its 4th rep, then the rest
        assert screen.shown.title == "COPENHAGEN PLANK" and screen.shown.side == "LEFT LEG"
        assert screen.query_one(MoveFigure).figure.id == "side-lying-leg-lift"
        await advance(pilot, clock)
        await end_check(pilot)  # "Any pain?" at the end: skipped
        assert isinstance(app.screen, SummaryScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
    session = History(paths.data).load().sessions[0]
    assert [(s.exercise, s.side, s.reps, s.hold_s) for s in session.sets] == [
        ("monster-walk", "alternate", 4, None), ("copenhagen-plank", "left", None, 10.0),
        ("copenhagen-plank", "right", None, 10.0)]
    capsys.readouterr()
    assert main(["export"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert [s["exercise"] for s in exported["sessions"][0]["sets"]] == [
        "monster-walk", "copenhagen-plank", "copenhagen-plank"]
    assert main(["stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["sessions"] == 1 and stats["reps_by_exercise"]["monster-walk"] == 4, stats
    assert stats["total_hold_s"] == 20.0 and "copenhagen-plank" in stats["best_set_by_exercise"], stats


class TickingSink:
    """A sink with a tone player: records the ticks of the tempo cue."""

    def __init__(self, clock) -> None:
        self.clock = clock
        self.ticks: list[float] = []

    def sound(self, cue) -> None:
        pass

    def flash(self, cue) -> None:
        pass

    def tick(self) -> None:
        self.ticks.append(self.clock.now)


@pytest.mark.parametrize("wanted", [False, True])
async def test_the_tempo_cue_ticks_at_each_turn_of_a_paced_rep_only_when_asked(paths, clock, builtins, wanted):
    sink = TickingSink(clock)
    app = GluteApp(list(builtins.values()), paths, clock=clock, selected="article", speech_program=(),
                   cue_sink=sink)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.ctx.settings.current.tempo_cue is False  # off by default
        app.ctx.settings.update(tempo_cue=wanted)
        await pilot.pause()
        await pilot.press("enter", "enter")
        await pilot.pause()
        start = clock.now
        await advance(pilot, clock, 6.0)
        expected = [start + 1.5, start + 3.0, start + 4.5, start + 6.0] if wanted else []
        assert sink.ticks == pytest.approx(expected)


def test_without_a_tone_player_the_tempo_cue_is_silent():
    from glute_tui.core.cues import CuePlayer

    class BellOnly:
        def sound(self, cue) -> None: ...
        def flash(self, cue) -> None: ...

    player = CuePlayer(BellOnly(), tempo_cue=True)
    assert not player.can_tick
    player.turn()  # nothing to play, nothing raised


async def test_a_users_exercise_named_like_markup_is_shown_as_written(paths, clock):
    paths.routines_dir.mkdir(parents=True)
    paths.exercises_file.write_text('[[exercise]]\nid = "hips"\nname = "Hips [/] [b]x[/b] :fire:"\nsides = "none"\n'
                                    'cues = ["[red]slow[/red]"]\n')
    (paths.routines_dir / "mine.toml").write_text('name = "Mine"\nget_ready_s = 0\n[[exercise]]\nid = "hips"\n'
                                                  'sets = 1\nreps = 2\n')
    found = load_all(paths.routines_dir)
    assert not found.faults
    app = GluteApp(found.routines, paths, clock=clock, selected="mine", speech_program=(), catalogue=found.catalogue)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 0.5)
        screen = app.screen
        assert str(screen.query_one("#phase-title").render()) == "HIPS [/] [B]X[/B] :FIRE:"
        assert "[red]slow[/red]" in str(screen.query_one("#form-cues").render())
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()


class FakeTones:
    def __init__(self, available: bool) -> None:
        self.available = available
        self.kinds: list[str] = []

    def play(self, kind: str) -> bool:
        self.kinds.append(kind)
        return True


@pytest.mark.parametrize("available,use_tones,web,played", [
    (True, True, False, ["tick"]), (False, True, False, []), (True, False, False, []), (True, True, True, [])])
def test_the_terminal_plays_the_tick_as_a_tone_and_never_rings_the_bell_for_it(available, use_tones, web, played):
    from glute_tui.ui.terminal_cues import TerminalCues

    class NoBell:
        def bell(self) -> None:
            raise AssertionError("the bell is too harsh for every rep")

    tones = FakeTones(available)
    sink = TerminalCues(NoBell(), speaker=None, tones=tones)
    sink.use_tones, sink.web = use_tones, web
    assert sink.can_tick == bool(played)
    sink.tick()
    assert tones.kinds == played


def test_the_tick_is_short_and_softer_than_any_cue():
    from glute_tui.core.tones import PATTERNS, duration_s, samples

    def peak(kind: str) -> int:
        import array
        return max(abs(v) for v in array.array("h", samples(PATTERNS[kind], 70)))

    assert duration_s(PATTERNS["tick"]) <= 0.05
    assert all(peak("tick") < peak(kind) / 2 for kind in PATTERNS if kind != "tick")
