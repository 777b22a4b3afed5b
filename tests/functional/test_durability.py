"""Damaged files, a full disk, a failing journal, odd terminals: nothing saved is ever lost."""

from __future__ import annotations

import errno
import json
from datetime import date

import pytest
from textual.widgets import Static

from glute_tui.devtools.sample_history import make_sessions
from glute_tui.devtools.scenes import advance, end_check, settle
from glute_tui.store.history import History
from glute_tui.store.journal import Journal
from glute_tui.store.preferences import load_preferences
from glute_tui.store.routine_files import builtin_routines
from glute_tui.ui.app import GluteApp
from glute_tui.ui.screens.home import HomeScreen
from glute_tui.ui.screens.summary import SummaryScreen
from glute_tui.ui.screens.workout import WorkoutScreen

TODAY = date(2026, 11, 24)


def make_app(paths, clock, **kwargs) -> GluteApp:
    return GluteApp(builtin_routines(), paths, clock=clock, today=lambda: TODAY, selected="short", **kwargs)


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def run_whole_workout(pilot, clock) -> None:
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, WorkoutScreen)
    await advance(pilot, clock)
    await end_check(pilot)
    await settle(pilot)
    assert isinstance(pilot.app.screen, SummaryScreen)


# --- unreadable files ------------------------------------------------------------------------

@pytest.mark.parametrize("content,why", [
    ("{\"sessions\": {\"1\": {\"id\": ", "not JSON"),
    ("[1, 2, 3]", "wrong shape"),
    ("{\"sessions\": [\"a\"]}", "wrong shape"),
    ("\xff\xfe garbage", "not UTF-8"),
])
async def test_a_damaged_history_file_is_moved_aside_and_the_person_told(paths, clock, content, why):
    paths.data.mkdir(parents=True)
    damaged = paths.data / "sessions-2025.json"
    damaged.write_bytes(content.encode("utf-8", "surrogateescape") if "\xff" not in content
                        else b"\xff\xfe garbage")
    original = damaged.read_bytes()
    History(paths.data).add_many(make_sessions(5, end=TODAY))  # 2026's file is fine
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        told = [m for m in messages(app) if "moved aside to" in m]
        assert len(told) == 1 and why in told[0]
        aside = list(paths.data.glob("sessions-2025.json.damaged-*"))
        assert len(aside) == 1 and str(aside[0]) in told[0]
        assert aside[0].read_bytes() == original  # moved, not rewritten
        assert not damaged.exists()
        assert "5 sessions" not in str(app.screen.query_one("#home-streak", Static).render())
    assert len(History(paths.data).load().sessions) == 5  # the other year's sessions are all there


async def test_one_bad_session_is_reported_and_kept_the_others_shown(paths, clock):
    history = History(paths.data)
    sessions = make_sessions(6, end=TODAY)
    history.add_many(sessions)
    path = history.files()[-1]
    doc = json.loads(path.read_text())
    first_key = next(iter(doc["sessions"]))
    doc["sessions"][first_key]["status"] = "half-done"
    bad = doc["sessions"][first_key]
    path.write_text(json.dumps(doc))
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert any("status" in m and "half-done" in m and "kept in the file" in m for m in messages(app))
        await run_whole_workout(pilot, clock)  # saving rewrites the file: the bad one must survive
    loaded = History(paths.data).load()
    assert len(loaded.sessions) == 6 and len(loaded.problems) == 1
    assert bad in json.loads(path.read_text())["sessions"].values()


async def test_damaged_preferences_are_moved_aside_and_defaults_used(paths, clock):
    paths.config.mkdir(parents=True)
    paths.preferences_file.write_text('{"weekly_goal": "lots"}')
    prefs, problem = load_preferences(paths.preferences_file)
    assert prefs.weekly_goal == 1 and "weekly_goal" in problem and "moved aside to" in problem
    assert list(paths.config.glob("preferences.json.damaged-*"))
    paths.preferences_file.write_text("not json at all")
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert any("preferences.json" in m and "moved aside" in m for m in messages(app))


