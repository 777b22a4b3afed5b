"""Property-based tests: arbitrary input never gives anything but a result or the project's error."""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

import hostile
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from glute_tui.cli.main import main
from glute_tui.core.engine import Engine
from glute_tui.core.exchange import ImportProblem, parse_export, to_json
from glute_tui.core.plan import build_plan
from glute_tui.core.records import Session
from glute_tui.core.routines import EXERCISE_KEYS, ROUTINE_KEYS, Routine, RoutineError, parse_routine
from glute_tui.devtools.clock import ManualClock
from glute_tui.devtools.sample_history import make_sessions
from glute_tui.store.routine_files import load_catalogue, load_routine

CATALOGUE = load_catalogue()

HOSTILE = hostile.strings()
# Text drawn from everything a terminal or Rich might act on: controls (C0, DEL, C1), markup's
# brackets, bidi overrides; and the shared hostile strings whole.
hostile_text = st.text(st.characters(codec="utf-8") | st.sampled_from(
    ["\x1b", "\x9b", "\x7f", "\x00", "\r", "\n", "\t", "[", "]", "/", "@", ":", "=", "\u202e"]),
    max_size=24) | st.sampled_from(HOSTILE)

scalars = st.one_of(
    st.integers(min_value=-10**6, max_value=10**6), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12), hostile_text, st.booleans(), st.sampled_from(list(CATALOGUE) + ["", "bodyweight", "band:light",
                                                                           "kg:8", "both", "none"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=6)
exercise_tables = st.dictionaries(st.sampled_from(sorted(EXERCISE_KEYS) + ["x", "rep"]), values, max_size=8)
routine_docs = st.fixed_dictionaries(
    {}, optional={key: values for key in ROUTINE_KEYS - {"exercise"}} | {"extra": values,
                                                                       "exercise": st.lists(exercise_tables | values, max_size=4)})


@settings(max_examples=400, deadline=None)
@given(routine_docs)
def test_any_routine_document_gives_a_routine_or_the_routine_error(doc):
    try:
        routine = parse_routine(doc, Path("fuzz.toml"), CATALOGUE)
    except RoutineError as exc:
        assert exc.faults and all(f.startswith("fuzz.toml: ") for f in exc.faults)
        return
    assert isinstance(routine, Routine) and routine.exercises
    assert build_plan(routine).total_s > 0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200) | st.sampled_from(['name = "x"\n[[exercise]]\nid="squat"\nsets=1\nreps=1\n',
                                                "[[exercise]\n", "name = \n", "\x00"]))
def test_any_text_as_a_routine_file_gives_a_routine_or_the_routine_error(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.toml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass") if "\ud800" not in text else None
        assume(path.exists())
        try:
            load_routine(path, CATALOGUE)
        except RoutineError as exc:
            assert str(path) in str(exc)


VALID = json.loads(to_json(make_sessions(3, end=date(2026, 11, 24))))


@settings(max_examples=300, deadline=None)
@given(values)
def test_any_json_to_import_gives_sessions_or_the_import_problem(value):
    try:
        sessions = parse_export(json.dumps(value, allow_nan=True), "fuzz.json")
    except ImportProblem as exc:
        assert str(exc).startswith("fuzz.json: ")
        return
    assert all(isinstance(s, Session) for s in sessions)


def _paths(doc: dict) -> list[tuple]:
    out = []
    for i, session in enumerate(doc["sessions"]):
        out += [(i, key) for key in session]
        out += [(i, "sets", j, key) for j, record in enumerate(session["sets"]) for key in record]
    return out


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_valid_export_with_one_field_spoiled_is_refused_by_name_or_accepted(data):
    doc = json.loads(json.dumps(VALID))
    where = data.draw(st.sampled_from(_paths(doc)))
    target = doc["sessions"][where[0]]
    if len(where) == 4:
        target = target["sets"][where[2]]
    target[where[-1]] = data.draw(values)
    try:
        parse_export(json.dumps(doc), "fuzz.json")
    except ImportProblem as exc:
        assert f"sessions[{where[0]}]" in str(exc)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300) | st.builds(lambda v: json.dumps(v).encode(), values))
