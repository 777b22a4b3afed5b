"""The Preferences screen: each change checked, applied and saved; the next start uses them."""

from __future__ import annotations

import json

from textual.widgets import Input, Select, Static, Switch

from glute_tui.store.routine_files import builtin_routines
from glute_tui.ui.app import GluteApp
from glute_tui.ui.screens.home import HomeScreen
from glute_tui.ui.screens.preferences import PreferencesScreen


def make_app(paths, clock) -> GluteApp:
    return GluteApp(builtin_routines(), paths, clock=clock, speech_program=())


def saved(paths) -> dict:
    return json.loads(paths.preferences_file.read_text())


async def test_a_weekly_goal_is_saved_only_whole_and_valid_on_enter_or_leaving(paths, clock):
    """Issue 13, bug 1: typing 99 over a goal of 1 once saved the 9 typed on the way."""
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, PreferencesScreen)
        goal = app.screen.query_one("#weekly-goal", Input)
        goal.focus()
        await pilot.press("end", "backspace", "9")
        await pilot.pause()
        assert app.ctx.settings.current.weekly_goal == 1  # typed, not yet entered
        await pilot.press("9")
        await pilot.pause()
        assert "not saved" in str(app.screen.query_one("#weekly-goal-hint", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        assert "not saved, still 1" in str(app.screen.query_one("#weekly-goal-hint", Static).render())
        assert app.ctx.settings.current.weekly_goal == 1 and not paths.preferences_file.exists()
        await pilot.press("backspace", "backspace", "3")
        await pilot.pause()
        assert app.ctx.settings.current.weekly_goal == 1
        await pilot.press("tab")  # leaving the field saves a valid value
        await pilot.pause()
        assert saved(paths)["weekly_goal"] == 3 and app.ctx.settings.current.weekly_goal == 3
        goal.focus()
        await pilot.press("a", "b", "c")  # letters never reach an integer field
        assert goal.value == "3"
        await pilot.press("backspace", "5", "escape")  # leaving the screen leaves the field
        await pilot.pause()
        assert saved(paths)["weekly_goal"] == 5


async def test_switches_apply_at_once_and_are_remembered(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        sound = app.screen.query_one("#sound", Switch)
        sound.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.ctx.cues.muted and saved(paths)["sound"] is False
        speech = app.screen.query_one("#speech", Switch)
        assert speech.disabled  # no speech program: said next to it, and the switch is off
        assert "No speech program found" in str(app.screen.query(".pref-hint")[6].render())
    assert make_app(paths, clock).ctx.cues.muted


async def test_the_default_routine_and_counting_are_what_the_next_start_uses(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        app.screen.query_one("#default-routine", Select).value = "short"
        app.screen.query_one("#counting", Select).value = "self-paced"
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.screen.counting == "self-paced"
    assert saved(paths)["default_routine"] == "short"
    again = make_app(paths, clock)
    assert again.ctx.library.selected == "short" and again.ctx.settings.counting == "self-paced"
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert str(again.screen.query_one("#routine-name", Static).render()) == "Busy-day glutes"


async def test_tone_or_bell_and_the_volume_apply_at_once_and_are_remembered(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert app.terminal_cues.use_tones  # the default: tones (the bell where no player is found)
        assert "No sound player found" in str(app.screen.query(".pref-hint")[4].render())
        app.screen.query_one("#cue-sound", Select).value = "bell"
        app.screen.query_one("#volume", Select).value = 30
        await pilot.pause()
        assert not app.terminal_cues.use_tones and app.ctx.tones.volume == 30
        assert saved(paths)["cue_sound"] == "bell" and saved(paths)["volume"] == 30
    again = make_app(paths, clock)
    assert not again.terminal_cues.use_tones and again.terminal_cues.volume == 30
