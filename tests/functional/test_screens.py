"""The screens, driven by the Pilot with a fake clock and a temporary data folder."""

from __future__ import annotations

import re

from conftest import FakeClock
from textual.widgets import DataTable, Static

from glute_tui.devtools.scenes import advance, end_check, settle
from glute_tui.store.history import History
from glute_tui.store.routine_files import builtin_routines
from glute_tui.ui.app import GluteApp
from glute_tui.ui.dialogs.confirm import Confirm
from glute_tui.ui.screens.home import HomeScreen
from glute_tui.ui.screens.summary import SummaryScreen
from glute_tui.ui.screens.workout import WorkoutScreen
from glute_tui.ui.widgets.big_number import BigNumber
from glute_tui.ui.widgets.targets_table import TargetsTable


def make_app(paths, clock: FakeClock, selected: str = "short", **kwargs) -> GluteApp:
    return GluteApp(builtin_routines(), paths, selected=selected, clock=clock, **kwargs)


def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_home_shows_the_routine_its_exercises_and_length(paths, clock):
    app = make_app(paths, clock, selected="article")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert text(app, "#routine-name") == "Runner's glute routine"
        table = app.screen.query_one("#routine-table", TargetsTable)
        assert [row[0] for row in table.rows] == [
            "Squats", "Single-leg deadlifts", "Lunges", "Clamshells", "Glute bridge"]
        assert "About 25:00" in text(app, "#routine-length")
        await pilot.press("down")  # highlight the knee-friendly routine
        assert text(app, "#routine-name") == "Knee-friendly glutes"


