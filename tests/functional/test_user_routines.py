"""User routines: saving, copying, hand-edited files, and the progression that raises targets."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from glute_tui.cli.main import main
from glute_tui.core.progression import next_step, suggest
from glute_tui.core.results import summarize
from glute_tui.core.routines import Load, RoutineError, dump_routine
from glute_tui.devtools.scenes import advance, end_check
from glute_tui.store.history import History
from glute_tui.store.routine_files import builtin_routines, load_all, load_routine, save_user_routine
from glute_tui.ui.app import GluteApp
from glute_tui.ui.screens.summary import SummaryScreen


@pytest.mark.parametrize("routine", builtin_routines(), ids=lambda r: r.id)
def test_a_routine_saved_and_loaded_again_is_equal(routine, tmp_path: Path):
    path = tmp_path / f"{routine.id}.toml"
    path.write_text(dump_routine(routine))
    again = load_routine(path)
    assert again.exercises == routine.exercises
    assert (again.name, again.description, again.get_ready_s, again.switch_sides_s,
            again.rest_between_exercises_s) == (routine.name, routine.description, routine.get_ready_s,
                                                routine.switch_sides_s, routine.rest_between_exercises_s)


def test_a_hand_edited_user_file_works(paths):
    paths.routines_dir.mkdir(parents=True)
    (paths.routines_dir / "evening.toml").write_text(
        '# my evening one\nname = "Evening \\"quick\\" one"\n\n[[exercise]]\nid = "clamshell"\n'
        'sets = 2\nreps = 20\nload = "band:medium"\nsides = "both"\n')
    found = load_all(paths.routines_dir)
    evening = found.find("evening")
    assert evening.name == 'Evening "quick" one' and evening.exercises[0].load == Load("band", "medium")
    assert not evening.builtin and not found.faults


def test_copy_makes_a_user_routine_and_never_touches_the_built_in(paths, capsys):
    builtin_text = builtin_routines()[0].path.read_text()
    assert main(["routines", "copy", "article", "my-glutes"]) == 0
    assert (paths.routines_dir / "my-glutes.toml").exists()
    assert main(["routines"]) == 0
    out = capsys.readouterr().out
    assert "my-glutes" in out and "user" in out
    assert builtin_routines()[0].path.read_text() == builtin_text
    with pytest.raises(RoutineError):
        save_user_routine(builtin_routines()[0], paths.routines_dir)


@pytest.mark.parametrize("args,words", [
    (["routines", "copy", "article", "article"], "already used"),
    (["routines", "copy", "article", "My Routine"], "lower-case"),
    (["routines", "copy", "nope", "fine-id"], "no such routine"),
])
def test_copy_refuses_bad_input_with_exit_2(paths, capsys, args, words):
    assert main(args) == 2
    assert words in capsys.readouterr().err


def test_the_progression_ladder_reps_then_bands_then_kilograms():
    squat = builtin_routines()[0].exercises[0]  # 3 × 12, body weight
    steps = [squat]
    for _ in range(12):
        steps.append(next_step(steps[-1]))
    assert [(s.reps, str(s.load)) for s in steps[:7]] == [
        (12, "bodyweight"), (14, "bodyweight"), (16, "bodyweight"), (18, "bodyweight"), (20, "bodyweight"),
        (16, "band:extra-light"), (18, "band:extra-light")]
    assert str(steps[-1].load).startswith(("band:", "kg:"))
    bridge = next(r for r in builtin_routines() if r.id == "short").exercises[1]  # a 30 s hold
    assert next_step(bridge).hold_s == 35


def test_only_exercises_whose_targets_were_all_met_get_a_suggestion():
    from glute_tui.core.plan import build_plan
    from glute_tui.core.records import SetRecord

    routine = next(r for r in builtin_routines() if r.id == "short")  # squats squats 2×12, bridge hold 2×30 s, clamshells 2×12 /side
    plan = build_plan(routine)
    records = [SetRecord(s.item.id, s.side, s.set_no, s.item.reps, s.item.reps, s.item.hold_s, "bodyweight", 1)
               for s in plan.work_steps]
    records[0].reps = 10  # one squat set short
    ids = [s.exercise_id for s in suggest(routine, summarize(plan, records))]
    assert ids == ["glute-bridge", "clamshell"]


async def test_a_progression_taken_on_the_summary_raises_the_next_workout(paths, clock):
    from datetime import datetime, timedelta

    from glute_tui.devtools.sample_history import done_as_planned

    short = next(r for r in builtin_routines() if r.id == "short")  # the day before: met, felt right
    History(paths.data).add(done_as_planned(short, datetime.now().astimezone() - timedelta(days=1), pain=[]))
    app = GluteApp(builtin_routines(), paths, clock=clock, selected="short", speech_program=())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        while not screen.workout.engine.finished:  # "right" for each exercise, in the rest after its last set
            if screen.workout.rating_due() and screen.workout.rating() is None:
                await pilot.press("2")
            clock.now = screen.workout.engine.wakeup_at()
            screen.wake()
        await pilot.pause()
        await end_check(pilot, "2", "n")  # the last exercise's "How was it?", and no pain
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "Squats: 12 → 14 reps a set" in str(app.screen.query_one("#progression", Static).render())
        await pilot.press("p")
        assert "short-mine" in str(app.screen.query_one("#progression", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert str(app.screen.query_one("#routine-name", Static).render()) == "Busy-day glutes (mine)"
        await pilot.press("enter")
        await pilot.pause()
        await advance(pilot, clock, 10.5)
        assert "of 14 reps" in str(app.screen.query_one("#caption", Static).render())
        await advance(pilot, clock)  # finish the next workout too
        await end_check(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
    saved = load_routine(paths.routines_dir / "short-mine.toml")
    assert saved.exercises[0].reps == 14 and saved.exercises[1].hold_s == 35
    _, before, after = sorted(History(paths.data).load().sessions, key=lambda s: s.started)  # yesterday's first
    assert (before.routine, before.sets[0].target_reps) == ("short", 12)  # each set keeps its target
    assert (after.routine, after.sets[0].target_reps, after.sets[0].reps) == ("short-mine", 14, 14)
    assert [s.hold_s for s in after.sets if s.exercise == "glute-bridge"] == [35.0, 35.0]
