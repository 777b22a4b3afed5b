"""Every screen says what happened to each set and exercise in the history's words (done,
skipped, stopped; issue 24, finding 4), and the Summary's title says it from the sets done
against the sets planned (finding 6): skipped sets never look done."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from glute_tui.devtools.scenes import advance, end_check
from glute_tui.store.routine_files import builtin_routines
from glute_tui.ui.app import GluteApp
from glute_tui.ui.dialogs.session_detail import SessionDetail
from glute_tui.ui.screens.history import HistoryScreen
from glute_tui.ui.screens.summary import SummaryScreen
from glute_tui.ui.widgets.fitting_table import FittingTable


def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def rows(table: DataTable) -> list[dict[str, str]]:
    assert isinstance(table, FittingTable)
    return [table.row_cells(i) for i in range(table.row_count)]


async def skip_until(pilot, title: str) -> None:
    """Press `n` (skip the step) until the workout shows `title`."""
    for _ in range(30):
        if text(pilot.app, "#phase-title") == title:
            return
        await pilot.press("n")
        await pilot.pause()
    raise AssertionError(f"never reached {title}")


async def finish(pilot) -> SummaryScreen:
    await end_check(pilot)
    app = pilot.app
    assert isinstance(app.screen, SummaryScreen)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen


async def test_skipped_sets_read_skipped_everywhere_and_a_set_with_one_side_skipped_is_not_done(paths, clock):
    """The busy-day routine: both squat sets done, both glute bridge holds skipped, and the
    clamshells' first set done on the left only (its right side skipped)."""
    app = GluteApp(builtin_routines(), paths, selected="short", clock=clock, speech_program=())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 10 + 36 + 30 + 36 + 1)  # both squat sets, by the clock
        await skip_until(pilot, "GLUTE BRIDGE")
        await pilot.press("n")  # its first hold: skipped
        await skip_until(pilot, "GLUTE BRIDGE")
        await pilot.press("n")  # its second: skipped
        await skip_until(pilot, "CLAMSHELLS")
        await advance(pilot, clock, 37)  # the left side of the first set, done
        await skip_until(pilot, "CLAMSHELLS")
        await pilot.press("n")  # its right side: skipped
        await pilot.pause()
        await advance(pilot, clock)  # the second set, both sides done
        summary = await finish(pilot)

        table = summary.query_one("#summary-table", DataTable)
        by_name = {r["Exercise"].strip(): r for r in rows(table)}
        assert (by_name["Squats"]["Sets"], by_name["Squats"]["Status"]) == ("2 / 2", "done")
        assert (by_name["Glute bridge"]["Sets"], by_name["Glute bridge"]["Status"]) == ("0 / 2", "skipped")
        assert (by_name["Clamshells"]["Sets"], by_name["Clamshells"]["Status"]) == ("1 / 2", "1 skipped")
        assert (by_name["left"]["Status"], by_name["right"]["Status"]) == ("done", "1 skipped")
        assert text(app, "#summary-title") == "Workout completed: 3 of 6 sets done, 3 skipped."
        assert "sets" not in text(app, "#summary-totals")  # said once, in the title
        assert "Saved to history: 3 of 6 sets done." in text(app, "#save-status")

        await pilot.press("enter")  # Home
        await pilot.press("h")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        [session] = rows(app.screen.query_one("#sessions", DataTable))
        assert (session["Sets"], session["Status"]) == ("3/6", "completed")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SessionDetail)
        assert "3 of 6 sets done" in text(app, "#detail-title")
        detail = rows(app.screen.query_one("#detail-table", DataTable))
        seen = [(r["Exercise"], r["Leg"], r["Set"], r["Status"], r["Done"]) for r in detail]
        assert seen == [  # the left alone is not a set done: the rows agree with the title's count
            ("Squats", "", "1", "done", "12/12"), ("Squats", "", "2", "done", "12/12"),
            ("Glute bridge", "", "1", "skipped", "—"), ("Glute bridge", "", "2", "skipped", "—"),
            ("Clamshells", "left", "1", "left only", "12/12"), ("Clamshells", "right", "1", "skipped", "—"),
            ("Clamshells", "left", "2", "done", "12/12"), ("Clamshells", "right", "2", "done", "12/12")]


async def test_after_one_set_of_six_the_title_says_mostly_skipped_and_never_well_done(paths, clock):
    app = GluteApp(builtin_routines(), paths, selected="short", clock=clock, speech_program=())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 10 + 36 + 1)  # the first squat set, done
        for _ in range(60):  # every other step skipped, to the end
            if not hasattr(app.screen, "workout") or app.screen.workout.engine.finished:
                break
            await pilot.press("n")
            await pilot.pause()
        await finish(pilot)
        title = text(app, "#summary-title")
        assert title == "Workout completed, mostly skipped: 1 of 6 sets done, 5 skipped."
        assert "Well done" not in title


async def test_a_workout_stopped_after_one_set_says_stopped_early_and_the_exercises_not_reached_say_stopped(
        paths, clock):
    app = GluteApp(builtin_routines(), paths, selected="short", clock=clock, speech_program=())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 10 + 36 + 1)  # the first squat set, done; now resting
        await pilot.press("q", "y")
        summary = await finish(pilot)
        assert text(app, "#summary-title") == "Workout stopped early: 1 of 6 sets done, and kept."
        by_name = {r["Exercise"].strip(): r for r in rows(summary.query_one("#summary-table", DataTable))}
        assert [by_name[n]["Status"] for n in ("Squats", "Glute bridge", "Clamshells")] == ["stopped"] * 3
        assert by_name["Squats"]["Sets"] == "1 / 2"
