"""The History screen and deleting a session, with the Pilot."""

from __future__ import annotations

import json
from datetime import date

from textual.geometry import Region
from textual.widgets import DataTable, Static

from glute_tui.cli.main import main
from glute_tui.core.format import week_count
from glute_tui.devtools.sample_history import make_sessions
from glute_tui.devtools.scenes import settle
from glute_tui.store.history import History
from glute_tui.store.routine_files import builtin_routines
from glute_tui.ui.app import GluteApp
from glute_tui.ui.dialogs.confirm import Confirm
from glute_tui.ui.dialogs.session_detail import SessionDetail
from glute_tui.ui.screens.history import HistoryScreen
from glute_tui.ui.widgets.heatmap import CalendarHeatmap

TODAY = date(2026, 11, 24)


def make_app(paths, clock) -> GluteApp:
    return GluteApp(builtin_routines(), paths, clock=clock, today=lambda: TODAY)


async def open_history(pilot) -> HistoryScreen:
    await pilot.press("h")
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return screen


async def test_history_shows_the_same_figures_as_the_stats_command(paths, clock, capsys):
    sessions = make_sessions(120, end=TODAY)
    History(paths.data).add_many(sessions)
    assert main(["stats", "--json", "--as-of", TODAY.isoformat()]) == 0
    figures = json.loads(capsys.readouterr().out)
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        streaks = str(screen.query_one("#streaks", Static).render())
        assert (f"Daily streak {figures['current_daily_streak']} (best {figures['longest_daily_streak']})"
                in streaks)
        best = figures["longest_weekly_streak"]
        assert (f"Weekly {figures['current_weekly_streak']} (best {best} week{'' if best == 1 else 's'} "
                f"at goal 1)" in streaks)
        assert f"This week: {week_count(figures['this_week'], 1)}" in streaks
        totals = str(screen.query_one("#totals", Static).render())
        assert f"{figures['counted_sessions']} sessions" in totals and f"{figures['total_reps']:,} reps" in totals
        table = screen.query_one("#sessions", DataTable)
        assert table.row_count == 120
        assert f"{figures['counted_sessions']:,} sessions" in totals
        newest = max(sessions, key=lambda s: s.started)
        assert str(table.get_row_at(0)[0]) == newest.started_at[:16].replace("T", " ")
        heatmap = screen.query_one(CalendarHeatmap)
        assert heatmap.as_of == TODAY and sum(heatmap.work_by_day.values()) > 0


async def test_a_long_history_fills_the_table_as_the_cursor_goes_down(paths, clock):
    History(paths.data).add_many(make_sessions(450, end=TODAY))
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        table = screen.query_one("#sessions", DataTable)
        assert table.row_count == 200
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert table.row_count == 400
        await pilot.press("ctrl+end")
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert table.row_count == 450
        oldest = History(paths.data).load().sessions[0]
        assert str(table.get_row_at(449)[0]) == oldest.started_at[:16].replace("T", " ")


async def test_enter_opens_the_sets_of_a_session(paths, clock):
    sessions = make_sessions(3, end=TODAY)
    History(paths.data).add_many(sessions)
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        await pilot.press("down", "enter")
        assert isinstance(app.screen, SessionDetail)
        assert app.screen.session.id == sessions[1].id  # newest first: the second row is the middle one
        table = app.screen.query_one(DataTable)
        assert table.row_count == len(sessions[1].sets)
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)


async def test_deleting_asks_first_and_keeps_the_session_on_no(paths, clock):
    sessions = make_sessions(3, end=TODAY)
    History(paths.data).add_many(sessions)
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        await pilot.press("d")
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        assert len(History(paths.data).load().sessions) == 3
        await pilot.press("d")
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        left = History(paths.data).load().sessions
        assert [s.id for s in left] == [s.id for s in sessions[:2]]  # the newest was deleted
        assert app.screen.query_one("#sessions", DataTable).row_count == 2