async def test_a_broken_user_routine_is_reported_and_the_others_load(paths, clock):
    from glute_tui.store.routine_files import load_all

    paths.routines_dir.mkdir(parents=True)
    broken = paths.routines_dir / "mine.toml"
    broken.write_text('name = "Mine"\n[[exercise]]\nid = "squat"\nsets = 0\nreps = 5\n')
    found = load_all(paths.routines_dir)
    assert [r.id for r in found.routines] == ["article", "knee-friendly", "run-day", "short"]
    app = GluteApp(found.routines, paths, clock=clock, routine_faults=found.faults)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # Issue 13: one line of toast, not the faults over half of Home; Home lists the file,
        # marked, and shows its message when it is selected.
        assert [m for m in messages(app) if "mine.toml" in m] == [
            "Not loaded: mine.toml. Select it on Home to see why."]
        options = app.screen.query_one("#routine-list")
        assert "mine.toml" in str(options.get_option_at_index(options.option_count - 1).prompt)
        await pilot.press("up")  # from the first, the list wraps round to the last: the broken file
        await pilot.pause()
        assert "Not loaded: mine.toml" in str(app.screen.query_one("#routine-name").render())
        assert "exercise[1].sets" in str(app.screen.query_one("#routine-description").render())
        await pilot.press("enter")  # nothing starts
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        await pilot.press("up")
        await pilot.pause()
        assert str(app.screen.query_one("#routine-name").render()) == "Busy-day glutes"
    assert broken.read_text().startswith('name = "Mine"')  # never touched


# --- a full disk, a read-only folder ----------------------------------------------------------

def no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


async def test_a_full_disk_at_the_end_keeps_the_sets_in_the_journal(paths, clock, monkeypatch):
    history = History(paths.data)
    before = make_sessions(5, end=TODAY)
    history.add_many(before)
    saved_bytes = {p: p.read_bytes() for p in history.files()}
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        monkeypatch.setattr("glute_tui.store.history.atomic_write_chunks", no_space)
        await run_whole_workout(pilot, clock)
        status = str(app.screen.query_one("#save-status", Static).render())
        assert "No space left on device" in status and "kept in the journal" in status
    monkeypatch.undo()
    assert {p: p.read_bytes() for p in history.files()} == saved_bytes  # nothing saved was touched
    assert len(list((paths.data / "journal").glob("*.jsonl"))) == 1
    recovery = History(paths.data).recover()
    assert len(recovery.recovered) == 1 and len(recovery.recovered[0].sets) == 8
    assert len(History(paths.data).load().sessions) == 6


async def test_a_journal_that_cannot_be_written_is_said_at_once_and_the_workout_goes_on(paths, clock,
                                                                                          monkeypatch):
    def read_only(self, *args):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Journal, "record_set", read_only)
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter")  # start; end the get-ready
        await pilot.press("enter")  # finish the first set: the journal write fails
        for _ in range(20):
            await pilot.pause()
            if any("Permission denied" in m for m in messages(app)):
                break
        assert any("Could not write the workout journal: Permission denied" in m for m in messages(app))
        assert isinstance(app.screen, WorkoutScreen) and not app.screen.workout.engine.finished
        await advance(pilot, clock)
        await end_check(pilot)
        await settle(pilot)
        assert "Saved to history" in str(app.screen.query_one("#save-status", Static).render())
    assert len(History(paths.data).load().sessions[0].sets) == 8


# --- the clock and the calendar ---------------------------------------------------------------