async def test_a_whole_routine_from_home_to_summary_is_saved(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, WorkoutScreen)
        assert text(app, "#phase-title") == "GET READY"
        await advance(pilot, clock, 10.5)
        assert text(app, "#phase-title") == "SQUATS"
        assert app.screen.query_one("#number", BigNumber).value == "0"
        await advance(pilot, clock, 7)
        assert app.screen.query_one("#number", BigNumber).value == "2"  # a rep every 3 s
        await advance(pilot, clock)
        await end_check(pilot)
        assert isinstance(app.screen, SummaryScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Saved to history: 6 of 6 sets done." in text(app, "#save-status")
        table = app.screen.query_one("#summary-table", DataTable)
        assert list(table.row_cells(0).values())[:4] == ["Squats", "2 / 2", "done", "24 / 24 reps"]
        assert table.row_cells(1)["Done / target"] == "60 / 60 s"
    sessions = History(paths.data).load().sessions
    assert len(sessions) == 1
    session = sessions[0]
    assert session.status == "completed" and session.routine == "short"
    assert [(s.exercise, s.side, s.set) for s in session.sets] == [
        ("squat", "none", 1), ("squat", "none", 2), ("glute-bridge", "none", 1), ("glute-bridge", "none", 2),
        ("clamshell", "left", 1), ("clamshell", "right", 1), ("clamshell", "left", 2), ("clamshell", "right", 2)]
    assert not list(paths.data.glob("journal/*.jsonl"))  # the journal is gone once saved


async def test_quit_halfway_asks_then_saves_the_sets_done_and_the_set_under_way(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 10 + 36 + 30 + 4)  # into the second set of squats
        await pilot.press("q")
        assert isinstance(app.screen, Confirm)
        clock.advance(120)  # the dialog pauses the workout
        await pilot.press("n")
        assert isinstance(app.screen, WorkoutScreen)
        assert app.screen.workout.engine.view().reps == 1  # 4 s into the set, 120 s of dialog excluded
        await pilot.press("q")
        await pilot.press("y")
        await end_check(pilot)
        assert isinstance(app.screen, SummaryScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Workout stopped" in text(app, "#summary-title")
    sessions = History(paths.data).load().sessions
    assert [s.status for s in sessions] == ["stopped"]
    assert [(s.exercise, s.set, s.reps) for s in sessions[0].sets] == [("squat", 1, 12), ("squat", 2, 1)]


async def test_pause_shows_paused_and_freezes_the_countdown(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 4)
        await pilot.press("space")
        assert text(app, "#phase-title") == "PAUSED · GET READY"
        assert app.screen.has_class("-paused")
        clock.advance(300)
        app.screen.wake()
        await pilot.pause()
        assert app.screen.query_one("#number", BigNumber).value == "0:06"
        await pilot.press("space")
        assert text(app, "#phase-title") == "GET READY"


async def test_the_footer_says_space_resumes_while_paused_and_pauses_otherwise(paths, clock):
    """The footer said "Space Pause" under "PAUSED · … Space to resume"."""
    from glute_tui.ui.widgets.key_footer import KeyFooter

    def space() -> list[str]:
        return [item.description for item in app.screen.query_one(KeyFooter).keys if item.key == "space"]

    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert space() == ["Pause"]
        await pilot.press("space")
        await pilot.pause()
        assert text(app, "#phase-title") == "PAUSED · GET READY" and space() == ["Resume"]
        await pilot.press("space")
        await pilot.pause()
        assert text(app, "#phase-title") == "GET READY" and space() == ["Pause"]
        await app.screen.run_action("toggle_pause")  # as the touch bar's Pause runs it: no word
        await pilot.pause()
        assert text(app, "#phase-title") == "PAUSED · GET READY" and space() == ["Resume"]


async def test_keys_skip_back_finish_correct_and_extend(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter")  # start, then end the get-ready early
        assert text(app, "#phase-title") == "SQUATS"
        await advance(pilot, clock, 9.5)
        await pilot.press("up", "up")
        assert app.screen.query_one("#number", BigNumber).value == "5"
        await pilot.press("enter")  # finish the set now
        assert text(app, "#phase-title") == "REST"
        assert "last set: 5 reps" in text(app, "#caption")
        await pilot.press("down")
        assert "last set: 4 reps" in text(app, "#caption")
        await pilot.press("plus")
        assert app.screen.query_one("#number", BigNumber).value == "0:45"
        await pilot.press("n")  # skip the rest
        assert text(app, "#phase-detail") == "Set 2 of 2"
        await pilot.press("b")  # back to the rest
        assert text(app, "#phase-title") == "REST"
        await pilot.press("b")  # back to set 1: it will be done again
        assert text(app, "#phase-detail") == "Set 1 of 2"
        assert app.screen.workout.engine.done_records() == []


async def test_switch_sides_and_one_sided_sets_say_which_leg(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        for _ in range(9):  # get ready, squats ×2 and bridges ×2, each set followed by a rest
            await pilot.press("n")
        assert text(app, "#phase-title") == "CLAMSHELLS"
        # Lying on the left side works the right leg: the working leg is named, and where to lie.
        assert text(app, "#side") == "LEFT LEG · lie on your right side"
        await pilot.press("enter")
        assert text(app, "#phase-title") == "SWITCH SIDES"
        assert text(app, "#side") == "NOW RIGHT LEG · lie on your left side"
        assert app.screen.has_class("-switch-sides")
        await advance(pilot, clock, 5)
        assert text(app, "#side") == "RIGHT LEG · lie on your left side"


async def test_help_lists_the_keys_and_the_moves(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.press("question_mark")
        await pilot.pause()
        text = app.screen.text
        assert re.search(r"^Space +pause / resume \(Help, Ctrl\+P and questions pause it too\) *$", text, re.M)
        assert re.search(r"^Squats *$", text, re.M)
        # A handful of widgets: as Markdown its tables were about 1,500, a second to open
        assert len(list(app.screen.walk_children())) < 10
        await pilot.press("escape")
        assert isinstance(app.screen, WorkoutScreen)


async def test_a_tiny_terminal_gets_a_plain_message(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert app.has_class("-too-small")
        message = app.screen.query_one("#too-small", Static)
        assert message.display and "Terminal too small" in str(message.render())
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.has_class("-too-small")


async def test_a_leftover_journal_is_recovered_and_the_person_told(paths, clock):
    from glute_tui.core.records import Session, SetRecord, now_iso

    history = History(paths.data)
    journal = history.start_journal(Session("short", "Busy-day glutes", now_iso(), now_iso(), "stopped"))
    journal.record_set(1, SetRecord("squat", "none", 1, 12, 12, None, "bodyweight", 36.0))
    journal.close(remove=False)  # as if the process had died
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        from glute_tui.devtools.scenes import settle

        await settle(pilot)  # recovery runs on a worker started after the first frame, before Home's figures
        messages = [n.message for n in app._notifications]
        assert any("Recovered an unfinished workout" in m for m in messages)
    assert [s.status for s in History(paths.data).load().sessions] == ["recovered"]


async def test_a_jump_of_the_clock_shows_a_pause_with_the_time_away(paths, clock):
    app = make_app(paths, clock, clock_jump_s=5.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 10.5 + 6.5)  # the get-ready, then 2 squats
        clock.advance(100)  # the process was stopped
        app.screen.wake()
        await pilot.pause()
        assert text(app, "#phase-title") == "PAUSED · SQUATS"
        assert text(app, "#phase-detail") == "Paused (the app was stopped for 01:40) · Space to resume"
        assert app.screen.query_one("#number", BigNumber).value == "2"
        await pilot.press("space")
        await advance(pilot, clock, 0.5)
        assert text(app, "#phase-title") == "SQUATS"
        assert app.screen.query_one("#number", BigNumber).value == "2"


async def test_home_is_drawn_the_same_after_a_screen_over_it_let_its_drawing_go(paths, clock):
    """Home lets its drawn lines go under a full screen (the workout, History) and is drawn
    again when shown; under a dialog it keeps them (it still shows)."""
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)  # Home reads the history after its first frame: on a busy machine,
        home = app.screen  # after more than one pause (this test once saw it arrive under Help)
        before = app.export_screenshot()
        await pilot.press("question_mark")  # Help: a dialog over Home
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home and app.export_screenshot() == before
        await pilot.press("h")  # History: a full screen
        await pilot.pause()
        assert app.screen is not home
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home and app.export_screenshot() == before
