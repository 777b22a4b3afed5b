"""Hostile text (tests/data/hostile/strings.json) through every output: plain text, never a control
sequence, never markup, never a traceback.

Each string is tried as a routine's name and description (refused with a message naming the
file and the field when it holds a control character or is too long; shown literally otherwise)
and as an imported session's routine_name, exercise and load. Sessions are written straight into
a history year file with the store's API, as an older version or a hand edit could have left
them, so the outputs are tried whatever the import's validation refuses.
"""

from __future__ import annotations

import json
from pathlib import Path

import hostile
import pytest

from glute_tui.cli.main import main
from glute_tui.core.records import Session, SetRecord
from glute_tui.core.text import is_control, visible
from glute_tui.store.history import History
from glute_tui.store.paths import AppPaths

LENGTHS = (121, 201, 10_000)


def hostile_strings() -> list[str]:
    """Every hostile string (tests/data/hostile, joined by ../shared/hostile when beside), and the
    long ones it asks for (5,000,000 is left to the readers' size caps: as a name it only repeats
    what 10,000 shows)."""
    strings = hostile.strings(("escape_sequences", "markup", "unicode", "spreadsheet", "ids", "numbers_in_json"))
    strings += ["x" * n for n in LENGTHS]
    strings += ["\x1b]52;c;" + "Y" * (n - 8) for n in LENGTHS]  # long and hostile at once
    return strings


STRINGS = hostile_strings()
# The flat strings that must show literally (after visible(): bidi overrides are dropped).
SHOWN = [s for s in STRINGS if s.strip() and len(s) <= 120 and not any(is_control(c) for c in s)]


def raw_controls(text: str) -> list[str]:
    """Control characters a terminal would act on; line breaks are the output's own."""
    return sorted({repr(c) for c in text if is_control(c) and c != "\n"})


def toml_string(text: str) -> str:
    """A TOML basic string holding `text` exactly (controls escaped, as TOML requires)."""
    out = []
    for char in text:
        if is_control(char) or char in '"\\':
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def routine_toml(name: str, description: str = "plain") -> str:
    return (f"name = {toml_string(name)}\ndescription = {toml_string(description)}\n"
            '[[exercise]]\nid = "squat"\nsets = 1\nreps = 2\n')


@pytest.fixture(autouse=True)
def wide_plain_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables wide enough to hold a 10,000-character cell, and no colour codes of Rich's own."""
    monkeypatch.setenv("COLUMNS", "30000")
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def check_clean(text: str, what: str) -> None:
    assert raw_controls(text) == [], f"{what}: raw control characters reached the output"


# --- routine files -----------------------------------------------------------------------------


def test_the_hostile_strings_are_there_without_anything_beside_the_checkout():
    assert len(hostile.strings(("markup",))) >= 5 and len(STRINGS) > 50


@pytest.mark.parametrize("field", ["name", "description"])
@pytest.mark.parametrize("index", range(len(STRINGS)))
def test_routines_validate_shows_a_hostile_name_or_description_as_text_or_refuses_it(
        capsys, tmp_path: Path, field: str, index: int):
    value = STRINGS[index]
    path = tmp_path / "hostile.toml"
    path.write_text(routine_toml(value) if field == "name" else routine_toml("Hips", value), encoding="utf-8")
    code, out, err = run(capsys, "routines", "validate", str(path))
    check_clean(out + err, f"routines validate, {field}={value[:40]!r}")
    limit = 120 if field == "name" else 200
    refused = any(is_control(c) for c in value) or len(value) > limit or (field == "name" and not value.strip())
    if refused:
        assert code == 2, out
        assert f"{path}: {field}:" in err, err
        assert len(err) < 1000, "the message quotes the whole value"
    else:
        assert code == 0, err
        if field == "name":
            assert visible(value.strip()) in out


@pytest.fixture
def user_routines(paths: AppPaths) -> dict[str, str]:
    """One user routine per hostile string, named (and described) with it: id -> string."""
    paths.routines_dir.mkdir(parents=True)
    made = {}
    for index, value in enumerate(STRINGS):
        (paths.routines_dir / f"h{index}.toml").write_text(routine_toml(value, value), encoding="utf-8")
        made[f"h{index}"] = value
    return made


