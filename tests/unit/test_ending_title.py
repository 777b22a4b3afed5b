"""The Summary's first line says what happened and praises only a workout done whole."""

from glute_tui.core.results import ending_title


def test_a_workout_done_whole_is_praised():
    assert ending_title("completed", 18, 18) == "Workout complete. Well done!"


def test_a_workout_completed_with_skipped_sets_says_how_many_and_is_not_praised():
    assert ending_title("completed", 15, 18) == "Workout completed: 15 of 18 sets done, 3 skipped."
    title = ending_title("completed", 1, 18)
    assert title == "Workout completed, mostly skipped: 1 of 18 sets done, 17 skipped."
    assert "Well done" not in ending_title("completed", 0, 18)


def test_a_stopped_workout_says_stopped_and_whether_anything_was_kept():
    assert ending_title("stopped", 3, 18) == "Workout stopped early: 3 of 18 sets done, and kept."
    assert ending_title("stopped", 0, 18) == "Workout stopped before any set was done."
    assert ending_title("stopped", 0, 18, 1) == "Workout stopped before a whole set was done: 1 side of a set, kept."
    assert ending_title("stopped", 2, 18, 1) == "Workout stopped early: 2 of 18 sets done and 1 side of a set, and kept."
