""""Any pain?" with how much it hurt (0-10, from 3), by keys and by taps alone (Pilot).

A phone in the browser has only taps: every control (the effort, an area, its side, the
severity, Save, No pain, Skip) is a labelled button or option, and all of them are on the
screen at 60x18, 95x17 (a phone on its side) and 44x60 (upright).
"""

from __future__ import annotations

import pytest
from textual.app import App
from textual.widgets import Button, OptionList

from glute_tui.core.effort import PAIN_AREAS, Pain
from glute_tui.devtools.scenes import advance, end_check
from glute_tui.store.history import History
from glute_tui.store.routine_files import builtin_routines
from glute_tui.ui.app import GluteApp
from glute_tui.ui.dialogs.pain_check import PainAnswer, PainCheck

CONTROLS = ["#pain-effort-easy", "#pain-effort-right", "#pain-effort-hard", "#pain-effort-failed",
            "#pain-side-left", "#pain-side-right", "#pain-side-both", "#pain-side-none",
            "#pain-milder", "#pain-worse", "#pain-save", "#pain-none", "#pain-skip"]


class Host(App[None]):
    """Only the dialog, as the Summary and History put it up; keeps what it was dismissed with."""

    def __init__(self, check: PainCheck) -> None:
        super().__init__()
        self.check = check
        self.answers: list[PainAnswer | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.check, self.answers.append)


async def tap_area(pilot, area: str) -> None:
    """A tap on an area's row of the list."""
    await pilot.click("#pain-areas", offset=(3, list(PAIN_AREAS).index(area)))
    await pilot.pause()


async def tap(pilot, *selectors: str) -> None:
    for selector in selectors:
        await pilot.click(selector)
        await pilot.pause()


async def test_severity_by_keys_is_saved_with_each_area_from_the_end_of_a_workout(paths, clock):
    app = GluteApp(builtin_routines(), paths, selected="short", clock=clock, speech_program=(), flash_s=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock)
        # the right knee, two worse than the 3 it starts at; the left lower back, down to 0
        await end_check(pilot, "r", "plus", "plus", "down", "down", "l", *["minus"] * 5, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    (session,) = History(paths.data).load().sessions
    assert session.pain == [Pain("knee", "right", 5), Pain("lower-back", "left", 0)]


async def test_severity_stays_within_0_and_10_and_shows_beside_the_side():
    host = Host(PainCheck())
    async with host.run_test(size=(80, 24)) as pilot:
        await pilot.press("b", *["plus"] * 12)
        areas = host.screen.query_one("#pain-areas", OptionList)
        assert "both sides 10/10" in str(areas.get_option_at_index(0).prompt)
        assert "how bad 10/10" in str(host.screen.query_one("#pain-severity-value").render())
        await pilot.press("down", "r", *["minus"] * 4, "enter")
    assert host.answers == [PainAnswer([Pain("knee", "both", 10), Pain("hip", "right", 0)])]


async def test_the_severity_keys_type_into_the_note_while_it_is_focused():
    host = Host(PainCheck())
    async with host.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "tab", *"3-4 +", "enter")
    assert host.answers == [PainAnswer([Pain("knee", "right", 3)], "3-4 +")]


async def test_a_pain_of_unknown_severity_is_kept_unknown_unless_changed():
    host = Host(PainCheck([Pain("knee", "right"), Pain("hip", "left")], "old note"))
    async with host.run_test(size=(80, 24)) as pilot:
        assert "right      ?/10" in str(host.screen.query_one("#pain-areas", OptionList).get_option_at_index(0).prompt)
        await pilot.press("down", "plus", "enter")  # the hip: from the default 3, one worse
    assert host.answers == [PainAnswer([Pain("knee", "right", None), Pain("hip", "left", 3)], "old note")]


@pytest.mark.parametrize("size", [(80, 24), (44, 60)])
async def test_every_answer_can_be_given_by_taps_alone(size):
    host = Host(PainCheck(ask_effort_for="Clamshells"))
    async with host.run_test(size=size) as pilot:
        await tap(pilot, "#pain-effort-hard")
        await tap_area(pilot, "it-band")
        await tap(pilot, "#pain-side-left", "#pain-worse", "#pain-worse")
        await tap_area(pilot, "ankle")
        await tap(pilot, "#pain-side-both", "#pain-milder")
        await tap(pilot, "#pain-side-right", "#pain-side-none")  # changed its mind: no ankle
        await tap_area(pilot, "knee")
        await tap(pilot, "#pain-side-right")
        assert host.screen.query_one("#pain-side-right", Button).variant == "primary"  # shows the choice
        await tap(pilot, "#pain-save")
    assert host.answers == [PainAnswer([Pain("knee", "right", 3), Pain("it-band", "left", 5)], None, "hard")]


async def test_no_pain_and_skip_are_taps_too():
    for button, expected in (("#pain-none", PainAnswer([], None, None)), ("#pain-skip", None)):
        host = Host(PainCheck())
        async with host.run_test(size=(44, 60)) as pilot:
            await tap(pilot, "#pain-side-left", button)  # the knee picked, then "no pain" / skip
        assert host.answers == [expected]


async def test_a_tap_leaves_the_keys_working_on_the_list():
    host = Host(PainCheck())
    async with host.run_test(size=(80, 24)) as pilot:
        await tap(pilot, "#pain-worse")
        assert isinstance(host.screen.focused, OptionList)
        await pilot.press("down", "r", "enter")
    assert host.answers == [PainAnswer([Pain("hip", "right", 3)])]


@pytest.mark.parametrize("size", [(60, 18), (95, 17), (44, 60), (44, 30)])
async def test_every_control_is_on_the_screen_with_its_label(size):
    host = Host(PainCheck(ask_effort_for="Single-leg glute bridge"))
    async with host.run_test(size=size) as pilot:
        await pilot.pause()
        screen = host.screen.region
        for selector in CONTROLS + ["#pain-areas", "#pain-note"]:
            widget = host.screen.query_one(selector)
            region = widget.region
            assert region.width > 0 and region.height > 0, selector
            assert screen.contains_region(region), (selector, region, screen)
        areas = host.screen.query_one("#pain-areas", OptionList)
        assert areas.region.height == len(PAIN_AREAS)  # every area in sight, none scrolled away
        for selector in CONTROLS:
            button = host.screen.query_one(selector, Button)
            assert str(button.label).strip() and button.content_region.width >= len(str(button.label))


async def test_the_question_put_up_as_the_app_ends_ends_quietly():
    """A workout's last set and a quit at once: the question is put up into an app already
    ending, where Textual mounts none of its children but still sends it Mount."""

    class Ending(App[None]):
        def on_mount(self) -> None:
            self.push_screen(PainCheck())
            self.exit()

    app = Ending()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert app.return_code == 0  # no error raised out of the question's Mount
