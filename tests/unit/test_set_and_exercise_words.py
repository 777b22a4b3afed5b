"""What happened to a set and an exercise, one word each, chosen in core (issue 24, finding 4)."""

from glute_tui.core.records import SetRecord, and_sides, sets_done, sides_apart
from glute_tui.core.results import ExerciseResult, set_status


def record(exercise: str, side: str, number: int, reps: int, skipped: bool = False) -> SetRecord:
    return SetRecord(exercise, side, number, 10, reps, None, "bodyweight", 30.0, skipped)


def test_a_two_sided_set_is_done_only_when_both_its_sides_were_done():
    left_only = [record("clamshell", "left", 1, 10), record("clamshell", "right", 1, 0, skipped=True)]
    assert sets_done(left_only) == 0
    assert sets_done(left_only[:1]) == 0  # the right never reached (stopped between the sides)
    both = [record("clamshell", "left", 2, 10), record("clamshell", "right", 2, 9)]
    assert sets_done(left_only + both) == 1


def test_a_side_done_alone_is_counted_apart_as_kept_not_as_a_set():
    left = record("clamshell", "left", 1, 8)
    assert sides_apart([left]) == 1 and and_sides(1) == " and 1 side of a set"
    assert sides_apart([left, record("clamshell", "right", 1, 0, skipped=True)]) == 1
    assert sides_apart([left, record("clamshell", "right", 1, 8)]) == 0  # a whole set
    assert sides_apart([left, record("clamshell", "right", 1, 8), record("clamshell", "left", 2, 8),
                        record("clamshell", "left", 3, 8, skipped=True), record("squat", "none", 1, 12)]) == 1
    assert sides_apart([record("squat", "none", 1, 12)]) == 0 and and_sides(0) == ""


def test_a_one_sided_or_alternating_set_is_done_when_it_was_done():
    assert sets_done([record("squat", "none", 1, 12), record("squat", "none", 2, 0, skipped=True),
                      record("lunge", "alternate", 1, 12)]) == 2


def test_a_set_reads_done_or_skipped():
    assert set_status(record("squat", "none", 1, 12)) == "done"
    assert set_status(record("squat", "none", 1, 0, skipped=True)) == "skipped"
    assert set_status(record("squat", "none", 1, 0)) == "skipped"  # ended with nothing done


def result(done: int, skipped: int, planned: int = 3) -> ExerciseResult:
    return ExerciseResult("squat", "Squats", done, planned, 0, 0, 0.0, 0.0, 0.0, sets_skipped=skipped)


def test_an_exercise_reads_done_skipped_stopped_or_how_many_were_skipped():
    assert result(3, 0).status == "done"
    assert result(0, 3).status == "skipped"
    assert result(2, 1).status == "1 skipped"
    assert result(1, 0).status == "stopped"  # two sets never reached
    assert result(0, 0).status == "stopped"