def test_routines_list_shows_hostile_names_as_text_and_names_the_refused_files(capsys, user_routines):
    code, out, err = run(capsys, "routines", "list")
    assert code == 0, err
    check_clean(out + err, "routines list")
    for routine_id, value in user_routines.items():
        if value in SHOWN:
            assert visible(value.strip()) in out, value
    refused = [i for i, v in user_routines.items() if any(is_control(c) for c in v) or len(v) > 120]
    for routine_id in refused:
        assert f"{routine_id}.toml" in out


def test_routines_show_prints_a_hostile_name_and_description_as_written(capsys, user_routines):
    for routine_id, value in user_routines.items():
        if value not in SHOWN:
            continue
        code, out, err = run(capsys, "routines", "show", routine_id)
        assert code == 0, err
        check_clean(out + err, f"routines show {value!r}")
        assert visible(value.strip()) in out and visible(value) in out


def test_a_routine_error_is_printed_as_text_not_markup(capsys, tmp_path: Path):
    path = tmp_path / "empty.toml"
    path.write_text('name = "x"\n', encoding="utf-8")
    code, _, err = run(capsys, "routines", "validate", str(path))
    assert code == 2
    assert "at least one [[exercise]] table" in err


def test_a_path_with_an_escape_is_shown_visibly(capsys, tmp_path: Path):
    path = tmp_path / "\x1b]0;title\x07.toml"
    code, out, err = run(capsys, "routines", "validate", str(path))
    assert code == 2
    check_clean(out + err, "a missing file's name")
    assert "␛]0;title␇.toml" in err


# --- sessions in the history -------------------------------------------------------------------


@pytest.fixture
def hostile_history(paths: AppPaths) -> list[str]:
    """One session per string, its routine_name, exercise and load all that string."""
    history = History(paths.data)
    values = [s for s in STRINGS if s]  # a stored name is never empty
    for day, value in enumerate(values):
        started = f"2026-{1 + day // 28:02d}-{1 + day % 28:02d}T07:00:00+01:00"
        history.add(Session("hostile", value, started, started.replace("T07", "T08"), "completed",
                            [SetRecord(value, "left" if day % 2 else "right", 1, 10, 10, None, value, 30.0)]))
    return values


def test_history_shows_hostile_routine_names_as_text(capsys, hostile_history):
    code, out, err = run(capsys, "history", "--limit", "1000")
    assert code == 0, err
    check_clean(out + err, "history")
    for value in hostile_history:
        assert visible(value) in out, value


def test_stats_shows_hostile_exercises_as_text(capsys, hostile_history):
    code, out, err = run(capsys, "stats", "--as-of", "2026-12-31")
    assert code == 0, err
    check_clean(out + err, "stats")
    for value in hostile_history:
        assert visible(value) in out, value


def test_stats_json_escapes_every_control_character(capsys, hostile_history):
    code, out, err = run(capsys, "stats", "--as-of", "2026-12-31", "--json")
    assert code == 0, err
    check_clean(out + err, "stats --json")
    figures = json.loads(out)
    assert figures["sessions"] == len(hostile_history)


def test_export_json_escapes_every_control_character_and_keeps_the_data(capsys, hostile_history):
    code, out, err = run(capsys, "export")
    assert code == 0, err
    check_clean(out + err, "export")
    doc = json.loads(out)
    assert [s["routine_name"] for s in doc["sessions"]] == hostile_history
    assert [s["sets"][0]["load"] for s in doc["sessions"]] == hostile_history


# --- the two lines of defence, one by one ----------------------------------------------------


def test_visible_shows_every_control_character_as_a_symbol():
    assert visible("\x1b]0;title\x07") == "␛]0;title␇"
    assert visible("\x9b31m") == "␛[31m"  # a C1 control as the ESC sequence it stands for
    assert visible("a\x7fb\x00\tc\r") == "a␡b␀␉c␍"
    assert visible("\u202eRTL") == "RTL"  # bidi overrides dropped
    assert visible("line\nnext", keep="\n") == "line\nnext"
    assert visible("[b]x[/b] :fire: é テスト") == "[b]x[/b] :fire: é テスト"
    for value in STRINGS:
        assert raw_controls(visible(value)) == []


