"""The workout state machine, driven by a fake clock."""

from __future__ import annotations

import pytest
from conftest import FakeClock, make_routine, two_sets_of_squats

from glute_tui.core.engine import (
    Countdown,
    Engine,
    HoldHalfway,
    PhaseStarted,
    RepCounted,
    SetCorrected,
    SetFinished,
    SetsDropped,
    WorkoutDone,
)
from glute_tui.core.plan import DONE, GET_READY, REST, SWITCH, WORK, build_plan


def run_through(run: Engine, clock: FakeClock) -> list:
    """Follow the run as the screen does: wake at each change, poll."""
    events = run.start()
    guard = 0
    while not run.finished:
        wake = run.wakeup_at()
        assert wake is not None and wake > clock.now
        clock.now = wake
        events += run.poll()
        guard += 1
        assert guard < 100_000
    return events


def test_default_routine_straight_through_matches_plan_and_planned_length(builtins, clock):
    plan = build_plan(builtins["article"])
    run = Engine(plan, clock)
    events = run_through(run, clock)
    records = run.done_records()
    work = plan.work_steps
    assert len(records) == len(work) == 21
    for step, record in zip(work, records):
        assert (record.exercise, record.side, record.set) == (step.item.id, step.side, step.set_no)
        assert record.reps == record.target_reps == step.item.reps
        assert not record.skipped
    assert run.elapsed() == pytest.approx(plan.total_s, abs=1e-6)
    assert isinstance(events[-1], WorkoutDone)
    # every side of every set: single-leg deadlifts and clamshells have a left and a right
    sides = {(r.exercise, r.set): set() for r in records}
    for r in records:
        sides[(r.exercise, r.set)].add(r.side)
    assert sides[("single-leg-deadlift", 2)] == {"left", "right"}
    assert sides[("lunge", 1)] == {"alternate"}


def test_late_polls_do_not_add_up(builtins, clock):
    """Polled 0.7 s late every time, the workout still ends on the planned second."""
    plan = build_plan(builtins["short"])
    run = Engine(plan, clock)
    run.start()
    while not run.finished:
        clock.now = run.wakeup_at() + 0.7
        run.poll()
    assert run.elapsed() == pytest.approx(plan.total_s, abs=1e-6)


def test_one_big_jump_ends_every_phase_at_its_deadline(builtins, clock):
    plan = build_plan(builtins["short"])
    run = Engine(plan, clock)
    run.start()
    clock.advance(plan.total_s + 500)
    events = run.poll()
    assert run.finished
    assert sum(isinstance(e, SetFinished) for e in events) == len(plan.work_steps)
    assert run.elapsed() == pytest.approx(plan.total_s)


def test_a_90_second_pause_moves_the_end_by_exactly_90_seconds(builtins, clock):
    plan = build_plan(builtins["article"])
    run = Engine(plan, clock)
    start = clock.now
    run.start()
    clock.advance(100.3)
    run.poll()
    run.pause()
    clock.advance(90)
    assert run.poll() == []  # nothing moves while paused
    run.resume()
    while not run.finished:
        clock.now = run.wakeup_at()
        run.poll()
    assert clock.now - start == pytest.approx(plan.total_s + 90, abs=1e-6)
    assert run.elapsed() == pytest.approx(plan.total_s, abs=1e-6)


def test_pause_freezes_the_countdown_and_the_rep_count(catalogue, clock):
    routine = make_routine(catalogue, [{"id": "squat", "sets": 1, "reps": 10, "tempo_s": 2}])
    run = Engine(build_plan(routine), clock)
    run.start()
    clock.advance(3 + 5)  # get-ready, then 2 reps and a half
    run.poll()
    assert run.view().reps == 2
    run.toggle_pause()
    clock.advance(60)
    assert run.view().reps == 2 and run.view().paused
    assert run.wakeup_at() is None
    run.toggle_pause()
    clock.advance(1)
    run.poll()
    assert run.view().reps == 3


