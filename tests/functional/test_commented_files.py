"""A person's commented TOML files keep every comment through every save the app makes: the
editor, the exercise form (through the library) and "take the steps" after a workout."""

from __future__ import annotations

from test_editor import type_into

from glute_tui.core.progression import Suggestion
from glute_tui.services.library import RoutineLibrary
from glute_tui.store.routine_files import load_all, load_routine
from glute_tui.ui.app import GluteApp
from glute_tui.ui.screens.editor import EditorScreen

ROUTINE = """\
# Evenings, after the run. The physio's list, 3 Nov.
name = "Evening"   # what Home shows
get_ready_s = 10
switch_sides_s = 5

rest_between_exercises_s = 30

[[exercise]]
id = "clamshell"  # band in the drawer
sets = 2
reps = 12
tempo_s = 2
rest_s = 30
load = "bodyweight"

# keep this last, it is the easy one
[[exercise]]
id = "glute-bridge"
sets = 2
hold_s = 30  # 45 by March
rest_s = 30
load = "bodyweight"
"""

EXERCISES = """\
# My own moves. Backed up in my dotfiles.
[[exercise]]
id = "banded-walk"   # the physio's name for it
name = "Banded side walk"
sides = "alternate"
reps = 10
tempo_s = 2
cues = ["band above the knees", "small steps"]
"""


def comments(text: str) -> list[str]:
    return sorted(line[line.index("#"):] for line in text.splitlines() if "#" in line)


def write_routine(paths) -> None:
    paths.routines_dir.mkdir(parents=True, exist_ok=True)
    (paths.routines_dir / "evening.toml").write_text(ROUTINE)


async def test_the_editor_keeps_every_comment_of_a_routine_file(paths, clock):
    write_routine(paths)
    found = load_all(paths.routines_dir)
    app = GluteApp(found.routines, paths, clock=clock, selected="evening", speech_program=())
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        await type_into(pilot, "amount", "15")
        await pilot.press("ctrl+s")
        await pilot.pause()
    text = (paths.routines_dir / "evening.toml").read_text()
    assert comments(text) == comments(ROUTINE)
    assert 'id = "clamshell"  # band in the drawer' in text and "hold_s = 30  # 45 by March" in text
    assert load_routine(paths.routines_dir / "evening.toml").exercises[0].reps == 15


def test_taking_the_steps_keeps_every_comment(paths):
    write_routine(paths)
    library = RoutineLibrary.load(paths.routines_dir, selected="evening")
    routine = library.get("evening")
    before = routine.exercises[0]
    after = before.__class__(**{**before.__dict__, "reps": 14})
    library.take_progression(routine, [Suggestion("clamshell", before, after)])
    text = (paths.routines_dir / "evening.toml").read_text()
    assert comments(text) == comments(ROUTINE)
    assert load_routine(paths.routines_dir / "evening.toml").exercises[0].reps == 14


def test_the_exercise_form_keeps_every_comment_of_the_exercises_file(paths):
    paths.exercises_file.parent.mkdir(parents=True, exist_ok=True)
    paths.exercises_file.write_text(EXERCISES)
    library = RoutineLibrary.load(paths.routines_dir)
    mine = library.catalogue["banded-walk"]
    library.save_exercise(mine.__class__(**{**mine.__dict__, "name": "Banded walk"}), original_id="banded-walk")
    text = paths.exercises_file.read_text()
    assert comments(text) == comments(EXERCISES)
    assert 'name = "Banded walk"' in text and 'id = "banded-walk"   # the physio\'s name for it' in text