async def test_the_wall_clock_jumping_changes_no_phase_length(paths, clock, monkeypatch):
    from datetime import datetime, timedelta

    import glute_tui.core.records as record

    jump = [timedelta(0)]

    class JumpingClock(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.now(tz) + jump[0]

    monkeypatch.setattr(record, "datetime", JumpingClock)  # the app's only wall-clock reader
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        clock.advance(5)
        jump[0] = timedelta(hours=-1)  # the wall clock goes back an hour
        screen.wake()
        clock.advance(5)
        jump[0] = timedelta(hours=2)  # then forward two
        screen.wake()
        assert screen.workout.engine.step.kind == "work" and screen.workout.engine.view().step_elapsed_s == pytest.approx(0)
        await advance(pilot, clock)
        assert screen.workout.engine.elapsed() == pytest.approx(screen.workout.plan.total_s)
        await settle(pilot)
    session = History(paths.data).load().sessions[0]
    # the session's length is the monotonic clock's too (issue 22): the wall clock's jumps do
    # not reach the record's times either
    length = datetime.fromisoformat(session.ended_at) - datetime.fromisoformat(session.started_at)
    assert abs(length.total_seconds() - screen.workout.plan.total_s) <= 1


def test_started_at_is_recorded_with_its_utc_offset():
    from datetime import datetime

    from glute_tui.core.records import now_iso

    stamp = now_iso()
    assert datetime.fromisoformat(stamp).utcoffset() is not None and stamp[-6] in "+-"


# --- terminals --------------------------------------------------------------------------------

@pytest.mark.parametrize("size", [(20, 6), (1, 10), (59, 17)])
async def test_tiny_terminals_show_a_message_and_recover(paths, clock, size):
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # a workout started, then the window shrinks (as it happens)
        await pilot.resize_terminal(*size)
        await pilot.pause()
        assert app.has_class("-too-small") and isinstance(app.screen, WorkoutScreen)
        assert "the workout keeps running" in str(app.screen.query_one("#too-small", Static).render())
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.has_class("-too-small")
        assert str(app.screen.query_one("#phase-title", Static).render()) == "GET READY"


@pytest.mark.parametrize("size", [(30, 10), (59, 17)])
async def test_enter_on_the_too_small_screen_starts_no_workout_until_the_terminal_fits(paths, clock, size):
    app = make_app(paths, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.has_class("-too-small") and isinstance(app.screen, HomeScreen)
        assert "to start a workout" in str(app.screen.query_one("#too-small", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # nothing runs unseen
        assert app.ctx.workouts.current is None
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkoutScreen)  # once it fits, Enter starts it
        assert str(app.screen.query_one("#phase-title", Static).render()) == "GET READY"


async def test_resizing_during_a_workout_keeps_the_timer_right(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        screen = app.screen
        for size in [(120, 40), (40, 12), (80, 24), (200, 60)]:
            clock.advance(7)
            screen.wake()
            await pilot.resize_terminal(*size)
            await pilot.pause()
        assert screen.workout.engine.elapsed() == pytest.approx(28)
        assert screen.workout.engine.view().step_elapsed_s == pytest.approx(18)  # 10 s get-ready, then the set


async def test_no_color_renders_without_colour_and_the_heatmap_still_shades(paths, clock, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "")  # present, even empty, counts
    History(paths.data).add_many(make_sessions(30, end=TODAY))
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        svg = app.export_screenshot()
        assert app.no_color
        from glute_tui.ui.widgets.heatmap import GLYPHS

        rendered = str(app.screen.query_one("#heatmap").render())
        assert {GLYPHS[0], GLYPHS[4]} <= set(rendered)  # shade is in the glyphs, not just colour
        assert "#5cf08a" not in svg.lower()  # the brightest green is not drawn


def test_recovery_leaves_the_running_workout_of_this_process_alone(paths):
    """Recovery runs after Home's first frame, so a workout may already be running here: its
    journal is neither recovered nor reported as a workout in another window."""
    from glute_tui.core.records import Session, SetRecord, now_iso

    history = History(paths.data)
    journal = history.start_journal(Session("short", "Busy-day glutes", now_iso(), now_iso(), "stopped"))
    journal.record_set(1, SetRecord("squat", "none", 1, 12, 12, None, "bodyweight", 36.0))
    recovery = history.recover()
    assert (recovery.live, recovery.recovered, journal.path.exists()) == (0, [], True)
    journal.close(remove=False)  # given up without saving: now it is a leftover
    assert len(History(paths.data).recover().recovered) == 1
