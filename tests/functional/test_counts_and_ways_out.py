"""A newcomer's second hour (issue 24), as a person meets it on the screens: counts that never
pass their target (finding 1), the last rep on screen (2), Ctrl+Q asks like q and keeps the set
under way (3), "How was it?" never asked about an exercise that was all skipped (6), and one
workout's length read one way on every screen (11). The engine's rules have their unit tests in
tests/unit/test_engine.py; these check what the screens show."""

from __future__ import annotations

import re

from textual import events
from textual.widgets import DataTable, Static

from glute_tui.devtools.scenes import advance, end_check
from glute_tui.store.history import History
from glute_tui.store.routine_files import builtin_routines
from glute_tui.ui.app import GluteApp
from glute_tui.ui.dialogs.confirm import Confirm
from glute_tui.ui.screens.history import HistoryScreen
from glute_tui.ui.screens.summary import SummaryScreen
from glute_tui.ui.screens.workout import WorkoutScreen
from glute_tui.ui.widgets.big_number import BigNumber
from glute_tui.ui.widgets.effort_prompt import EffortPrompt

GET_READY_S, SQUAT_SET_S = 10, 12 * 3  # the busy-day routine: 12 squats at 3 s a rep


def make_app(paths, clock) -> GluteApp:
    return GluteApp(builtin_routines(), paths, selected="short", clock=clock, speech_program=())


def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def number(app) -> str:
    return app.screen.query_one("#number", BigNumber).value


async def test_up_in_a_paced_set_never_shows_or_saves_more_reps_than_its_target(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, GET_READY_S + 30)  # 10 of 12 squats counted
        assert number(app) == "10"
        for _ in range(6):  # the newcomer pressed ↑ to catch up, and kept pressing
            await pilot.press("up")
        assert number(app) == "12"
        await advance(pilot, clock, 7)  # the set's end: a rest
        assert text(app, "#phase-title") == "REST"
        for _ in range(3):  # ↑ in the rest corrects the set just done: still not above 12
            await pilot.press("up")
        await pilot.pause()
        assert "last set: 12 reps" in text(app, "#caption")
        records = app.screen.workout.engine.records
        assert [r.reps for r in records.values()] == [12]


async def test_a_paced_set_shows_its_last_rep_before_the_rest_begins(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, GET_READY_S + SQUAT_SET_S - 0.5)  # half a second before the set's end
        assert text(app, "#phase-title") == "SQUATS"
        assert number(app) == "12"  # "12 of 12" is on screen, not "11" then REST
        await advance(pilot, clock, 1)
        assert text(app, "#phase-title") == "REST"


async def test_ctrl_q_in_a_set_asks_like_q_and_keeps_the_set_under_way(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, GET_READY_S + SQUAT_SET_S + 30 + 15)  # one set done, 5 reps of the next
        await pilot.press("ctrl+q")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, Confirm) and question.title_text == "Stop this workout?"
        assert "1 set done so far and the set under way will be saved" in question.text
        await pilot.press("n")  # keep going: nothing lost, nothing saved yet
        await pilot.pause()
        assert isinstance(app.screen, WorkoutScreen) and not History(paths.data).load().sessions
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
    [session] = History(paths.data).load().sessions
    assert session.status == "stopped"
    assert [(r.exercise, r.reps) for r in session.sets] == [("squat", 12), ("squat", 5)]


async def test_a_self_paced_set_nobody_counted_is_left_out_and_the_question_says_so(paths, clock):
    app = GluteApp(builtin_routines(), paths, selected="short", clock=clock, speech_program=(),
                   counting="self-paced")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")  # start
        await pilot.press("enter")  # end the get-ready
        await advance(pilot, clock, 4)
        await pilot.press("q")  # 4 s into the first set: no set done, and nobody said how many reps
        await pilot.pause()
        question = app.screen
        assert isinstance(question, Confirm)
        assert question.text.startswith("No set is done yet, so nothing will be saved.")
        assert "left out" in question.text and question.yes == "Stop"  # not "Stop and save"
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")  # the set done: Enter says so
        await pilot.press("enter")  # the rest ended early
        await advance(pilot, clock, 4)
        await pilot.press("ctrl+q")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, Confirm) and question.yes == "Stop and save"
        assert question.text.startswith("The 1 set done so far will be saved")  # not "and the set under way"
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
    [session] = History(paths.data).load().sessions
    assert [(r.exercise, r.set, r.reps) for r in session.sets] == [("squat", 1, 12)]


