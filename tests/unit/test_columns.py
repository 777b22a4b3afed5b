"""The fitting rule of every table (core/columns.py; issue 24, finding 7): drop a low-priority
column before shortening one, shorten a name only at a word boundary with "…", never cut a
number, and measure in terminal cells (wide CJK and emoji, combining marks)."""

from __future__ import annotations

import pytest
from hostile import strings
from rich.cells import cell_len

from glute_tui.core.columns import KEEP, cell_width, clusters, cut, fit_columns, min_width, shorten
from glute_tui.core.text import visible

WIDE = ["テスト テスト テスト", "ＡＢ ＣＤ ＥＦ", "😀 emoji 😀 again", "👩\u200d💻 coder at work",
        "👍🏽 thumbs up", "❤️ heart felt", "e\u0301te\u0301 combining marks", "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗͔ zalgo text"]


def test_every_column_at_its_width_when_all_fit():
    assert fit_columns([10, 5, 7], [KEEP, 1, 2], 30) == [10, 5, 7]  # 22 + 3 x 2 of padding = 28


def test_the_lowest_priority_is_dropped_first_and_only_as_many_as_needed():
    widths, priorities = [20, 5, 9, 6, 6], [KEEP, KEEP, 3, 1, 2]
    assert fit_columns(widths, priorities, 56) == [20, 5, 9, 6, 6]
    assert fit_columns(widths, priorities, 55) == [20, 5, 9, None, 6]
    assert fit_columns(widths, priorities, 47) == [20, 5, 9, None, None]
    assert fit_columns(widths, priorities, 40) == [20, 5, 9, None, None]
    assert fit_columns(widths, priorities, 39) == [20, 5, None, None, 6]  # the last comes back


def test_among_equal_priorities_the_rightmost_goes_first():
    assert fit_columns([5, 5, 5], [KEEP, 1, 1], 15) == [5, 5, None]


def test_a_column_is_dropped_before_a_name_is_shortened():
    # the name could lose 4 cells to let the felt column stay: it does not
    assert fit_columns([24, 5, 4], [KEEP, KEEP, 1], 35, min_widths=[11, 5, 4]) == [24, 5, None]


def test_a_name_is_shortened_only_when_every_droppable_column_is_gone_and_never_below_its_floor():
    assert fit_columns([30, 5, 4], [KEEP, KEEP, 1], 30, min_widths=[11, 5, 4]) == [21, 5, None]
    assert fit_columns([30, 5, 4], [KEEP, KEEP, 1], 10, min_widths=[11, 5, 4]) == [11, 5, None]


def test_a_number_column_is_never_narrowed():
    # no min width given: nothing may be shortened, so the numbers stay whole (the table scrolls)
    assert fit_columns([16, 5, 5], [KEEP, KEEP, KEEP], 20) == [16, 5, 5]


def test_the_widest_shortenable_column_gives_way_first():
    assert fit_columns([30, 20, 3], [KEEP] * 3, 45, min_widths=[10, 10, 3]) == [18, 18, 3]


@pytest.mark.parametrize("text,width,expected", [
    ("Side-lying straight-leg lifts", 29, "Side-lying straight-leg lifts"),
    ("Side-lying straight-leg lifts", 28, "Side-lying straight-leg…"),
    ("Side-lying straight-leg lifts", 23, "Side-lying…"),
    ("Runner's glute routine", 18, "Runner's glute…"),
    ("Week 12 of 89 plan", 12, "Week 12 of…"),
    ("Week 12 of 89 plan", 9, "Week 12…"),
])
def test_a_name_is_shortened_at_a_word_boundary(text, width, expected):
    assert shorten(text, width) == expected


def test_a_shortened_name_never_ends_in_part_of_a_word_or_a_number():
    name = "Single-leg glute bridge 1234 with a 5678 kg band"
    words = name.split(" ")
    for width in range(min_width(name), len(name) + 1):
        shown = shorten(name, width)
        assert cell_width(shown) <= width
        kept = shown.removesuffix("…").split(" ")
        assert kept == words[:len(kept)], (width, shown)


@pytest.mark.parametrize("text", WIDE + strings())
def test_hostile_text_is_measured_as_the_terminal_shows_it(text):
    shown = visible(text)
    assert cell_width(shown) == cell_len(shown)


@pytest.mark.parametrize("text", WIDE + strings())
def test_hostile_text_shortens_within_its_width_between_whole_characters(text):
    shown = visible(text)
    pieces = clusters(shown)
    for width in range(1, cell_width(shown) + 2):
        short = shorten(shown, width)
        assert cell_len(short) <= width, (short, width)
        body = short.removesuffix("…")
        assert shown.startswith(body)
        # the cut falls between clusters: a wide character, an emoji with its joiner or skin
        # tone, a letter with its combining marks are never split
        assert body == "" or body in {"".join(pieces[:n]) for n in range(len(pieces) + 1)} \
            or body.rstrip() in {"".join(pieces[:n]).rstrip() for n in range(len(pieces) + 1)}


def test_a_word_longer_than_any_width_is_cut_with_an_ellipsis_as_a_last_resort():
    assert cut("x" * 200, 10) == "x" * 9 + "…"
    assert cut("テスト", 4) == "テ…"  # a wide character is never halved
    assert shorten("x" * 200, 10) == "x" * 9 + "…"


def test_a_narrow_column_dropped_on_the_way_comes_back_when_it_fits_in_the_room_left():
    # the felt column (4) went first, then the wide amounts (13): the felt fits again
    assert fit_columns([20, 5, 13, 4], [KEEP, KEEP, 2, 1], 40) == [20, 5, None, 4]


def test_a_name_longer_than_comfort_is_shortened_before_a_column_is_dropped_for_it():
    # a 51-cell routine name among 22-cell ones: held to 30, the time (5) stays, and the name
    # gets the room the time leaves
    widths, priorities = [16, 51, 5, 4, 5, 9], [KEEP, KEEP, KEEP, 3, 4, KEEP]
    floors = [16, 14, 5, 4, 5, 9]
    assert fit_columns(widths, priorities, 80, min_widths=floors, pad=2, comfort=30) == [16, 35, 5, None, 5, 9]
    assert fit_columns(widths, priorities, 80, min_widths=floors, pad=2) == [16, 42, 5, None, None, 9]
    # with room for all, the whole name
    assert fit_columns(widths, priorities, 120, min_widths=floors, pad=2, comfort=30) == widths