def test_the_import_command_never_shows_a_traceback(isolated_home, capsys, raw):
    path = isolated_home.parent / "fuzz.json"
    path.write_bytes(raw)
    assert main(["import", str(path)]) in (0, 2)
    assert "Traceback" not in capsys.readouterr().err


COMMANDS = ["poll", "pause", "resume", "toggle", "finish", "skip", "back", "up", "down", "rest"]
ROUTINES = [parse_routine({"name": "p", "get_ready_s": 2, "switch_sides_s": 1, "rest_between_exercises_s": 3,
                           "exercise": [{"id": "squat", "sets": 2, "reps": 3, "tempo_s": 1, "rest_s": 2},
                                        {"id": "clamshell", "sets": 1, "reps": 2, "tempo_s": 1.5},
                                        {"id": "lunge", "sets": 1, "reps": 2, "tempo_s": 1},
                                        {"id": "glute-bridge", "sets": 1, "hold_s": 5}]},
                          Path("p.toml"), CATALOGUE)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(COMMANDS), st.floats(min_value=0, max_value=6)), max_size=60),
       st.sampled_from(["paced", "self-paced"]))
def test_the_engine_keeps_its_invariants_under_any_commands(commands, counting):
    plan = build_plan(ROUTINES[0])
    clock = ManualClock()
    run = Engine(plan, clock, counting=counting)
    run.start()
    active = 0.0
    last_elapsed = 0.0
    for command, dt in commands:
        if not run.paused and not run.finished:
            active += dt
        clock.advance(dt)
        {"poll": run.poll, "pause": run.pause, "resume": run.resume, "toggle": run.toggle_pause,
         "finish": run.finish_step, "skip": run.skip, "back": run.back,
         "up": lambda: run.adjust_reps(1), "down": lambda: run.adjust_reps(-1), "rest": run.add_rest}[command]()
        if run.finished:
            break
        view = run.view()
        assert 0 <= run.index < len(plan.steps)
        assert view.reps is None or view.reps >= 0
        assert 0.0 <= view.progress <= 1.0
        elapsed = run.elapsed()
        assert elapsed + 1e-9 >= last_elapsed, "elapsed went backwards"
        last_elapsed = elapsed
        # a pause's time is excluded: elapsed is the time that passed while not paused
        assert elapsed == pytest.approx(active, abs=1e-6)
        for index, record in run.records.items():
            step = plan.steps[index]
            assert step.is_work and (record.exercise, record.side, record.set) == (
                step.item.id, step.side, step.set_no)
            assert (record.reps or 0) >= 0 and record.seconds >= 0
            assert index < run.index or run.finished


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12)


@given(st.dictionaries(st.text(), st.dictionaries(st.integers(min_value=1).map(str), json_values, max_size=5),
                       max_size=3))
def test_a_file_written_a_session_at_a_time_is_the_same_text_as_dumped_at_once(data):
    from glute_tui.store.history import json_chunks

    assert "".join(json_chunks(data)) == json.dumps(data, separators=(",", ":"), ensure_ascii=False)


@settings(max_examples=300, deadline=None)
@given(hostile_text, hostile_text)
def test_any_name_and_description_give_a_routine_of_plain_text_or_faults_of_plain_text(name, description):
    from glute_tui.core.text import is_control

    doc = {"name": name, "description": description, "exercise": [{"id": "squat", "sets": 1, "reps": 2}]}
    try:
        routine = parse_routine(doc, Path("fuzz.toml"), CATALOGUE)
    except RoutineError as exc:
        assert all(not any(is_control(c) for c in fault) for fault in exc.faults), exc.faults
        return
    assert not any(is_control(c) for c in routine.name + routine.description)
    assert len(routine.name) <= 120 and len(routine.description) <= 200