def test_skip_at_the_first_and_the_last_step(catalogue, clock):
    routine = make_routine(catalogue, [{"id": "squat", "sets": 2, "reps": 5, "rest_s": 10}])
    plan = build_plan(routine)
    run = Engine(plan, clock)
    run.start()
    assert run.step.kind == GET_READY
    run.skip()  # skipping the get-ready starts the first set at once
    assert run.step.kind == WORK and run.step.set_no == 1
    run.skip()
    assert run.done_records()[0].skipped
    run.skip()  # the rest
    assert run.step.set_no == 2
    events = run.skip()  # the last step before done
    assert run.finished and any(isinstance(e, WorkoutDone) for e in events)
    assert run.skip() == [] and run.finished  # nothing after the end
    assert [r.skipped for r in run.done_records()] == [True, True]


def test_back_at_the_first_step_restarts_it(catalogue, clock):
    routine = make_routine(catalogue, [{"id": "squat", "sets": 1, "reps": 5}])
    run = Engine(build_plan(routine), clock)
    run.start()
    clock.advance(2)
    run.back()
    assert run.index == 0
    assert run.view().remaining_s == pytest.approx(3)


def test_back_redoes_the_previous_set_and_drops_its_record(catalogue, clock):
    routine = make_routine(catalogue, [{"id": "squat", "sets": 2, "reps": 5, "tempo_s": 1, "rest_s": 10}])
    run = Engine(build_plan(routine), clock)
    run.start()
    clock.advance(3 + 5 + 2)  # into the rest after set 1
    run.poll()
    assert run.step.kind == REST and len(run.done_records()) == 1
    events = run.back()
    assert run.step.kind == WORK and run.step.set_no == 1
    assert run.done_records() == []
    assert events[0] == SetsDropped(run.index)


def test_back_is_harmless_after_the_end(catalogue, clock):
    routine = make_routine(catalogue, [{"id": "squat", "sets": 1, "reps": 2, "tempo_s": 1}])
    run = Engine(build_plan(routine), clock)
    run_through(run, clock)
    assert run.back() == [] and run.finished and len(run.done_records()) == 1


def test_adjusting_reps_never_goes_below_zero(catalogue, clock):
    routine = make_routine(catalogue, [{"id": "squat", "sets": 2, "reps": 5, "tempo_s": 1, "rest_s": 10}])
    run = Engine(build_plan(routine), clock)
    run.start()
    clock.advance(3 + 2)
    run.poll()
    assert run.view().reps == 2
    for _ in range(5):
        run.adjust_reps(-1)
    assert run.view().reps == 0
    clock.advance(2)
    run.poll()
    assert run.view().reps == 2  # the pacer goes on from the corrected count
    for _ in range(10):
        run.adjust_reps(-1)
    assert run.view().reps == 0
    clock.advance(10)
    run.poll()
    assert run.done_records()[0].reps == 1  # the last rep after the correction


def test_correcting_the_last_set_during_the_rest(catalogue, clock):
    routine = make_routine(catalogue, [{"id": "squat", "sets": 2, "reps": 12, "tempo_s": 1, "rest_s": 30}])
    run = Engine(build_plan(routine), clock)
    run.start()
    clock.advance(3 + 12 + 1)
    run.poll()
    assert run.step.kind == REST
    events = run.adjust_reps(-2)
    assert run.done_records()[0].reps == 10
    assert isinstance(events[0], SetCorrected) and events[0].record.reps == 10
    for _ in range(20):
        run.adjust_reps(-1)
    assert run.done_records()[0].reps == 0


