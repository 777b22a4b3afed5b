"""By touch (Pilot, fake clock): the workout's touch bar and "How was it?" as four buttons, on a
phone upright (46x60 cells) and on its side (95x17), clicked as a finger taps; in a terminal the
Footer keeps the keys. The page is told when a workout starts and ends (the wake lock), and the
voice preference says the page speaks in a browser."""

from __future__ import annotations

import pytest
from textual.widgets import Button, Footer, Static, Switch

from glute_tui.devtools.scenes import advance, end_check
from glute_tui.store.routine_files import builtin_routines
from glute_tui.ui.app import GluteApp
from glute_tui.ui.dialogs.confirm import Confirm
from glute_tui.ui.dialogs.pain_check import PainCheck
from glute_tui.ui.screens.home import HomeScreen
from glute_tui.ui.screens.preferences import PreferencesScreen
from glute_tui.ui.screens.summary import SummaryScreen
from glute_tui.ui.screens.workout import WorkoutScreen, for_touch
from glute_tui.ui.terminal_cues import WAKE_URL
from glute_tui.ui.widgets.effort_prompt import EffortChoices
from glute_tui.ui.widgets.too_small import too_small
from glute_tui.ui.widgets.touch_bar import TOUCH_ACTIONS, TouchBar

PHONE_UPRIGHT, PHONE_ON_ITS_SIDE = (46, 60), (95, 17)
SQUATS_DONE = 10 + 36 + 30 + 36 + 1  # into the rest after the last set of squats (routine "short")


def make_app(paths, clock, *, touch: bool | None = True) -> GluteApp:
    return GluteApp(builtin_routines(), paths, selected="short", clock=clock, speech_program=(),
                    flash_s=0, touch=touch)


async def start(pilot) -> WorkoutScreen:
    await pilot.click("#touch-start") if pilot.app.ctx.touch else await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, WorkoutScreen)
    for button in screen.query(Button):  # a button takes no second tap for 0.2 s of real time
        button.active_effect_duration = 0  # (a double tap is one); these clicks come faster
    return screen


def visible_whole(app, widget) -> bool:
    region = widget.region
    return widget.display and region.area > 0 and app.screen.region.contains_region(region)


def label(screen, name: str) -> str:
    return str(screen.query_one(f"#touch-{name}", Button).label)


@pytest.mark.parametrize("size", [PHONE_UPRIGHT, PHONE_ON_ITS_SIDE], ids=["upright", "on-its-side"])
async def test_every_workout_action_is_one_whole_button_on_the_screen(paths, clock, size):
    app = make_app(paths, clock)
    async with app.run_test(size=size) as pilot:
        screen = await start(pilot)
        assert not app.has_class("-too-small")
        assert not screen.query_one(Footer).display  # the touch bar takes its place
        for name, _, _ in TOUCH_ACTIONS:
            button = screen.query_one(f"#touch-{name}", Button)
            assert visible_whole(app, button), name
            assert button.region.height >= 2, name  # at least two rows: about 48 CSS px on a phone
            assert not button.can_focus  # the keys stay the screen's
        await advance(pilot, clock, SQUATS_DONE)
        choices = screen.query_one(EffortChoices)
        for effort in ("easy", "right", "hard", "failed"):
            assert visible_whole(app, choices.query_one(f"#effort-{effort}", Button)), effort
        assert screen.query_one("#number").region.height >= 2  # the rest's countdown still shows


async def test_in_a_terminal_the_footer_keeps_the_keys_and_no_button_is_shown(paths, clock):
    app = make_app(paths, clock, touch=None)  # not in a browser: keys
    async with app.run_test(size=(80, 24)) as pilot:
        assert not app.screen.query_one("#touch-start", Button).display
        screen = await start(pilot)
        assert screen.query_one(Footer).display and screen.query_one(Footer).region.height == 1
        assert not screen.query(TouchBar)  # not even made: a terminal never shows it
        await advance(pilot, clock, SQUATS_DONE)
        assert not screen.query(EffortChoices)
        assert not screen.query(Button)  # nothing on the workout to tap: the keys do it all
        assert "1 easy" in str(screen.query_one("#effort", Static).render())  # the keys, on a line


@pytest.mark.parametrize("size", [PHONE_UPRIGHT, PHONE_ON_ITS_SIDE], ids=["upright", "on-its-side"])
async def test_each_button_does_what_its_key_does(paths, clock, size):
    app = make_app(paths, clock)
    async with app.run_test(size=size) as pilot:
        screen = await start(pilot)
        assert "tap Done" in str(screen.query_one("#caption", Static).render())  # not "Enter"
        await pilot.click("#touch-pause")
        assert screen.workout.engine.paused and label(screen, "pause") == "Resume"
        await pilot.click("#touch-pause")
        assert not screen.workout.engine.paused and label(screen, "pause") == "Pause"
        await pilot.click("#touch-done")  # the get-ready ends now
        assert screen.workout.engine.step.kind == "work" and screen.workout.engine.step.item.exercise.name == "Squats"
        clock.now += 7.5
        screen.wake()
        reps = screen.workout.engine.view().reps
        await pilot.click("#touch-reps-up")
        assert screen.workout.engine.view().reps == reps + 1
        await pilot.click("#touch-reps-down")
        assert screen.workout.engine.view().reps == reps
        index = screen.workout.engine.index
        await pilot.click("#touch-skip")
        assert screen.workout.engine.index > index
        await pilot.click("#touch-back")
        assert screen.workout.engine.index == index
        await pilot.click("#touch-done")  # the set ends: a rest
        assert screen.workout.engine.step.kind == "rest"
        left = screen.workout.engine.view().remaining_s
        await pilot.click("#touch-add-rest")
        assert screen.workout.engine.view().remaining_s == pytest.approx(left + 15)
        await pilot.click("#touch-mute")
        assert app.ctx.cues.muted and label(screen, "mute") == "Sound"
        await pilot.click("#touch-mute")
        assert not app.ctx.cues.muted
        await pilot.click("#touch-quit")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)  # asks first, as q does
        await pilot.click("#no")
        await pilot.pause()
        assert app.screen is screen and not screen.workout.engine.paused