async def test_the_weekly_goal_is_typed_or_stepped_and_saved(paths, clock):
    """Issue 13: `g` once cycled the goal by one (1 → 14 → 1); now it is typed, or stepped."""
    from glute_tui.ui.dialogs.weekly_goal import WeeklyGoal

    History(paths.data).add_many(make_sessions(10, end=TODAY))
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, WeeklyGoal)
        await pilot.press("backspace", "9", "9", "enter")  # out of range: stays open
        await pilot.pause()
        assert isinstance(app.screen, WeeklyGoal) and app.ctx.settings.current.weekly_goal == 1
        await pilot.press("backspace", "backspace", "3", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        assert "1 of 3 sessions" in str(screen.query_one("#streaks", Static).render())
        assert "at goal 3" in str(screen.query_one("#streaks", Static).render())
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("down", "enter")  # ↓ steps it to 2
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "at goal 2" in str(screen.query_one("#streaks", Static).render())
    assert json.loads(paths.preferences_file.read_text())["weekly_goal"] == 2


async def test_home_shows_this_week_and_the_weekly_streak(paths, clock):
    History(paths.data).add_many(make_sessions(40, end=TODAY))
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = str(app.screen.query_one("#home-streak", Static).render())
        assert text.startswith("This week: ") and "weekly streak" in text


async def test_the_history_read_answering_after_home_is_gone_changes_nothing(paths, clock):
    """Home reads the history in a thread; `q` at once can take Home's lines away first (a
    flaky test once failed on it: the answer raised NoMatches, and the worker took the app down)."""
    from glute_tui.core.pain import Referral

    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        home = app.screen
        await home.query("#home-streak, #home-referral").remove()
        home.streak = "This week: 1 of 2"
        home.referrals = (Referral("knee", "left", "pain above 5"),)
        await pilot.pause()
        assert app.is_running and app.return_code is None


async def test_an_empty_history_invites_a_first_workout(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)  # Home reads the history after its first frame
        assert "first workout" in str(app.screen.query_one("#home-streak", Static).render())
        screen = await open_history(pilot)
        assert screen.query_one("#sessions", DataTable).row_count == 0
        assert "Daily streak 0" in str(screen.query_one("#streaks", Static).render())


async def test_reps_and_load_climb_in_the_progress_view(paths, clock):
    from textual.widgets import Sparkline

    from glute_tui.ui.dialogs.progress import ProgressScreen

    History(paths.data).add_many(make_sessions(60, end=TODAY))
    app = make_app(paths, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_history(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        texts = [str(w.render()) for w in app.screen.query(".trend-text")]
        assert any("→" in t and "band" in t for t in texts)  # the load climbed from body weight
        sparks = list(app.screen.query(Sparkline))
        assert sparks and all(len(s.data) <= 30 for s in sparks) and max(len(s.data) for s in sparks) == 30


async def test_names_are_shown_as_written_not_read_as_markup(paths, clock):
    """A routine named with brackets keeps them in the sessions table (a str cell would be
    read as Rich markup and lose them)."""
    session = make_sessions(1, end=TODAY)[0]
    session.routine_name = "Legs [easy] :fire:"
    History(paths.data).add(session)
    app = make_app(paths, clock)
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await open_history(pilot)
        table = screen.query_one("#sessions", DataTable)
        shown = [strip.text for strip in table.render_lines(Region(0, 0, table.size.width, 2))]
        assert "Legs [easy] :fire:" in shown[1], shown


async def test_a_long_history_is_listed_a_year_at_a_time_as_it_is_scrolled(paths, clock):
    from glute_tui.ui.screens.history import PAGE

    sessions = make_sessions(900, end=TODAY, seed=21)  # about seven years
    History(paths.data).add_many(sessions)
    newest_first = sorted(sessions, key=lambda s: (s.started, s.id), reverse=True)
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        table = screen.query_one("#sessions", DataTable)
        assert PAGE <= table.row_count < 900 and len(screen._rows) < 900  # not all of it at once
        for _ in range(60):  # to the end, a page at a time: older years come in as it goes
            await pilot.press("ctrl+end")
            await app.workers.wait_for_complete()
            await pilot.pause()
            if table.row_count == 900:
                break
        assert table.row_count == 900
        assert [str(table.get_row_at(i)[0]) for i in (0, 450, 899)] == [
            newest_first[i].started_at[:16].replace("T", " ") for i in (0, 450, 899)]
        table.move_cursor(row=899)
        await pilot.pause()
        await pilot.press("enter")  # the oldest session, read whole from its year file
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SessionDetail)
        assert app.screen.session == newest_first[899]


async def test_a_phone_held_upright_shows_the_latest_weeks_of_the_calendar_and_the_totals(paths, clock):
    """Under 60 columns the calendar was cut at the right edge: the months long gone showed,
    this week did not, and the totals beside it had no room. It shows the weeks that fit, the
    latest, with the pain row in the same columns, and the totals go under it."""
    from glute_tui.ui.widgets.pain_row import PainRow

    History(paths.data).add_many(make_sessions(40, end=TODAY))
    app = make_app(paths, clock)
    async with app.run_test(size=(44, 60)) as pilot:
        screen = await open_history(pilot)
        heatmap, pain_row = screen.query_one(CalendarHeatmap), screen.query_one(PainRow)
        calendar = screen.query_one("#calendar")
        drawn = heatmap.render()
        rows = str(drawn).splitlines()
        assert heatmap.region.right <= screen.region.right and max(map(len, rows)) <= heatmap.size.width
        styles = [span.style for span in drawn.spans if not isinstance(span.style, str)]
        assert any(style.reverse for style in styles)  # today is marked, in sight
        mondays = rows[1][4:].split()
        assert 10 < len(mondays) < 26 and set(map(len, mondays)) == {1}  # a whole week a column
        assert len(str(pain_row.render())[4:].split()) == len(mondays)  # the same weeks
        totals = screen.query_one("#totals", Static)
        assert totals.region.y >= calendar.region.bottom and totals.region.width >= 30
        assert "sessions" in str(totals.render())
        await pilot.resize_terminal(120, 40)  # room for all 26 weeks, the totals beside them
        await pilot.pause()
        assert len(str(heatmap.render()).splitlines()[1][4:].split()) == 26
        assert totals.region.x >= calendar.region.right


async def test_the_totals_beside_the_calendar_are_never_cut_at_the_screens_edge(tmp_path):
    """At 80x24 with weaker sides to show, reps and time share a line: "11,997 reps · 20:34:3"
    was cut at the edge. What does not fit its room leaves the time out (each session has its own)."""
    from glute_tui.devtools.scenes import SCENES, play, scene_app

    scene = SCENES["history-imbalance"]
    app, clock = scene_app(scene, tmp_path / "home")
    async with app.run_test(size=(80, 24)) as pilot:
        await play(scene, pilot, clock)
        totals = app.screen.query_one("#totals", Static)
        lines = str(totals.render()).splitlines()
        assert lines[1].endswith(" reps") and "·" not in lines[1]
        assert max(map(len, lines)) <= totals.content_region.width
        await pilot.resize_terminal(120, 40)  # room for both
        await pilot.pause()
        lines = str(totals.render()).splitlines()
        assert " reps · " in lines[1] and max(map(len, lines)) <= totals.content_region.width
