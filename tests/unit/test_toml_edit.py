"""Saving over a person's TOML file keeps their comments, order and blank lines (tomlkit)."""

from __future__ import annotations

import tomllib

from glute_tui.store.toml_edit import keep_layout

MINE = """\
# My Tuesday routine: the physio said bridges first.
name = "Tuesday"   # shown on Home
get_ready_s = 10
switch_sides_s = 5
rest_between_exercises_s = 30

# --- the bridge, slow ---
[[exercise]]
id = "glute-bridge"
sets = 3
hold_s = 30  # up to 45 by March
rest_s = 30
load = "bodyweight"

# clamshells: band in the drawer
[[exercise]]
id = "clamshell"
sets = 2
reps = 12
tempo_s = 2
rest_s = 30
load = "bodyweight"
"""

NEW = """\
name = "Tuesday"
get_ready_s = 10
switch_sides_s = 5
rest_between_exercises_s = 30

[[exercise]]
id = "clamshell"
sets = 3
reps = 14
tempo_s = 2
rest_s = 30
load = "band:light"

[[exercise]]
id = "glute-bridge"
sets = 3
hold_s = 30
rest_s = 30
load = "bodyweight"

[[exercise]]
id = "squat"
sets = 2
reps = 10
tempo_s = 3
rest_s = 45
load = "bodyweight"
"""


def comments(text: str) -> list[str]:
    return [line[line.index("#"):] for line in text.splitlines() if "#" in line]


def test_every_comment_survives_and_the_values_are_the_new_ones():
    merged = keep_layout(MINE, NEW)
    assert tomllib.loads(merged) == tomllib.loads(NEW)
    assert sorted(comments(merged)) == sorted(comments(MINE))
    assert "hold_s = 30  # up to 45 by March" in merged  # a comment on a value's line moves with it


def test_an_unchanged_file_is_written_back_byte_for_byte():
    same = NEW.replace('"clamshell"\nsets = 3\nreps = 14', '"clamshell"\nsets = 2\nreps = 12').replace(
        '"band:light"', '"bodyweight"')
    mine_values = tomllib.loads(MINE)
    assert keep_layout(MINE, MINE) == MINE
    assert tomllib.loads(keep_layout(MINE, same))["exercise"][0] == mine_values["exercise"][1]


def test_a_removed_value_and_exercise_go_and_nothing_else_moves():
    new = MINE.replace('  # shown on Home', '').split("# clamshells")[0]
    values = tomllib.loads(new)
    del values["switch_sides_s"]
    text = "\n".join(f"{k} = {v!r}".replace("'", '"') for k, v in values.items() if k != "exercise")
    text += '\n\n[[exercise]]\nid = "glute-bridge"\nsets = 3\nhold_s = 30\nrest_s = 30\nload = "bodyweight"\n'
    merged = keep_layout(MINE, text)
    assert tomllib.loads(merged) == tomllib.loads(text)
    assert "switch_sides_s" not in merged and 'id = "clamshell"' not in merged
    assert "# up to 45 by March" in merged and "# shown on Home" in merged


def test_a_file_tomlkit_cannot_read_gets_the_new_text_whole():
    assert keep_layout("name = = broken", NEW) == NEW