@pytest.mark.parametrize("size", [PHONE_UPRIGHT, PHONE_ON_ITS_SIDE], ids=["upright", "on-its-side"])
async def test_how_was_it_is_answered_by_a_tap_and_the_rest_runs_on(paths, clock, size):
    app = make_app(paths, clock)
    async with app.run_test(size=size) as pilot:
        screen = await start(pilot)
        await advance(pilot, clock, SQUATS_DONE)
        assert screen.workout.rating_due() == "Squats"
        assert "Tap one" in str(screen.query_one("#effort", Static).render())
        remaining = screen.workout.engine.view().remaining_s
        await pilot.click("#effort-hard")
        assert screen.workout.rating() == "hard"
        assert not screen.workout.engine.paused  # the tap answered; it did not pause
        assert screen.query_one("#effort-hard", Button).variant == "primary"  # the answer, marked
        await pilot.click("#effort-easy")  # changed
        assert screen.workout.rating() == "easy"
        assert screen.query_one("#effort-hard", Button).variant == "default"
        await advance(pilot, clock, 2)
        assert screen.workout.engine.view().remaining_s == pytest.approx(remaining - 2)
        await pilot.click("#number")  # a tap elsewhere on the workout still pauses, as before
        assert screen.workout.engine.paused


async def test_the_page_is_told_when_a_workout_starts_and_when_it_ends(paths, clock, monkeypatch):
    monkeypatch.setattr(GluteApp, "is_web", property(lambda app: True))
    opened: list[str] = []
    monkeypatch.setattr(GluteApp, "open_url", lambda app, url, new_tab=True: opened.append(url))
    app = make_app(paths, clock, touch=None)
    async with app.run_test(size=PHONE_UPRIGHT) as pilot:
        assert app.ctx.touch  # in a browser: by touch
        await start(pilot)
        await pilot.pause()
        assert opened == [WAKE_URL + "on"]
        await advance(pilot, clock)
        await end_check(pilot)
        assert opened == [WAKE_URL + "on", WAKE_URL + "off"]


@pytest.mark.parametrize("size", [PHONE_UPRIGHT, PHONE_ON_ITS_SIDE], ids=["upright", "on-its-side"])
async def test_the_summary_asks_any_pain_again_and_goes_home_by_taps(paths, clock, size):
    app = make_app(paths, clock)
    async with app.run_test(size=size) as pilot:
        await start(pilot)
        await advance(pilot, clock)
        await end_check(pilot)  # skipped: nothing recorded
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert not summary.query_one(Footer).display  # the buttons take its place
        for name in ("pain", "home"):
            button = summary.query_one(f"#touch-{name}", Button)
            assert visible_whole(app, button) and button.region.height >= 2 and not button.can_focus, name
        assert "Any pain?" in str(summary.query_one("#progression", Static).render())  # not "a"
        await pilot.click("#touch-pain")
        await pilot.pause()
        assert isinstance(app.screen, PainCheck)
        await pilot.click("#pain-none")
        await pilot.pause()
        assert app.screen is summary and summary.pain_answered
        await pilot.click("#touch-home")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_in_a_terminal_the_summary_keeps_its_footer_and_shows_no_button(paths, clock):
    app = make_app(paths, clock, touch=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await advance(pilot, clock)
        await end_check(pilot)
        assert app.screen.query_one(Footer).display
        assert not app.screen.query("#summary-touch")  # not made in a terminal
        assert "a answers" in str(app.screen.query_one("#progression", Static).render())


async def test_in_a_terminal_nothing_is_sent_for_the_screen(paths, clock, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(GluteApp, "open_url", lambda app, url, new_tab=True: opened.append(url))
    app = make_app(paths, clock, touch=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("q", "y")
        await pilot.pause()
        assert opened == []  # open_url in a terminal would start a web browser


async def test_in_a_browser_the_voice_preference_says_the_page_speaks(paths, clock, monkeypatch):
    monkeypatch.setattr(GluteApp, "is_web", property(lambda app: True))
    app = make_app(paths, clock)  # no speech program on this machine (speech_program=())
    async with app.run_test(size=(80, 40)) as pilot:
        app.push_screen(PreferencesScreen(app.ctx))
        await pilot.pause()
        switch = app.screen.query_one("#speech", Switch)
        assert not switch.disabled and switch.value  # on, and can be turned off
        hints = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "this page" in hints and "No speech program" not in hints
        await pilot.click("#speech")
        await pilot.pause()
        assert app.ctx.settings.current.speech is False
        assert app.terminal_cues.speech is False  # the page is told not to speak


@pytest.mark.parametrize(("width", "height", "fits"), [
    (95, 17, True), (90, 16, True), (89, 17, False), (95, 15, False),  # a phone on its side
    (80, 24, True), (60, 18, True), (59, 18, False), (46, 60, True), (40, 30, True), (39, 40, False),
])
def test_a_phone_on_its_side_is_not_too_small(width: int, height: int, fits: bool):
    assert too_small(width, height) is not fits


def test_captions_by_touch_name_the_buttons_not_the_keys():
    assert for_touch("seconds · Enter to start now") == "seconds · tap Done to start now"
    assert for_touch("seconds of rest · + adds 15 s · last set: 12 reps (↑↓ to correct)") == \
        "seconds of rest · +15 s adds more · last set: 12 reps (Rep ± to correct)"
