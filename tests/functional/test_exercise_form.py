"""The exercise form of the editor, and the library's rules for a person's own exercises."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList, Static

from glute_tui.core.routines import RoutineError
from glute_tui.devtools.scenes import advance
from glute_tui.services.library import RoutineLibrary
from glute_tui.store.routine_files import builtin_routines, load_all
from glute_tui.ui.app import GluteApp
from glute_tui.ui.dialogs.confirm import Confirm
from glute_tui.ui.dialogs.exercise_picker import ExercisePicker
from glute_tui.ui.screens.editor import EditorScreen
from glute_tui.ui.screens.exercise_form import ExerciseFormScreen
from glute_tui.ui.screens.workout import WorkoutScreen


def make_app(paths, clock, selected="short") -> GluteApp:
    return GluteApp(builtin_routines(), paths, clock=clock, selected=selected, speech_program=())


async def type_into(pilot, field: str, text: str) -> None:
    widget = pilot.app.screen.query_one(f"#{field}", Input)
    widget.focus()
    widget.value = ""
    await pilot.press(*text)
    await pilot.pause()


def status(app) -> str:
    return str(app.screen.query_one("#form-status", Static).render())


async def test_an_exercise_made_in_the_editor_is_saved_added_to_a_routine_and_run(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseFormScreen)
        assert "id:" in status(app)  # an empty form cannot be saved yet
        await type_into(pilot, "ex-id", "step-up")
        await type_into(pilot, "ex-name", "Step-ups")
        await type_into(pilot, "ex-amount", "8")
        await type_into(pilot, "ex-cues", "Whole foot on the step; drive through the heel")
        assert "Ready" in status(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        text = paths.exercises_file.read_text()
        assert 'id = "step-up"' in text and 'cues = ["Whole foot on the step", "drive through the heel"]' in text
        assert app.ctx.library.catalogue["step-up"].reps == 8
        await pilot.press("a")  # the editor's add lists it, with the person's defaults
        await pilot.pause()
        assert isinstance(app.screen, ExercisePicker)
        options = app.screen.query_one(OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert ids[-1] == "step-up"
        options.highlighted = len(ids) - 1
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen
        assert editor.items[-1] == {"id": "step-up", "sets": 3, "reps": 8, "tempo_s": 3.0, "rest_s": 45,
                                    "load": "bodyweight"}
        await pilot.press("ctrl+s")
        await pilot.pause()
    found = load_all(paths.routines_dir)
    mine = found.find("short-mine")
    assert mine.exercises[-1].exercise.name == "Step-ups" and mine.exercises[-1].reps == 8
    app = GluteApp(found.routines, paths, clock=clock, selected="short-mine", speech_program=(),
                   catalogue=found.catalogue)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkoutScreen)
        for _ in range(20):
            if app.screen.shown.title == "STEP-UPS":
                break
            await pilot.press("n")
            await pilot.pause()
        assert app.screen.shown.title == "STEP-UPS" and app.screen.shown.cues[0] == "Whole foot on the step"
        await advance(pilot, clock, 8 * 3)
        assert app.screen.workout.engine.records[max(app.screen.workout.engine.records)].exercise == "step-up"


async def test_a_built_in_exercise_is_copied_never_changed(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("e")  # on the squats, a built-in move: a copy
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ExerciseFormScreen)
        assert form.query_one("#ex-id", Input).value == "squat-mine"
        assert form.query_one("#ex-name", Input).value == "Squats (mine)"
        await type_into(pilot, "ex-id", "squat")
        assert "is a built-in exercise's id" in status(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and not paths.exercises_file.exists()
        await type_into(pilot, "ex-id", "wide-squat")
        await pilot.press("ctrl+s")
        await pilot.pause()
    found = load_all(paths.routines_dir)
    assert found.catalogue["squat"].name == "Squats" and found.catalogue["wide-squat"].figure.id == "squat"
    assert 'figure = "squat"' in paths.exercises_file.read_text()


async def open_form_on_the_squats(pilot):
    await pilot.press("e")  # the editor, on the short routine
    await pilot.pause()
    await pilot.press("e")  # the form, on its first exercise (the squats: a copy)
    await pilot.pause()
    assert isinstance(pilot.app.screen, ExerciseFormScreen)


async def test_escape_leaves_the_exercise_form_at_once_when_nothing_changed(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_form_on_the_squats(pilot)
        await type_into(pilot, "ex-name", "Squats (mine)")  # typed again as it was: no change
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)


async def test_escape_with_unsaved_changes_in_the_exercise_form_asks_before_dropping_them(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_form_on_the_squats(pilot)
        await type_into(pilot, "ex-name", "Deep squats")
        await pilot.press("escape")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, Confirm)
        assert question.title_text == "Leave without saving?"  # the editor's question, word for word
        assert "this exercise" in question.text
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseFormScreen)
        assert app.screen.query_one("#ex-name", Input).value == "Deep squats"  # the work is still there
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
    assert not paths.exercises_file.exists()


def keys_a_text_field_takes(key: str) -> bool:
    """A key an Input types (a printable character) or binds (Ctrl+D, Ctrl+A, Delete, Home…)."""
    from textual.keys import key_to_character

    character = key_to_character(key)
    if character is not None and character.isprintable():
        return True
    return any(key in str(binding.key).split(",") for binding in Input.BINDINGS if hasattr(binding, "key"))


async def offered_while_typing(pilot) -> list[str]:
    """The keys the Footer offers with each text field of the screen focused in turn, that the
    field would take for itself."""
    app = pilot.app
    found = []
    for field in app.screen.query(Input):
        if not field.focusable:  # a field not shown now (the kg of a routine without weights)
            continue
        field.focus()
        await pilot.pause()
        assert app.screen.focused is field
        for key, active in app.screen.active_bindings.items():
            if active.binding.show and keys_a_text_field_takes(key):
                found.append(f"{field.id}: {key} {active.binding.description}")
    return found


async def test_no_key_a_text_field_takes_and_no_delete_key_is_offered_in_the_exercise_form_or_the_editor(
        paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert await offered_while_typing(pilot) == []
        app.screen.query_one("#editor-exercises", OptionList).focus()
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseFormScreen)
        assert await offered_while_typing(pilot) == []
        for widget in app.screen.query("#exercise-fields *"):  # the Selects and the Switch too
            if not widget.focusable:
                continue
            widget.focus()
            await pilot.pause()
            offered = [active.binding.description for active in app.screen.active_bindings.values()
                       if active.binding.show]
            assert "Delete" not in offered, widget.id  # deleting is the form's button, for a saved one


async def test_a_saved_exercise_is_deleted_by_the_form_s_button_after_a_question(paths, clock):
    paths.exercises_file.parent.mkdir(parents=True, exist_ok=True)
    paths.exercises_file.write_text(GOOD)
    found = load_all(paths.routines_dir)
    app = GluteApp(found.routines, paths, clock=clock, selected="short", speech_program=(),
                   catalogue=found.catalogue)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        from glute_tui.ui.screens.exercise_form import ExerciseFormScreen as Form

        app.push_screen(Form(app.ctx, app.ctx.library.catalogue["monster-walk"]))
        await pilot.pause()
        form = app.screen
        await pilot.click("#ex-delete")
        await pilot.pause()
        assert isinstance(app.screen, Confirm) and app.screen.title_text == "Delete this exercise?"
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is not form
    assert "monster-walk" not in paths.exercises_file.read_text()


GOOD = '''
[[exercise]]
id = "monster-walk"
name = "Monster walks"
sides = "alternate"
reps = 20

[[exercise]]
id = "wall-sit"
name = "Wall sit"
sides = "none"
hold_s = 30
'''


def library(paths) -> RoutineLibrary:
    return RoutineLibrary.load(paths.routines_dir)


def test_an_exercise_a_routine_uses_is_not_deleted_and_an_unused_one_is(paths):
    paths.routines_dir.mkdir(parents=True)
    paths.exercises_file.write_text(GOOD)
    (paths.routines_dir / "physio.toml").write_text('name = "Physio"\n[[exercise]]\nid = "wall-sit"\nsets = 1\n'
                                                    'hold_s = 20\n')
    lib = library(paths)
    with pytest.raises(RoutineError, match="is used by Physio"):
        lib.delete_exercise("wall-sit")
    with pytest.raises(RoutineError, match="only your own"):
        lib.delete_exercise("squat")
    lib.delete_exercise("monster-walk")
    assert "monster-walk" not in lib.catalogue and "monster-walk" not in paths.exercises_file.read_text()
    assert "wall-sit" in library(paths).catalogue


def test_a_file_with_faulty_entries_is_never_rewritten(paths):
    paths.config.mkdir(parents=True)
    text = GOOD + '\n[[exercise]]\nid = "broken"\nname = "Broken"\nsides = "sideways"\n'
    paths.exercises_file.write_text(text)
    lib = library(paths)
    draft = lib.draft_copy(lib.catalogue["lunge"])
    with pytest.raises(RoutineError, match="fix them in the file first"):
        lib.save_exercise(draft)
    with pytest.raises(RoutineError, match="fix them in the file first"):
        lib.delete_exercise("monster-walk")
    assert paths.exercises_file.read_text() == text


def test_an_edited_exercise_keeps_its_place_and_its_own_frames(paths):
    paths.config.mkdir(parents=True)
    own = GOOD + "[exercise.figure]\nascii = ['''\n o\n/|\\\n''', '''\n\\o/\n |\n''']\n"
    paths.exercises_file.write_text(own)
    lib = library(paths)
    from dataclasses import replace

    sit = lib.catalogue["wall-sit"]
    saved = lib.save_exercise(replace(sit, name="Wall sit, long", hold_s=60), original_id="wall-sit")
    assert saved.hold_s == 60 and saved.figure == sit.figure
    assert [e.id for e in lib.user_exercises] == ["monster-walk", "wall-sit"]
    with pytest.raises(RoutineError, match="already one of your exercises"):
        lib.save_exercise(replace(sit, id="monster-walk"), original_id="wall-sit")