def test_a_catalogue_with_a_control_character_or_an_overlong_text_is_refused_by_field():
    from glute_tui.core.routines import RoutineError, parse_catalogue

    doc = {"exercise": [{"id": "a", "name": "A\x1b[2J", "sides": "none"},
                        {"id": "b", "name": "B", "sides": "none", "cues": ["ok", "x" * 201]},
                        {"id": "c", "name": "C", "sides": "none", "feel": "\x9b"},
                        {"id": "d", "name": "D", "sides": "none"}, "not a table"]}
    with pytest.raises(RoutineError) as caught:
        parse_catalogue(doc, Path("exercises.toml"))
    faults = caught.value.faults
    assert any(f.startswith("exercises.toml: exercise[1].name: must not contain control") for f in faults)
    assert any(f.startswith("exercises.toml: exercise[2].cues[2]: must be at most 200 characters") for f in faults)
    assert any(f.startswith("exercises.toml: exercise[3].feel: must not contain control") for f in faults)
    assert any(f.startswith("exercises.toml: exercise[5]: needs") for f in faults)
    assert len(faults) == 4 and all(raw_controls(f) == [] for f in faults)


def test_an_unknown_key_or_value_is_quoted_short_and_visible(catalogue):
    from glute_tui.core.routines import RoutineError, parse_routine

    doc = {"name": "x", "\x1b]0;t": 1, "exercise": [{"id": "\x1b" + "q" * 10_000, "sets": 1, "reps": 2}]}
    with pytest.raises(RoutineError) as caught:
        parse_routine(doc, Path("r.toml"), catalogue)
    assert all(raw_controls(f) == [] and len(f) < 600 for f in caught.value.faults), caught.value.faults


def test_a_copy_of_a_routine_with_the_longest_name_still_loads(paths: AppPaths):
    from dataclasses import replace

    from glute_tui.store.routine_files import builtin_routines, copy_routine, load_routine

    source = replace(builtin_routines()[0], name="n" * 120)
    copy = copy_routine(source, "long-copy", paths.routines_dir, ["article"])
    assert load_routine(copy.path).name == "n" * 113 + " (mine)"


# --- the app's screens, with the Pilot ----------------------------------------------------------

