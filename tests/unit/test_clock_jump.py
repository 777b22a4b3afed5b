"""A jump of the monotonic clock (a stopped process, a sleeping machine) is a pause, not work."""

from __future__ import annotations

import pytest
from conftest import FakeClock, make_routine

from glute_tui.core.display import describe
from glute_tui.core.engine import ClockJumped, Engine, SetFinished
from glute_tui.core.format import away_note, format_duration
from glute_tui.core.plan import REST, WORK, build_plan

JUMP_S = 5.0


def squats(catalogue, **item):
    exercise = {"id": "squat", "sets": 2, "reps": 10, "tempo_s": 2, "rest_s": 30, **item}
    return build_plan(make_routine(catalogue, [exercise], get_ready_s=0))


def follow(run: Engine, clock: FakeClock, seconds: float) -> list:
    """Poll as the screen does (at each wakeup, at most a second apart) for `seconds`."""
    end = clock.now + seconds
    events: list = []
    while clock.now < end - 1e-9:
        wake = run.wakeup_at()
        clock.now = min(end, wake if wake is not None else end)
        events += run.poll()
    return events


def test_a_jump_mid_set_counts_no_reps_for_the_time_away(catalogue, clock):
    run = Engine(squats(catalogue), clock, jump_s=JUMP_S)
    run.start()
    follow(run, clock, 5)  # two reps and a half
    assert run.view().reps == 2
    clock.advance(100)  # SIGSTOP ... SIGCONT
    events = run.poll()
    assert events == [ClockJumped(100)]
    view = run.view()
    assert view.paused and view.reps == 2 and view.step.kind == WORK and view.away_s == 100
    assert run.wakeup_at() is None  # nothing runs while away is shown
    clock.advance(30)  # the person reads the screen
    assert run.view().reps == 2
    run.toggle_pause()  # Space: on with the set, from where it was
    assert run.view().away_s is None
    follow(run, clock, 1)
    assert run.view().reps == 3  # 5 s of work + 1 s: the 100 s away and the 30 s paused count for nothing


def test_a_jump_during_a_rest_does_not_use_the_rest_up(catalogue, clock):
    run = Engine(squats(catalogue), clock, jump_s=JUMP_S)
    run.start()
    follow(run, clock, 20 + 10)  # the set (10 x 2 s), then 10 s of its 30 s rest
    assert run.view().step.kind == REST and run.view().remaining_s == pytest.approx(20)
    clock.advance(100)
    assert run.poll() == [ClockJumped(100)]
    assert run.view().step.kind == REST and run.view().remaining_s == pytest.approx(20)
    run.toggle_pause()
    follow(run, clock, 19)
    assert run.view().step.kind == REST
    follow(run, clock, 1)
    assert run.view().step.kind == WORK and run.view().step.set_no == 2


def test_time_away_is_left_out_of_the_elapsed_time_and_the_set_seconds(catalogue, clock):
    run = Engine(squats(catalogue), clock, jump_s=JUMP_S)
    run.start()
    follow(run, clock, 6)
    clock.advance(3600)
    run.poll()
    assert run.elapsed() == pytest.approx(6)
    run.toggle_pause()
    events = run.finish_step()
    finished = [e for e in events if isinstance(e, SetFinished)]
    assert finished[0].record.seconds == pytest.approx(6) and finished[0].record.reps == 3


def test_a_key_pressed_on_return_shows_the_pause_instead_of_acting(catalogue, clock):
    """On SIGCONT a key may reach the app before its timer: Enter then must not end the set
    with the reps of the time away; the pause is shown and the key is not acted on."""
    run = Engine(squats(catalogue), clock, jump_s=JUMP_S)
    run.start()
    follow(run, clock, 4)
    clock.advance(60)
    assert run.finish_step() == [ClockJumped(60)]
    assert run.paused and not run.records and run.view().reps == 2
    assert run.finish_step()[0] == SetFinished(0, run.records[0])
    assert run.records[0].reps == 2 and run.records[0].seconds == pytest.approx(4)


def test_space_on_return_keeps_the_pause(catalogue, clock):
    run = Engine(squats(catalogue), clock, jump_s=JUMP_S)
    run.start()
    follow(run, clock, 3)
    clock.advance(20)
    assert run.toggle_pause() == [ClockJumped(20)]
    assert run.paused


def test_gaps_up_to_the_threshold_are_ordinary_late_polls(catalogue, clock):
    run = Engine(squats(catalogue), clock, jump_s=JUMP_S)
    run.start()
    clock.advance(JUMP_S)
    assert not any(isinstance(e, ClockJumped) for e in run.poll())
    assert not run.paused and run.view().reps == 2


def test_a_long_manual_pause_is_not_a_jump(catalogue, clock):
    run = Engine(squats(catalogue), clock, jump_s=JUMP_S)
    run.start()
    follow(run, clock, 2)
    run.toggle_pause()
    clock.advance(600)
    assert run.poll() == []
    run.toggle_pause()
    assert run.poll() == [] and not run.paused and run.view().away_s is None


def test_without_a_threshold_a_big_step_of_the_clock_is_time_worked(catalogue, clock):
    """The engine's tests and the screenshots move a fake clock in big steps: off by default."""
    run = Engine(squats(catalogue), clock)
    run.start()
    clock.advance(40)  # the first set (20 s) and 20 s of its 30 s rest
    events = run.poll()
    assert not any(isinstance(e, ClockJumped) for e in events)
    assert run.view().step.kind == REST and run.view().remaining_s == pytest.approx(10)


def test_stop_after_a_jump_keeps_the_time_away_out(catalogue, clock):
    run = Engine(squats(catalogue), clock, jump_s=JUMP_S)
    run.start()
    follow(run, clock, 21)  # the first set, 1 s of rest
    clock.advance(500)
    run.stop()
    assert run.elapsed() == pytest.approx(21)


def test_a_jump_threshold_must_be_positive(catalogue, clock):
    with pytest.raises(ValueError):
        Engine(squats(catalogue), clock, jump_s=0)


def test_the_screen_says_how_long_the_app_was_away(catalogue, clock):
    plan = squats(catalogue)
    run = Engine(plan, clock, jump_s=JUMP_S)
    run.start()
    follow(run, clock, 3)
    clock.advance(100)
    run.poll()
    shown = describe(run.view(), plan.next_work_after(run.index))
    assert shown.paused and shown.paused_note == "Paused (the app was stopped for 01:40)"
    run.toggle_pause()
    assert describe(run.view(), None).paused_note == ""


@pytest.mark.parametrize(("seconds", "text"), [
    (3, "00:03"), (100, "01:40"), (59 * 60 + 59, "59:59"), (3600, "1:00:00"), (3 * 3600 + 62, "3:01:02"),
])
def test_time_away_reads_mm_ss_under_an_hour_and_h_mm_ss_above(seconds, text):
    assert format_duration(seconds) == text  # the one duration format
    assert away_note(seconds) == f"Paused (the app was stopped for {text})"


def test_the_app_clock_also_runs_while_the_machine_sleeps_where_it_can():
    """CLOCK_BOOTTIME on Linux: a laptop's sleep mid-set is then a jump, so a pause, like SIGSTOP."""
    import time

    from glute_tui.cli.app import app_clock

    clock = app_clock()
    first, second = clock(), clock()
    assert second >= first
    if hasattr(time, "CLOCK_BOOTTIME"):
        assert abs(clock() - time.clock_gettime(time.CLOCK_BOOTTIME)) < 60
        assert clock is not time.monotonic
