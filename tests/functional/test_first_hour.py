"""Issue 13: the rough edges a newcomer hit in their first hour, each checked as they met it."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from conftest import FakeClock, make_routine
from textual.widgets import DataTable

from glute_tui.cli.main import main
from glute_tui.core.display import describe
from glute_tui.core.engine import Engine
from glute_tui.core.plan import REST, SWITCH, WORK, build_plan
from glute_tui.core.records import Session, SetRecord, sets_done
from glute_tui.core.results import overall, summarize
from glute_tui.core.stats import session_row
from glute_tui.devtools.scenes import advance, end_check
from glute_tui.store.history import History
from glute_tui.store.routine_files import builtin_routines
from glute_tui.ui.app import GluteApp
from glute_tui.ui.screens.summary import SummaryScreen


def make_app(paths, clock: FakeClock, selected: str = "short", **kwargs) -> GluteApp:
    return GluteApp(builtin_routines(), paths, selected=selected, clock=clock, **kwargs)


def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def record(exercise: str, set_no: int, reps: int | None, side: str = "none", *, hold: float | None = None,
           skipped: bool = False) -> SetRecord:
    return SetRecord(exercise, side, set_no, 10, reps, hold, "bodyweight", 30.0, skipped)


# --- bug 2: the Summary says per exercise what was met, never a false "Every target met" ---------

def test_a_missed_hold_is_named_and_every_target_met_is_not_said(catalogue, clock):
    routine = make_routine(catalogue, [{"id": "squat", "sets": 1, "reps": 2, "tempo_s": 1},
                                       {"id": "glute-bridge", "sets": 1, "hold_s": 60}])
    plan = build_plan(routine)
    records = [record("squat", 1, 2), record("glute-bridge", 1, None, hold=1.0)]
    results = summarize(plan, records)
    assert [r.verdict for r in results] == ["Squats: met (1 set, 2 reps)",
                                            "Glute bridge: not met (held 1 of 60 s)"]
    assert overall(results) == "Targets met for 1 of 2 exercises."
    assert overall(summarize(plan, [record("squat", 1, 2), record("glute-bridge", 1, None, hold=60.0)])) \
        == "Every target met."


async def test_the_summary_lists_what_was_met_and_what_was_not(paths, clock):
    app = make_app(paths, clock)  # the short routine: squats 2 × 12, bridges 2 × 15, clamshells
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 10 + 36)  # get ready, then the first set of squats in full
        await pilot.press("enter")  # the rest ends early
        await advance(pilot, clock, 30)  # ten of twelve squats
        await pilot.press("enter")
        screen = app.screen
        while not screen.workout.engine.finished:  # paced sets count as met only when rated easy or right:
            if screen.workout.rating_due() and screen.workout.rating() is None:
                await pilot.press("2")  # "How was it?" in the rest after each exercise: right
            clock.now = screen.workout.engine.wakeup_at()
            screen.wake()
        await pilot.pause()
        await end_check(pilot, "2", "n")  # the clamshells: right; no pain
        assert isinstance(app.screen, SummaryScreen)
        shown = text(app, "#progression")
        assert "Every target met" not in shown
        assert "Targets met for 2 of 3 exercises." in shown
        assert "Squats: stay at this level (not met: 22 of 24 reps)" in shown
        table = app.screen.query_one("#summary-table", DataTable)
        assert [table.row_cells(i)["Target"] for i in range(3)] == ["not met", "met ✓", "met ✓"]


# --- bug 4: one definition of "sets done", from what was saved with the session -----------------

def saved_session(planned: int | None) -> Session:
    start = datetime(2026, 11, 20, 7, 30).astimezone()
    return Session("article", "Runner's glute routine", start.isoformat(timespec="seconds"),
                   (start + timedelta(minutes=9)).isoformat(timespec="seconds"), "stopped",
                   sets=[record("squat", 1, 12), record("squat", 2, 12),
                         record("single-leg-deadlift", 1, 10, "left"),
                         record("single-leg-deadlift", 1, 9, "right"),
                         record("single-leg-deadlift", 2, 0, "left", skipped=True)],
                   planned_sets=planned)


def test_sets_done_counts_a_two_sided_set_once_against_the_saved_plan():
    session = saved_session(15)
    assert sets_done(session.sets) == 3
    assert session_row(session)[3] == "3/15"
    assert Session.from_dict(session.to_dict()).sets_planned == 15  # saved with the session
    assert session_row(saved_session(None))[3] == "3/4"  # an older file: the sets it recorded


async def test_history_screen_and_command_show_the_same_sets_done(paths, clock, capsys):
    History(paths.data).add(saved_session(15))
    assert main(["history"]) == 0
    assert "3/15" in capsys.readouterr().out
    app = make_app(paths, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#sessions", DataTable)
        assert table.row_cells(0)["Sets"] == "3/15"


# --- bug 5: ↑/↓ during "Switch sides" shows the count it corrects ---------------------------------

async def test_up_during_switch_sides_shows_the_side_just_finished_with_its_correction(
        paths, clock, catalogue):
    routine = make_routine(catalogue, [{"id": "clamshell", "sets": 1, "reps": 10, "tempo_s": 1}],
                           get_ready_s=0)
    app = GluteApp([routine], paths, selected=routine.id, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 10)  # ten clamshells on the left leg
        assert text(app, "#phase-title") == "SWITCH SIDES"
        assert "last set: left leg 10 reps" in text(app, "#caption")
        await pilot.press("down")
        assert "last set: left leg 9 reps (↑↓ to correct)" in text(app, "#caption")
        assert app.screen.workout.engine.done_records()[0].reps == 9


# --- bug 11: a set finished before its first rep is not a set done --------------------------------

def test_a_paced_set_finished_before_its_first_rep_is_recorded_as_skipped(catalogue, clock):
    run = Engine(build_plan(make_routine(catalogue, [{"id": "squat", "sets": 2, "reps": 5}],
                                             get_ready_s=0)), clock)
    run.start()
    clock.advance(1)  # the first rep comes at 3 s
    run.finish_step()
    [first] = run.done_records()
    assert first.skipped and not first.done
    assert sets_done(run.done_records()) == 0


async def test_a_workout_of_only_unstarted_sets_is_not_saved(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter")  # get ready ends; the first set starts
        await pilot.press("enter")  # and is finished before its first rep
        await pilot.press("q")
        await pilot.press("y")  # stop and save
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "No set was done, so nothing was saved." in text(app, "#save-status")
    assert History(paths.data).load().sessions == []


# --- awkward: a skipped set is not followed by its full rest ---------------------------------------

def test_a_skipped_set_is_followed_by_a_short_rest_not_the_full_one(catalogue, clock):
    plan = build_plan(make_routine(catalogue, [{"id": "squat", "sets": 3, "reps": 5, "rest_s": 60}],
                                   get_ready_s=0))
    run = Engine(plan, clock)
    run.start()
    run.skip()
    assert run.step.kind == REST
    assert run.view().remaining_s == 10
    run.skip()  # the rest
    clock.advance(15)  # a set done in full (5 reps × 3 s) is followed by the whole rest
    run.poll()
    assert run.step.kind == REST and run.view().remaining_s == 60


# --- awkward: side-lying moves name the working leg; a held bridge has a hold's cues ---------------

def test_side_lying_moves_say_which_leg_works_and_where_to_lie(catalogue, clock):
    plan = build_plan(make_routine(catalogue, [{"id": "side-lying-leg-lift", "sets": 1, "reps": 2}]))
    work = [s for s in plan.steps if s.kind == WORK]
    assert [s.title for s in work] == [
        "Side-lying straight-leg lifts, left leg, lying on your right side, 2 reps",
        "Side-lying straight-leg lifts, right leg, lying on your left side, 2 reps"]
    run = Engine(plan, clock)
    run.start()
    run.finish_step()  # get ready
    assert describe(run.view(), None).side == "LEFT LEG · lie on your right side"
    run.finish_step()
    assert run.step.kind == SWITCH
    assert describe(run.view(), None).side == "NOW RIGHT LEG · lie on your left side"


def test_a_held_bridge_is_not_told_to_lower(catalogue, clock):
    held = make_routine(catalogue, [{"id": "glute-bridge", "sets": 1, "hold_s": 30}], get_ready_s=0)
    moving = make_routine(catalogue, [{"id": "glute-bridge", "sets": 1, "reps": 10}], get_ready_s=0)
    cues = {}
    for name, routine in (("held", held), ("moving", moving)):
        run = Engine(build_plan(routine), clock)
        run.start()
        cues[name] = " ".join(describe(run.view(), None).cues)
    assert "lower" in cues["moving"]
    assert "lower" not in cues["held"] and "Hold" in cues["held"]


# --- bug 6: a progression of a routine opened with --routine PATH -----------------------------------

TINY = 'name = "Tiny"\nget_ready_s = 0\n[[exercise]]\nid = "squat"\nsets = 1\nreps = 2\ntempo_s = 1\nrest_s = 0\n'


async def test_a_progression_of_a_routine_opened_by_path_shows_on_home_and_is_never_listed_twice(
        paths, clock, tmp_path):
    from glute_tui.cli.app import routines_at_start
    from glute_tui.devtools.sample_history import done_as_planned
    from glute_tui.ui.screens.home import HomeScreen
    from glute_tui.ui.widgets.targets_table import TargetsTable

    source = tmp_path / "elsewhere" / "tiny.toml"
    source.parent.mkdir()
    source.write_text(TINY)
    tiny, _ = routines_at_start(str(source), paths)
    # a week before, the same 2 reps met and felt right: with today's, two in a row (2-for-2)
    History(paths.data).add(done_as_planned(tiny.find("tiny"), datetime.now().astimezone() - timedelta(days=8), pain=[]))
    for start in range(2):  # the second start opens the same file again, with the copy saved
        found, selected = routines_at_start(str(source), paths)
        ids, names = [r.id for r in found.routines], [r.name for r in found.routines]
        assert len(set(ids)) == len(ids) and len(set(names)) == len(names), (ids, names)
        app = GluteApp(found.routines, paths, selected=selected, clock=clock, speech_program=())
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("enter")
            await advance(pilot, clock)
            await end_check(pilot, "2", "n")  # "right", no pain: a step up is offered
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, SummaryScreen)
            await pilot.press("p")  # take the next step: 2 → 4 reps
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            rows = app.screen.query_one("#routine-table", TargetsTable).rows
            assert rows[0][1] == "1 × 4", rows  # the new targets, not the file's 2 reps
            listed = [(r.id, r.name) for r in app.ctx.library.routines]
            assert len({i for i, _ in listed}) == len(listed) and len({n for _, n in listed}) == len(listed)
            await pilot.press("enter")  # Enter starts what Home shows
            await pilot.pause()
            assert "of 4 reps" in text(app, "#caption")
    assert source.read_text() == TINY  # the file opened is never written over


# --- bug 9: Ctrl+P → Screenshot ---------------------------------------------------------------------

async def test_a_screenshot_from_the_palette_goes_to_the_apps_folder_and_says_where(paths, clock, tmp_path):
    import asyncio

    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Screenshot")
        await pilot.pause(0.3)
        await pilot.press("enter")
        for _ in range(100):  # the palette delivers it on a 0.1 s timer
            if any(n.title == "Screenshot" for n in app._notifications):
                break
            await asyncio.sleep(0.02)
        [note] = [n for n in app._notifications if n.title == "Screenshot"]
    shots = list(paths.screenshots_dir.glob("*.svg"))
    assert len(shots) == 1 and str(shots[0]) in note.message
    assert paths.screenshots_dir.is_relative_to(paths.data.parent)  # under GLUTE_TUI_HOME
    assert not (tmp_path / "home").exists() or not list((tmp_path / "home").rglob("*.svg"))


# --- Help lists every screen's keys; Help and the palette pause a workout; modals' own footers ------

def footer_keys(app) -> list[str]:
    from glute_tui.ui.widgets.key_footer import KeyFooter

    return [key.description for key in app.screen.query_one(KeyFooter).keys]


async def test_help_lists_every_screens_keys_and_pauses_the_workout_till_it_closes(paths, clock):
    from glute_tui.ui.dialogs.help import HelpScreen

    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 12)  # into the first set
        run = app.screen.workout.engine
        assert not run.paused
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        lines = [line.rstrip() for line in app.screen.text.splitlines()]
        for screen in ("Workout", "Home", "Summary", "History", "Editor", "Preferences"):
            assert screen in lines  # each screen's table, titled
        assert lines.index("Workout") < lines.index("Home")  # the screen it came from first
        assert any(re.fullmatch(r"g +Type or step the weekly goal", line) for line in lines)
        assert any(re.fullmatch(r"Ctrl\+S +Save", line) for line in lines)
        assert footer_keys(app) == ["Close"]  # not the workout's Space Pause, which does nothing here
        assert run.paused
        before = run.view().step_elapsed_s
        clock.advance(30)  # reading the help takes time; the set waits
        await pilot.press("escape")
        await pilot.pause()
        assert not run.paused and run.view().step_elapsed_s == before
        await pilot.press("ctrl+p")  # the command palette pauses it too
        await pilot.pause()
        assert run.paused
        clock.advance(30)
        await pilot.press("escape")
        await pilot.pause()
        assert not run.paused and run.view().step_elapsed_s == before


async def test_a_question_over_the_workout_shows_only_its_own_keys(paths, clock):
    from glute_tui.ui.dialogs.confirm import Confirm

    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "q")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert footer_keys(app) == ["Yes", "No"]


async def test_mute_leaves_a_lasting_sign_on_the_workout_screen(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert "SOUND OFF" not in text(app, "#clock")
        await pilot.press("m")
        await advance(pilot, clock, 30)  # long after the toast has gone
        assert "SOUND OFF (m)" in text(app, "#clock")
        await pilot.press("m")
        await pilot.pause()
        assert "SOUND OFF" not in text(app, "#clock")


async def test_c_on_home_is_remembered_at_the_next_start_like_m(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.counting == "self-paced"
    again = make_app(paths, clock)
    assert again.ctx.settings.counting == "self-paced"
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert again.screen.workout.engine.counting == "self-paced"
