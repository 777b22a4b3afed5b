"""Transliteration for terminals without Unicode."""

from glute_tui.ui.ascii_output import to_ascii, unicode_terminal


def test_box_drawing_digits_and_our_glyphs_become_ascii():
    assert to_ascii("╭─╮\n│ │\n╰─╯") == "+-+\n| |\n+-+"
    assert to_ascii("3 × 12 · Space Pause ↑↓ Reps ±  ✓ …") == "3 x 12 . Space Pause ^v Reps +-  v ..."
    assert to_ascii("\x1b[1;31mREST\x1b[0m") == "\x1b[1;31mREST\x1b[0m"  # escapes untouched
    assert to_ascii("日本") == "??"


def test_the_locale_decides_unless_asked():
    assert unicode_terminal({"LANG": "en_GB.UTF-8"})
    assert not unicode_terminal({"LANG": "C"})
    assert not unicode_terminal({"LC_ALL": "POSIX", "LANG": "en_US.UTF-8"})  # LC_ALL wins
    assert unicode_terminal({})
    assert not unicode_terminal({"LANG": "C.UTF-8", "GLUTE_TUI_ASCII": "1"})