def test_a_hold_counts_down_to_zero_and_ends_the_step(catalogue, clock):
    routine = make_routine(catalogue, [{"id": "glute-bridge", "sets": 1, "hold_s": 30}], get_ready_s=0)
    run = Engine(build_plan(routine), clock)
    events = run.start()
    assert run.step.item.is_hold and run.view().remaining_s == pytest.approx(30)
    clock.advance(29.5)
    events += run.poll()
    assert run.view().remaining_s == pytest.approx(0.5)
    assert [e.seconds_left for e in events if isinstance(e, Countdown)] == [1]
    clock.advance(0.5)
    events += run.poll()
    assert run.finished
    record = run.done_records()[0]
    assert record.hold_s == 30 and record.reps is None and not record.skipped
    assert any(isinstance(e, HoldHalfway) for e in run_through_events(catalogue))


def run_through_events(catalogue):
    clock = FakeClock()
    routine = make_routine(catalogue, [{"id": "glute-bridge", "sets": 1, "hold_s": 30}], get_ready_s=0)
    return run_through(Engine(build_plan(routine), clock), clock)


def test_paced_reps_are_counted_every_tempo_seconds(catalogue, clock):
    routine = make_routine(catalogue, [{"id": "squat", "sets": 1, "reps": 4, "tempo_s": 2.5}], get_ready_s=0)
    run = Engine(build_plan(routine), clock)
    events = run_through(run, clock)
    assert [e.reps for e in events if isinstance(e, RepCounted)] == [1, 2, 3, 4]
    last_rep = next(i for i, e in enumerate(events) if isinstance(e, RepCounted) and e.reps == 4)
    assert isinstance(events[last_rep + 1], SetFinished)
    assert run.done_records()[0].seconds == pytest.approx(10.0)


def test_self_paced_sets_wait_for_enter_and_keep_the_corrected_count(catalogue, clock):
    routine = make_routine(catalogue, [{"id": "squat", "sets": 1, "reps": 12}], get_ready_s=0)
    run = Engine(build_plan(routine), clock, counting="self-paced")
    run.start()
    clock.advance(600)
    run.poll()
    assert run.step.kind == WORK  # a stopwatch: no deadline
    assert run.view().remaining_s is None and run.view().step_elapsed_s == pytest.approx(600)
    run.adjust_reps(-2)
    run.finish_step()
    assert run.finished and run.done_records()[0].reps == 10
    assert run.done_records()[0].seconds == pytest.approx(600)


def test_alternating_sets_show_the_leg_of_each_rep(catalogue, clock):
    routine = make_routine(catalogue, [{"id": "lunge", "sets": 1, "reps": 4, "tempo_s": 1}], get_ready_s=0)
    run = Engine(build_plan(routine), clock)
    run.start()
    legs = [run.view().rep_side]
    for _ in range(3):
        clock.advance(1)
        run.poll()
        legs.append(run.view().rep_side)
    assert legs == ["left", "right", "left", "right"]


def test_extending_a_rest_adds_fifteen_seconds(catalogue, clock):
    run = two_sets_of_squats(catalogue, clock, reps=2, tempo_s=1)
    assert not run.add_rest()  # not during a set
    clock.advance(2)
    run.poll()
    assert run.step.kind == REST and run.add_rest()
    assert run.view().remaining_s == pytest.approx(45)
    while not run.finished:
        clock.now = run.wakeup_at()
        run.poll()
    assert run.elapsed() == pytest.approx(run.plan.total_s + 15)


def test_fifteen_more_seconds_of_rest_count_at_once_in_the_time_left_to_the_end(catalogue, clock):
    run = two_sets_of_squats(catalogue, clock, reps=2, tempo_s=1)
    clock.advance(2)
    run.poll()
    clock.advance(5)  # five seconds into the rest
    before = run.view()
    assert before.step.kind == REST and before.to_go_s == pytest.approx(25 + 2)  # the rest, then the last set
    assert run.add_rest()
    after = run.view()
    assert after.extra_s == 15
    assert after.to_go_s == pytest.approx(before.to_go_s + 15)  # at once, not from the next set
    assert after.progress < before.progress  # the workout got longer
    while not run.finished:  # and "to go" is true to the end: it reaches 0 when the workout does
        clock.now = run.wakeup_at()
        run.poll()
        view = run.view()
        assert view.elapsed_s + view.to_go_s == pytest.approx(run.plan.total_s + 15)


