"""The workout's own timer wakes it even when it is already late (a busy machine): Textual's
one-shot timer never fires with a delay of 0, so a late wake-up must not ask for one."""

from __future__ import annotations

import asyncio

from glute_tui.devtools.clock import ManualClock
from glute_tui.store.routine_files import builtin_routines
from glute_tui.ui.app import GluteApp
from glute_tui.ui.screens.workout import WorkoutScreen
from glute_tui.ui.textual_compat import timer_delay


class BusyClock(ManualClock):
    """A machine so busy that every look at the clock finds it `step` seconds later."""

    step = 0.0

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def test_a_wake_up_already_due_is_given_a_delay_the_timer_can_keep():
    assert timer_delay(-3.0) > 0
    assert timer_delay(0.0) > 0
    assert timer_delay(2.5) == 2.5


async def test_a_rest_on_a_busy_machine_ends_by_the_timer_alone(paths):
    clock = BusyClock()
    app = GluteApp(builtin_routines(), paths, selected="short", clock=clock, speech_program=())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # start
        await pilot.press("enter")  # end the get-ready
        await pilot.press("enter")  # the first set done: a rest
        screen = app.screen
        assert isinstance(screen, WorkoutScreen) and screen.shown.phase == "rest"
        clock.step = 1.5  # from now on each wake-up is due before its timer is even set
        await pilot.press("up")  # anything that shows the screen again sets its timer
        for _ in range(400):  # the timer is real: up to 20 s on a loaded machine, 1 s when quiet
            if screen.shown.phase != "rest":
                break
            await asyncio.sleep(0.05)
        assert screen.shown.phase != "rest"