# The repository's own copy: these names must stay within 120 characters whatever ../shared grows to.
HOSTILE_DOC = json.loads(hostile.STRINGS_FILE.read_text(encoding="utf-8"))
MARKUP = HOSTILE_DOC.get("markup", [])
# Two names made of every markup string, short enough for a name (120); shown whole on the screen.
NAME_1 = " ".join(MARKUP[: len(MARKUP) // 2])
NAME_2 = " ".join(MARKUP[len(MARKUP) // 2:])
OTHERS = " ".join(HOSTILE_DOC.get("unicode", [])[:4] + HOSTILE_DOC.get("spreadsheet", [])[:4])


def screen_text(app) -> str:
    """What the active screen shows, as the text of its cells (styles aside)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def check_screen(app, where: str, *shown: str) -> str:
    text = screen_text(app)
    assert raw_controls(text) == [], f"{where}: raw control characters on the screen"
    for value in shown:
        assert visible(value) in text, f"{where}: {value!r} is not shown as written"
    return text


@pytest.fixture
def hostile_app(paths: AppPaths, clock):
    """The app with two user routines named with every markup string, and a routine file whose
    name holds an ESC sequence (refused, so its name is in a toast)."""
    assert len(NAME_1) <= 120 and len(NAME_2) <= 120 and len(OTHERS) <= 200
    paths.routines_dir.mkdir(parents=True)
    (paths.routines_dir / "one.toml").write_text(routine_toml(NAME_1, NAME_2), encoding="utf-8")
    (paths.routines_dir / "two.toml").write_text(routine_toml(NAME_2, OTHERS), encoding="utf-8")
    (paths.routines_dir / "\x1b]0;pwned\x07.toml").write_text('name = "x\\u001b[2J"\n', encoding="utf-8")
    from glute_tui.store.routine_files import load_all
    from glute_tui.ui.app import GluteApp

    found = load_all(paths.routines_dir)
    assert {r.id for r in found.routines} >= {"one", "two"} and len(found.faults) == 1
    return GluteApp(found.routines, paths, selected="one", routine_faults=found.faults, clock=clock,
                    today=lambda: __import__("datetime").date(2026, 12, 31))


async def test_home_help_editor_workout_and_summary_show_hostile_names_as_written(hostile_app):
    from glute_tui.ui.dialogs.help import HelpScreen
    from glute_tui.ui.screens.editor import EditorScreen
    from glute_tui.ui.screens.summary import SummaryScreen
    from glute_tui.ui.screens.workout import WorkoutScreen

    app = hostile_app
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        check_screen(app, "Home", NAME_1, NAME_2)
        # The refused file is listed on Home, its name shown visibly.
        check_screen(app, "Home's refused file", "␛]0;pwned␇.toml")
        await pilot.press("down")
        await pilot.pause()
        check_screen(app, "Home, the second routine", NAME_2, OTHERS)
        await pilot.press("up")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.pause()
        check_screen(app, "Help", NAME_1)
        await pilot.press("escape")
        await pilot.press("e")
        assert isinstance(app.screen, EditorScreen)
        await pilot.pause()
        check_screen(app, "Editor", NAME_1)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, WorkoutScreen)
        await pilot.pause()
        check_screen(app, "Workout", NAME_1)
        await pilot.press("q")
        await pilot.press("y")
        assert isinstance(app.screen, SummaryScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        check_screen(app, "Summary", NAME_1)


async def test_history_and_session_detail_show_hostile_sessions_as_text(paths: AppPaths, clock, hostile_history):
    from textual.widgets import DataTable

    from glute_tui.store.routine_files import builtin_routines
    from glute_tui.ui.app import GluteApp
    from glute_tui.ui.dialogs.confirm import Confirm
    from glute_tui.ui.dialogs.session_detail import SessionDetail
    from glute_tui.ui.screens.history import HistoryScreen

    app = GluteApp(builtin_routines(), paths, clock=clock,
                   today=lambda: __import__("datetime").date(2026, 12, 31))
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        check_screen(app, "History")
        table = app.screen.query_one("#sessions", DataTable)
        assert table.row_count == len(hostile_history)
        shown_names = {str(table.get_row_at(i)[1]) for i in range(table.row_count)}
        for value in hostile_history:
            if len(value) <= 120:
                assert visible(value) in shown_names, value
        samples = [v for v in hostile_history if v.startswith(("\x1b]52", "\x9b", "[link", "[@click", "[/]", "x" * 200))]
        rows = [i for i in range(table.row_count) if table.row_cells(i)["Routine"] in map(visible, samples)]
        assert len(rows) >= 6, rows
        for row in rows:  # the sets of a session, named with one of the strings
            table.move_cursor(row=row)
            await pilot.press("enter")
            assert isinstance(app.screen, SessionDetail)
            await pilot.pause()
            value = app.screen.session.routine_name
            check_screen(app, f"Session detail of {value[:40]!r}", *([value] if value in MARKUP else []))
            await pilot.press("escape")
        await pilot.press("d")
        assert isinstance(app.screen, Confirm)
        await pilot.pause()
        check_screen(app, "Delete question")
        await pilot.press("n")


@pytest.mark.parametrize("pasted", ["Hips \x1b]0;pwned\x07", "Hips \x9b31m", "Tab\there", "n" * 121])
async def test_the_editor_refuses_a_pasted_control_character_or_an_overlong_name(paths: AppPaths, clock, pasted):
    from textual import events
    from textual.widgets import Input, Static

    from glute_tui.store.routine_files import builtin_routines
    from glute_tui.ui.app import GluteApp
    from glute_tui.ui.screens.editor import EditorScreen

    app = GluteApp(builtin_routines(), paths, clock=clock, selected="short", speech_program=())
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        field = app.screen.query_one("#name", Input)
        field.focus()
        field.post_message(events.Paste(pasted))
        await pilot.pause()
        assert field.value == "Busy-day glutes"  # the paste was refused whole
        check_screen(app, "Editor")
        # And set anyway (as no key or paste can), the validator refuses it by field.
        field.value = pasted
        await pilot.pause()
        status = str(app.screen.query_one("#editor-status", Static).render())
        assert "Not saved while wrong" in status and "name: must" in status.lower(), status
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not paths.routines_dir.exists() or not list(paths.routines_dir.glob("*.toml"))


async def test_the_plan_shows_a_hostile_routine_name_as_written(hostile_app):
    from glute_tui.ui.screens.plan import PlanScreen

    app = hostile_app
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        check_screen(app, "Plan", NAME_1)
        assert app.screen.plan is not None  # the plan was read and drawn, no MarkupError
