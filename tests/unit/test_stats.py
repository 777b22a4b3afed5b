"""Streaks and totals on hand-made histories: the rules of glute_tui.core.stats."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from glute_tui.core.records import Session, SetRecord
from glute_tui.core.stats import compute, heatmap_days, session_day


def done(exercise="squat", reps=12, side="none", skipped=False, hold=None, load="bodyweight"):
    return SetRecord(exercise, side, 1, 12 if hold is None else None, None if hold is not None else reps,
                     hold, load, 30.0, skipped)


def sess(started_at: str, *sets: SetRecord, ended_at: str | None = None) -> Session:
    return Session("article", "Runner's glute routine", started_at, ended_at or started_at, "completed",
                   list(sets) if sets else [done()], id=str(uuid.uuid4()))


def test_consecutive_days_and_a_gap():
    history = [sess("2026-05-01T07:00:00+02:00"), sess("2026-05-02T07:00:00+02:00"),
               sess("2026-05-04T07:00:00+02:00"), sess("2026-05-05T07:00:00+02:00"),
               sess("2026-05-06T07:00:00+02:00")]
    stats = compute(history, date(2026, 5, 6))
    assert stats.current_daily_streak == 3 and stats.longest_daily_streak == 3
    stats = compute(history, date(2026, 5, 2))
    assert stats.current_daily_streak == 2 and stats.sessions == 2  # later sessions are not yet known


def test_a_day_is_not_lost_until_it_is_over():
    history = [sess("2026-05-01T07:00:00+02:00"), sess("2026-05-02T07:00:00+02:00")]
    assert compute(history, date(2026, 5, 3)).current_daily_streak == 2  # today still to train
    assert compute(history, date(2026, 5, 4)).current_daily_streak == 0  # yesterday was missed
    assert compute(history, date(2026, 5, 4)).longest_daily_streak == 2


def test_sessions_at_2359_and_0001_are_two_days():
    history = [sess("2026-07-10T23:59:00+02:00"), sess("2026-07-11T00:01:00+02:00")]
    stats = compute(history, date(2026, 7, 11))
    assert stats.current_daily_streak == 2 and stats.counted_sessions == 2


def test_the_dst_change_of_2026_03_29_keeps_the_streak():
    history = [sess("2026-03-28T21:30:00+01:00"), sess("2026-03-29T07:15:00+02:00"),
               sess("2026-03-30T00:30:00+02:00")]
    assert [session_day(s).day for s in history] == [28, 29, 30]
    assert compute(history, date(2026, 3, 30)).current_daily_streak == 3


def test_a_late_evening_at_minus_seven_counts_on_the_day_it_was_where_the_person_was():
    late = sess("2026-06-10T23:30:00-07:00")  # 06:30 UTC on the 11th
    assert session_day(late) == date(2026, 6, 10)
    history = [sess("2026-06-09T18:00:00-07:00"), late]
    stats = compute(history, date(2026, 6, 10))
    assert stats.current_daily_streak == 2 and stats.this_week == 2


def test_weekly_streak_across_iso_week_53_into_2027():
    history = [sess("2026-12-21T08:00:00+01:00"),  # week 52
               sess("2026-12-31T08:00:00+01:00"),  # week 53 of 2026
               sess("2027-01-05T08:00:00+01:00")]  # week 1 of 2027
    stats = compute(history, date(2027, 1, 6))
    assert stats.current_weekly_streak == 3 and stats.longest_weekly_streak == 3
    stats = compute(history, date(2027, 1, 11))  # week 2 not yet met: the streak ends last week
    assert stats.current_weekly_streak == 3 and stats.this_week == 0
    stats = compute(history, date(2027, 1, 18))  # week 2 is over and was missed
    assert stats.current_weekly_streak == 0 and stats.longest_weekly_streak == 3


def test_weekly_goal_two_with_a_week_of_one_session():
    history = [sess("2026-09-07T08:00:00+02:00"), sess("2026-09-09T08:00:00+02:00"),  # week 37: 2
               sess("2026-09-15T08:00:00+02:00"),                                      # week 38: 1
               sess("2026-09-21T08:00:00+02:00"), sess("2026-09-23T08:00:00+02:00"),  # week 39: 2
               sess("2026-09-28T08:00:00+02:00"), sess("2026-09-29T08:00:00+02:00")]  # week 40: 2
    stats = compute(history, date(2026, 9, 30), weekly_goal=2)
    assert stats.current_weekly_streak == 2 and stats.longest_weekly_streak == 2
    assert compute(history, date(2026, 9, 30), weekly_goal=1).current_weekly_streak == 4
    # this week with one of two done: the streak still stands on last week
    assert compute(history[:6], date(2026, 9, 28), weekly_goal=2).current_weekly_streak == 1


def test_skipped_only_and_empty_sessions_do_not_count():
    history = [sess("2026-04-01T08:00:00+02:00"),
               sess("2026-04-02T08:00:00+02:00", done(skipped=True)),
               sess("2026-04-02T09:00:00+02:00", done(reps=0)),
               Session("article", "R", "2026-04-02T10:00:00+02:00", "2026-04-02T10:00:00+02:00", "stopped", []),
               sess("2026-04-03T08:00:00+02:00")]
    stats = compute(history, date(2026, 4, 3))
    assert stats.sessions == 5 and stats.counted_sessions == 2
    assert stats.current_daily_streak == 1 and stats.longest_daily_streak == 1
    assert stats.total_reps == 24


def test_as_of_before_the_first_session_gives_zeros():
    stats = compute([sess("2026-04-01T08:00:00+02:00")], date(2026, 3, 1))
    assert (stats.sessions, stats.current_daily_streak, stats.longest_weekly_streak, stats.total_reps) == (0, 0, 0, 0)


def test_totals_bests_and_left_right_balance():
    history = [
        sess("2026-04-01T08:00:00+02:00", done("clamshell", 15, "left"), done("clamshell", 12, "right"),
             done("lunge", 11, "alternate"), done("glute-bridge", hold=30.0),
             ended_at="2026-04-01T08:20:00+02:00"),
        sess("2026-04-08T08:00:00+02:00", done("clamshell", 15, "left", load="band:light"),
             done("clamshell", 15, "right", load="band:light"), ended_at="2026-04-08T08:10:00+02:00"),
    ]
    stats = compute(history, date(2026, 4, 8))
    assert stats.reps_by_exercise == {"clamshell": 57, "lunge": 11, "glute-bridge": 0}
    assert stats.best_set_by_exercise == {"clamshell": 15, "lunge": 11, "glute-bridge": 30}
    assert stats.sides_by_exercise["clamshell"] == {"left": 30, "right": 27}
    assert stats.sides_by_exercise["lunge"] == {"left": 6, "right": 5}
    assert stats.total_minutes == pytest.approx(30) and stats.total_hold_s == 30
    points = stats.progress_by_exercise["clamshell"]
    assert [(p.reps, p.load) for p in points] == [(27, "bodyweight"), (30, "band:light")]
    assert [p.reps for p in stats.progress_by_exercise["glute-bridge"]] == [30]  # a hold counts its seconds


def test_a_sessions_load_is_its_heaviest():
    history = [sess("2026-04-01T08:00:00+02:00", done("squat", 10, load="kg:8"), done("squat", 10, load="band:heavy"),
                    done("squat", 10, load="bodyweight"))]
    assert compute(history, date(2026, 4, 1)).progress_by_exercise["squat"][0].load == "kg:8"


def test_heatmap_has_26_weeks_of_monday_to_sunday_ending_this_week():
    grid = heatmap_days(date(2026, 11, 24))
    assert len(grid) == 7 and all(len(row) == 26 for row in grid)
    assert grid[0][-1] == date(2026, 11, 23) and grid[6][-1] == date(2026, 11, 29)
    assert all(day.weekday() == 0 for day in grid[0])