@given(hostile_text, st.sampled_from(["", "\n"]))
def test_visible_text_has_no_control_character_but_the_kept_ones(text, keep):
    from glute_tui.core.text import BIDI_CONTROLS, is_control, visible

    shown = visible(text, keep)
    assert all(not is_control(c) or c in keep for c in shown)
    assert not set(shown) & set(BIDI_CONTROLS)
    if not any(is_control(c) or c in BIDI_CONTROLS for c in text):
        assert shown == text


@given(hostile_text | st.text(st.characters(max_codepoint=0xFF), max_size=12), st.integers(0, 30))
def test_a_text_problem_names_the_first_control_character_by_its_place(text, limit):
    """`first_control` and `text_problem` find controls with one pattern; `is_control`, one
    character at a time, says which ones they must find."""
    from glute_tui.core.text import first_control, is_control, text_problem

    places = [i for i, c in enumerate(text) if is_control(c)]
    assert first_control(text) == (text[places[0]] if places else None)
    problem = text_problem(text, limit)
    if places:
        assert problem is not None and f"U+{ord(text[places[0]]):04X} at character {places[0] + 1})" in problem
    else:
        assert (problem is None) == (len(text) <= limit)


# --- damaged files through every reader (issue 12): controls, lone surrogates, huge numbers,
# deep nesting, a BOM, bytes that are not UTF-8 --------------------------------------------------

surrogates = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
file_text = st.text(st.characters(codec="utf-8") | surrogates | st.sampled_from(
    ["\x1b", "\x9b", "\x7f", "\x00", "\r", "\ufeff", "\u202e"]), max_size=16)
file_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | file_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(file_text, inner, max_size=3),
    max_leaves=10)
SESSION = make_sessions(1, end=date(2026, 11, 24), seed=3)[0].to_dict()


def _spoil(session: dict, value: object, key: str, in_set: bool) -> dict:
    doc = json.loads(json.dumps(session))
    if in_set and doc["sets"]:
        doc["sets"][0][key if key in doc["sets"][0] else "exercise"] = value
    else:
        doc[key if key in doc else "routine_name"] = value
    return doc


damaged_json = st.one_of(
    st.builds(lambda v: json.dumps(v).encode(), file_values),  # escapes keep lone surrogates
    st.builds(lambda n: b"[" * n, st.integers(900, 100_000)),
    st.builds(lambda n: b'{"a":' * n, st.integers(900, 50_000)),
    st.builds(lambda n: b'{"sessions": {"1": {"id": ' + b"9" * n + b"}}}", st.integers(4_200, 6_000)),
    st.binary(max_size=200),
    st.builds(lambda raw: b"\xef\xbb\xbf" + raw, st.binary(max_size=40)),
)
damaged_history = damaged_json | st.builds(
    lambda v, key, in_set: json.dumps({"sessions": {"1": SESSION, "2": _spoil(SESSION, v, key, in_set)}}).encode(),
    file_values, st.sampled_from(sorted(SESSION) + sorted(SESSION["sets"][0])), st.booleans())


@settings(max_examples=200, deadline=None)
@given(damaged_history)
def test_any_history_file_loads_what_it_can_and_a_save_never_loses_a_session(raw):
    from glute_tui.store.history import History

    with tempfile.TemporaryDirectory() as folder:
        history = History(Path(folder))
        path = Path(folder) / "sessions-2026.json"
        path.write_bytes(raw)
        loaded = history.load()  # never raises
        assert all(isinstance(s, Session) for s in loaded.sessions)
        kept = path.exists()
        assert kept or any("moved aside" in p for p in loaded.problems)
        fresh = make_sessions(1, end=date(2026, 11, 24), seed=77)[0]
        history.add(fresh)  # a save after it: the file stays readable, nothing read is lost
        again = history.load()
        ids = {s.id for s in again.sessions}
        assert fresh.id in ids and {s.id for s in loaded.sessions} <= ids
        assert len(again.problems) == (len(loaded.problems) if kept else 0)


