"""The routine editor, with the Pilot: edits checked as typed, saved as a user routine."""

from __future__ import annotations

from textual.widgets import Input, OptionList, Static

from glute_tui.devtools.scenes import advance
from glute_tui.store.routine_files import builtin_routines, load_routine
from glute_tui.ui.app import GluteApp
from glute_tui.ui.dialogs.confirm import Confirm
from glute_tui.ui.screens.editor import EditorScreen
from glute_tui.ui.screens.home import HomeScreen


def make_app(paths, clock, selected="short") -> GluteApp:
    return GluteApp(builtin_routines(), paths, clock=clock, selected=selected, speech_program=())


async def open_editor(pilot) -> EditorScreen:
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(pilot.app.screen, EditorScreen)
    return pilot.app.screen


async def type_into(pilot, field: str, text: str) -> None:
    widget = pilot.app.screen.query_one(f"#{field}", Input)
    widget.focus()
    widget.value = ""
    await pilot.press(*text)
    await pilot.pause()


def status(app) -> str:
    return str(app.screen.query_one("#editor-status", Static).render())


async def test_changed_reps_and_rest_are_saved_and_the_workout_uses_them(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_editor(pilot)
        assert "About 07:00" in status(app)
        await type_into(pilot, "amount", "15")
        await type_into(pilot, "rest_s", "20")
        assert "unsaved" in status(app) and "About 08:00" in status(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = load_routine(paths.routines_dir / "short-mine.toml")
        assert (saved.exercises[0].reps, saved.exercises[0].rest_s) == (15, 20)
        assert saved.name == "Busy-day glutes (mine)"
        assert next(r for r in builtin_routines() if r.id == "short").exercises[0].reps == 12  # the built-in is never changed
        await pilot.press("escape")  # saved: leaves without asking
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert str(app.screen.query_one("#routine-name", Static).render()) == "Busy-day glutes (mine)"
        await pilot.press("enter")
        await pilot.pause()
        await advance(pilot, clock, 10.5)
        assert "of 15 reps" in str(app.screen.query_one("#caption", Static).render())


async def test_abc_minus_five_and_a_thousand_are_refused_and_nothing_saved(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_editor(pilot)
        # Faults say the form's labels, never the file's keys, and the bad field is outlined.
        for field, text, words in [("amount", "", "Squats · Reps: must be"),
                                   ("rest_s", "-5", "Squats · Rest (s): must be"),
                                   ("sets", "1000", "Squats · Sets: must be"),
                                   ("get_ready_s", "", "Get ready (s): must be")]:
            await type_into(pilot, field, text)
            assert "Not saved while wrong" in status(app) and words in status(app), (field, status(app))
            assert "_s" not in status(app) and "exercise[" not in status(app)
            assert screen.query_one(f"#{field}", Input).has_class("-fault")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not paths.routines_dir.exists() or not list(paths.routines_dir.glob("*.toml"))
            await type_into(pilot, field, {"amount": "12", "rest_s": "30", "sets": "2", "get_ready_s": "10"}[field])
            assert not screen.query_one(f"#{field}", Input).has_class("-fault")
        assert "Not saved" not in status(app)


async def test_letters_never_reach_a_number_field_of_the_editor(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_editor(pilot)
        await type_into(pilot, "rest_s", "3a0b")
        assert screen.query_one("#rest_s", Input).value == "30"  # as in Preferences' weekly goal
        await type_into(pilot, "tempo_s", "2.5x")
        assert screen.query_one("#tempo_s", Input).value == "2.5"


async def test_the_first_tab_lands_on_a_field_and_keeps_its_text(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_editor(pilot)
        await pilot.press("tab")
        focused = app.focused
        assert isinstance(focused, Input) and focused.id == "name"
        assert focused.selection.is_empty  # tabbing in does not select it all, to be typed over
        await pilot.press("x")
        assert focused.value in ("Busy-day glutesx", "xBusy-day glutes")


async def test_adding_then_removing_the_same_exercise_is_no_change(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_editor(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")  # the first of the catalogue is added, and selected
        await pilot.pause()
        assert len(screen.doc["exercise"]) == 4 and "unsaved" in status(app)
        screen.query_one("#editor-exercises", OptionList).focus()
        await pilot.press("x")
        await pilot.pause()
        assert "unsaved" not in status(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # no "Leave without saving?"


async def test_leaving_with_unsaved_changes_asks_first(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_editor(pilot)
        await type_into(pilot, "name", "Evening")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")  # keep editing
        assert isinstance(app.screen, EditorScreen)
        await pilot.press("escape")
        await pilot.press("y")  # leave: nothing saved
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and not list(paths.routines_dir.glob("*.toml"))


async def test_reorder_and_remove_exercises(paths, clock):
    app = make_app(paths, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_editor(pilot)
        screen.query_one("#editor-exercises", OptionList).focus()
        await pilot.press("d")  # squats move down below the bridge
        assert [e["id"] for e in screen.doc["exercise"]] == ["glute-bridge", "squat", "clamshell"]
        await pilot.press("x")  # remove squats (still selected)
        assert [e["id"] for e in screen.doc["exercise"]] == ["glute-bridge", "clamshell"]
        await pilot.press("u")  # the selection stayed at the second place: clamshells move up
        assert [e["id"] for e in screen.doc["exercise"]] == ["clamshell", "glute-bridge"]
        await pilot.press("u")  # nothing above the first: stays
        assert [e["id"] for e in screen.doc["exercise"]] == ["clamshell", "glute-bridge"]
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # the third of the catalogue: lunges
        await pilot.pause()
        assert [e["id"] for e in screen.doc["exercise"]] == ["clamshell", "glute-bridge", "lunge"]
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = load_routine(paths.routines_dir / "short-mine.toml")
    assert [i.id for i in saved.exercises] == ["clamshell", "glute-bridge", "lunge"]