async def test_how_was_it_is_never_asked_about_an_exercise_whose_sets_were_all_skipped(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, GET_READY_S + SQUAT_SET_S + 30 + SQUAT_SET_S + 1)  # both squat sets
        prompt = app.screen.query_one("#effort", EffortPrompt)
        assert prompt.display and "Squats" in str(prompt.render())  # asked about the squats, done
        asked = []
        for _ in range(12):  # skip every step to the clamshells: both glute bridge holds skipped
            if text(app, "#phase-title") == "CLAMSHELLS":
                break
            await pilot.press("n")
            await pilot.pause()
            if prompt.display:
                asked.append(str(prompt.render()))
        assert text(app, "#phase-title") == "CLAMSHELLS"
        assert not any("Glute bridge" in question for question in asked)


async def test_one_workout_s_length_reads_the_same_on_the_summary_history_and_the_command_line(
        paths, clock, capsys):
    from glute_tui.cli.main import main

    app = make_app(paths, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 200.4)
        await pilot.press("q", "y")
        await end_check(pilot)
        assert isinstance(app.screen, SummaryScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        lengths = re.findall(r"\b\d\d:\d\d\b", text(app, "#summary-totals"))
        assert lengths == ["03:20"]  # mm:ss, never "3 min" or "3.3 min"
        await pilot.press("enter")  # Home
        await pilot.press("h")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one("#sessions", DataTable)
        labels = [str(c.label) for c in table.ordered_columns]
        assert str(table.get_row_at(0)[labels.index("Time")]) == "03:20"
    assert main(["history"]) == 0
    assert "03:20" in capsys.readouterr().out


async def test_no_thread_of_a_workout_outlives_its_app(paths, clock):
    """An app torn down mid-workout without a way out that saves (as a test ends, or after a
    crash) leaves its journal for the next start, and no writer thread behind: an idle one kept
    the whole app, every frame it drew, in memory for the life of the process."""
    import threading

    def writers() -> list[threading.Thread]:
        return [t for t in threading.enumerate() if t.name.startswith("glute-tui-save")]

    before = set(writers())
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, GET_READY_S + SQUAT_SET_S + 5)  # a set done, journaled
        assert [t for t in writers() if t not in before], "the workout has its writer"
    for thread in writers():
        if thread not in before:
            thread.join(timeout=5)
    assert [t for t in writers() if t not in before] == []
    assert list(paths.journal_dir.iterdir()), "the journal stays, to be recovered"


async def test_a_key_that_opens_a_screen_right_after_q_opens_nothing_and_the_app_ends_cleanly(paths, clock):
    """q on Home, then at once a key that opens a screen (e, h, w, p), before the app has gone:
    nothing opens (the editor's list was looked for in a screen the closing app never built),
    and the app ends as q asked, with no error."""

    for key in ("e", "h", "w", "p"):
        app = GluteApp(builtin_routines(), paths, clock=clock, speech_program=(), tone_player=())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.post_message(events.Key("q", "q"))  # both read from the terminal at once
            app.post_message(events.Key(key, key))
            await pilot.pause()
        assert app.return_code == 0, key


async def test_stopping_after_one_side_of_a_set_says_that_side_is_kept_and_keeps_it(paths, clock):
    """One side of a two-sided set is not a done set, yet it is saved with the session: the
    question said "nothing will be saved" and the Summary "stopped before any set was done"."""
    app = GluteApp(builtin_routines(), paths, selected="run-day", clock=clock, speech_program=())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter")  # start, and end the get-ready
        for _ in range(10):  # skip the glute bridges and their rests
            if text(app, "#phase-title") == "CLAMSHELLS":
                break
            await pilot.press("n")
            await pilot.pause()
        assert text(app, "#phase-title") == "CLAMSHELLS"
        await advance(pilot, clock, 7)  # two reps of the first side
        await pilot.press("enter")
        await pilot.pause()
        assert text(app, "#phase-title") == "SWITCH SIDES"
        await pilot.press("q")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, Confirm) and question.yes == "Stop and save"
        assert question.text.startswith("The 1 side of a set done so far will be saved to your history.")
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("escape")  # "Any pain?" is asked: something was done
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert text(app, "#summary-title") == "Workout stopped before a whole set was done: 1 side of a set, kept."
        assert text(app, "#save-status").startswith("Saved to history: 0 of 6 sets done and 1 side of a set.")
    [session] = History(paths.data).load().sessions
    assert [(r.exercise, r.side, r.set, r.reps) for r in session.sets if r.done] == [("clamshell", "left", 1, 2)]