def test_countdown_cues_come_once_per_second_in_the_last_three(catalogue, clock):
    routine = make_routine(catalogue, [{"id": "squat", "sets": 2, "reps": 1, "tempo_s": 1, "rest_s": 10}],
                           get_ready_s=0)
    run = Engine(build_plan(routine), clock)
    run.start()
    times = []
    while not run.finished:
        clock.now = run.wakeup_at()
        for event in run.poll():
            if isinstance(event, Countdown):
                times.append((round(clock.now - 1000, 3), event.seconds_left))
    assert times == [(8.0, 3), (9.0, 2), (10.0, 1)]


def test_enter_ends_a_rest_early_and_the_next_set_starts_then(catalogue, clock):
    routine = make_routine(catalogue, [{"id": "squat", "sets": 2, "reps": 2, "tempo_s": 1, "rest_s": 30}],
                           get_ready_s=0)
    run = Engine(build_plan(routine), clock)
    run.start()
    clock.advance(2 + 5)
    run.poll()
    events = run.finish_step()
    assert isinstance(events[0], PhaseStarted) and run.step.kind == WORK and run.step.set_no == 2
    assert run.view().remaining_s == pytest.approx(2)


def test_stop_keeps_the_finished_sets_and_the_reps_of_the_set_under_way(builtins, clock):
    run = Engine(build_plan(builtins["article"]), clock)
    run.start()
    clock.advance(10 + 36 + 45 + 19)  # 19 s into the second set of squats: 6 reps counted
    run.poll()
    records = run.stop()
    assert [(r.set, r.reps, r.skipped) for r in records] == [(1, 12, False), (2, 6, False)]
    assert run.finished and run.stopped
    assert run.poll() == [] and run.skip() == []


def test_stop_before_the_first_rep_keeps_no_set_for_it(builtins, clock):
    run = Engine(build_plan(builtins["article"]), clock)
    run.start()
    clock.advance(10 + 36 + 45 + 1)  # the second set has just begun
    run.poll()
    assert [(r.set, r.skipped) for r in run.stop()] == [(1, False)]


def test_a_paced_count_never_goes_above_its_target(catalogue, clock):
    routine = make_routine(catalogue, [{"id": "squat", "sets": 2, "reps": 12, "tempo_s": 3, "rest_s": 30}],
                           get_ready_s=0)
    run = Engine(build_plan(routine), clock)
    run.start()
    clock.advance(20)
    run.poll()
    for _ in range(10):
        run.adjust_reps(+1)
    assert run.view().reps == 12 and run.view().target_reps == 12
    clock.advance(16)
    run.poll()  # the set ends on its deadline
    assert run.step.kind == REST and run.done_records()[0].reps == 12
    run.adjust_reps(+1)  # during the rest, the set just done: still not above its target
    assert run.done_records()[0].reps == 12
    run.adjust_reps(-3)
    assert run.done_records()[0].reps == 9


def test_a_self_paced_count_may_be_raised_above_its_target(catalogue, clock):
    routine = make_routine(catalogue, [{"id": "squat", "sets": 1, "reps": 12}], get_ready_s=0)
    run = Engine(build_plan(routine), clock, counting="self-paced")
    run.start()
    clock.advance(60)
    run.adjust_reps(+2)
    run.finish_step()
    assert run.done_records()[0].reps == 14


