"""This week's sessions against the goal, read one way on Home, History, the plan and the
command line (the newcomer read "2 of 1 done" as a mistake)."""

from glute_tui.core.format import week_count


def test_below_the_goal_it_counts_towards_it():
    assert week_count(0, 2) == "0 of 2 sessions"
    assert week_count(1, 3) == "1 of 3 sessions"


def test_at_or_above_the_goal_it_says_the_goal_is_met_never_more_of_less():
    assert week_count(1, 1) == "1 session, goal 1 met"
    assert week_count(4, 1) == "4 sessions, goal 1 met"
    assert " of " not in week_count(2, 1)
