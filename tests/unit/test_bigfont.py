"""The block font: every height from 3 rows up, one width for all digits, legible shapes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from glute_tui.core import bigfont


def test_each_height_draws_exactly_that_many_rows_of_one_width():
    for rows in (3, 5, 7, 9, 11, 16, 30):
        lines = bigfont.render("0:45", rows)
        assert len(lines) == rows
        assert {len(line) for line in lines} == {bigfont.text_width("0:45", rows)}


def test_the_font_grows_with_the_height():
    widths = [bigfont.text_width("12", rows) for rows in range(3, 31)]
    assert widths == sorted(widths) and widths[-1] > widths[0] * 5


def test_a_five_row_digit_is_its_bitmap_in_full_blocks():
    assert bigfont.render("8", 5) == ("██████", "██  ██", "██████", "██  ██", "██████")


def test_three_rows_keep_the_middle_bar_of_an_eight_and_the_hole_of_a_zero():
    assert bigfont.render("8", 3) == ("█▀█", "███", "█▄█")
    assert bigfont.render("0", 3) == ("█▀█", "█ █", "█▄█")


def test_every_digit_has_the_same_width_so_a_countdown_keeps_its_size():
    assert len({bigfont.text_width(d, 9) for d in "0123456789"}) == 1


def test_phase_words_and_legs_have_their_own_glyphs():
    for word in ("GET READY", "REST", "SWITCH SIDES", "DONE", "PAUSED", "LEFT", "RIGHT", "WORK"):
        assert all(bigfont.supported(ch) for ch in word), word
    assert bigfont.render("left", 5) == bigfont.render("LEFT", 5)


def test_unknown_characters_show_as_a_question_mark_not_a_crash():
    assert bigfont.render("é", 5) == bigfont.render("?", 5)


def test_below_three_rows_the_text_is_plain():
    assert bigfont.render("0:45", 1) == ("0:45",)
    assert bigfont.best_fit("0:45", 2, 80).rows == 1


def test_best_fit_takes_the_largest_height_that_fits_both_ways():
    fit = bigfont.best_fit("0:45", 40, 120)
    assert fit.width <= 120 and fit.rows <= 40
    assert bigfont.text_width("0:45", fit.rows + 1) > 120 or fit.rows == 40
    assert bigfont.best_fit("0:45", 40, 120, largest=5).rows == 5
    assert bigfont.best_fit("0:45", 8, 400).rows == 8


@given(st.text(max_size=12), st.integers(min_value=0, max_value=40))
def test_any_text_renders_to_the_asked_rows_in_block_characters(text, rows):
    lines = bigfont.render(text, rows)
    if rows >= bigfont.MIN_ROWS:
        assert len(lines) == rows
        assert set("".join(lines)) <= set("█▀▄ ")
