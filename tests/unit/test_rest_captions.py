"""A rest says why it is short: after a skipped set it is 10 s, not the routine's rest (the
newcomer saw 09 where "Next: rest 30 s" had been said, and nothing explained it)."""

from conftest import two_sets_of_squats

from glute_tui.core.display import describe
from glute_tui.core.plan import REST


def rest_caption(skip: bool, catalogue, clock) -> str:
    run = two_sets_of_squats(catalogue, clock, reps=12, tempo_s=3)
    clock.advance(5)
    run.poll()
    if skip:
        run.skip()
    else:
        run.finish_step()
    assert run.step.kind == REST
    return describe(run.view(), None).caption


def test_the_rest_after_a_skipped_set_says_it_is_short_and_why(catalogue, clock):
    caption = rest_caption(True, catalogue, clock)
    assert caption.startswith("seconds of rest (short: the set was skipped)")


def test_a_full_rest_says_nothing_of_the_kind(catalogue, clock):
    caption = rest_caption(False, catalogue, clock)
    assert caption.startswith("seconds of rest · + adds 15 s") and "skipped" not in caption