def test_a_paced_set_shows_its_last_rep_before_the_rest(catalogue, clock):
    routine = make_routine(catalogue, [{"id": "squat", "sets": 2, "reps": 4, "tempo_s": 3, "rest_s": 30}],
                           get_ready_s=0)
    run = Engine(build_plan(routine), clock)
    run.start()
    shown = []
    while run.step.kind == WORK:
        clock.now = run.wakeup_at()
        run.poll()
        if run.step.kind == WORK:
            shown.append((round(clock.now - 1000, 3), run.view().reps))
    last = [t for t, reps in shown if reps == 4]
    assert last and 12 - last[0] >= 0.9  # the 4 is on the screen for a second before the rest
    assert [reps for _, reps in shown][-1] == 4 and run.done_records()[0].seconds == pytest.approx(12)


def test_how_was_it_is_not_asked_about_an_exercise_whose_sets_were_all_skipped(catalogue, clock):
    routine = make_routine(catalogue, [{"id": "squat", "sets": 2, "reps": 4, "tempo_s": 1, "rest_s": 30},
                                       {"id": "glute-bridge", "sets": 1, "reps": 4, "tempo_s": 1}],
                           get_ready_s=0)
    run = Engine(build_plan(routine), clock)
    run.start()
    run.skip()  # set 1 skipped: a short rest
    run.finish_step()
    run.skip()  # set 2 skipped too: the rest before the bridge
    assert run.step.kind == REST and run.rating_due() is None
    assert run.rate(0, "hard") == [] and all(r.effort is None for r in run.done_records())


def test_plan_has_no_rest_after_the_last_set_and_switches_between_sides(catalogue):
    routine = make_routine(catalogue, [{"id": "squat", "sets": 1, "reps": 5},
                                       {"id": "clamshell", "sets": 2, "reps": 5, "rest_s": 7}])
    kinds = [(s.kind, s.side) for s in build_plan(routine).steps]
    assert kinds == [
        (GET_READY, "none"), (WORK, "none"), (REST, "none"),
        (WORK, "left"), (SWITCH, "right"), (WORK, "right"), (REST, "none"),
        (WORK, "left"), (SWITCH, "right"), (WORK, "right"), (DONE, "none"),
    ]
    plan = build_plan(routine)
    assert plan.total_s == 3 + 15 + 4 + (15 + 2 + 15) + 7 + (15 + 2 + 15)  # default tempo 3 s


def test_stopping_a_self_paced_set_nobody_counted_leaves_it_out_rather_than_saving_its_target(catalogue, clock):
    routine = make_routine(catalogue, [{"id": "squat", "sets": 2, "reps": 12, "rest_s": 30}], get_ready_s=0)
    run = Engine(build_plan(routine), clock, counting="self-paced")
    run.start()
    clock.advance(40)
    run.finish_step()  # the first set: Enter says it was done
    run.skip()  # the rest
    clock.advance(4)
    assert run.step.kind == WORK and not run.keeps_set_under_way()
    assert [(r.set, r.reps) for r in run.stop()] == [(1, 12)]  # not (2, 12): 4 s in, nobody said


def test_stopping_a_self_paced_set_keeps_the_reps_the_person_gave_with_the_arrows(catalogue, clock):
    routine = make_routine(catalogue, [{"id": "squat", "sets": 1, "reps": 12}], get_ready_s=0)
    run = Engine(build_plan(routine), clock, counting="self-paced")
    run.start()
    clock.advance(20)
    run.adjust_reps(-7)
    assert run.keeps_set_under_way()
    assert [(r.set, r.reps, r.counted_by) for r in run.stop()] == [(1, 5, "person")]


def test_stopping_a_paced_set_or_a_hold_keeps_what_the_app_counted(catalogue, clock):
    routine = make_routine(catalogue, [{"id": "glute-bridge", "sets": 1, "hold_s": 30}], get_ready_s=0)
    for counting in ("paced", "self-paced"):
        run = Engine(build_plan(routine), clock, counting=counting)
        run.start()
        clock.advance(7)
        assert run.keeps_set_under_way()
        (record,) = run.stop()
        assert record.hold_s == pytest.approx(7)