@settings(max_examples=150, deadline=None)
@given(damaged_json | st.builds(lambda v: json.dumps({"weekly_goal": v, "counting": v}).encode(), file_values))
def test_any_preferences_file_gives_preferences_and_at_most_a_message(raw):
    from glute_tui.store.preferences import load_preferences

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "preferences.json"
        path.write_bytes(raw)
        prefs, problem = load_preferences(path)
        prefs.validate("checked")  # whatever was read is a valid set of preferences
        assert not problem or ("preferences.json" in problem and len(problem) < 1000)


@settings(max_examples=150, deadline=None)
@given(st.lists(damaged_json | st.builds(lambda v: json.dumps(
    {"type": "set", "step": 1, "record": v}).encode(), file_values), max_size=4))
def test_any_journal_is_recovered_or_moved_aside_never_a_traceback(lines):
    from glute_tui.store.history import History

    header = json.dumps({"type": "session", "id": SESSION["id"], "routine": "short", "routine_name": "x",
                         "started_at": SESSION["started_at"]}).encode()
    with tempfile.TemporaryDirectory() as folder:
        journal = Path(folder) / "journal" / f"{SESSION['id']}.jsonl"
        journal.parent.mkdir()
        journal.write_bytes(b"\n".join([header, *lines]))
        recovery = History(Path(folder)).recover()
        assert all(isinstance(s, Session) for s in recovery.recovered)
        assert not journal.exists()  # recovered and removed, or moved aside


toml_text = st.one_of(
    st.text(st.characters(codec="utf-8") | st.sampled_from(["\x1b", "\x00", ".", "[", "=", '"']), max_size=200),
    st.builds(lambda n: "x = " + "[" * n, st.integers(900, 100_000)),
    st.builds(lambda n: "x = " + "{a=" * n, st.integers(900, 50_000)),
    st.builds(lambda n: "a" + ".a" * n + " = 1", st.integers(100, 100_000)),
    st.builds(lambda n: "[" + "a." * n + "a]", st.integers(100, 100_000)),
    st.builds(lambda n: "name = " + "7" * n, st.integers(4_200, 6_000)),
)


@settings(max_examples=150, deadline=None)
@given(toml_text)
def test_any_routine_file_even_nested_or_huge_gives_a_routine_or_the_routine_error(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.toml"
        path.write_text(text, encoding="utf-8")
        try:
            load_routine(path, CATALOGUE)
        except RoutineError as exc:
            assert str(path) in str(exc)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damaged_json | st.builds(lambda v, key, in_set: json.dumps(
    {"format": "glute-tui-history", "version": 1, "sessions": [SESSION, _spoil(SESSION, v, key, in_set)]}).encode(),
    file_values, st.sampled_from(sorted(SESSION) + sorted(SESSION["sets"][0])), st.booleans()))
def test_a_damaged_import_is_refused_whole_or_imported_whole(isolated_home, capsys, raw):
    from glute_tui.store.history import History

    path = isolated_home.parent / "fuzz.json"
    path.write_bytes(raw)
    before = len(History(isolated_home / "data").load().sessions)
    code = main(["import", str(path)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    after = len(History(isolated_home / "data").load().sessions)
    assert (code, after - before <= 2) == (0, True) or (code == 2 and after == before)


@given(st.dictionaries(st.integers(min_value=1).map(str), file_values, max_size=4))
def test_a_file_with_lone_surrogates_is_written_as_utf8_and_reads_back_the_same(table):
    from glute_tui.store.history import json_chunks

    text = "".join(json_chunks({"sessions": table}))
    assert json.loads(text.encode("utf-8")) == {"sessions": table}
