"""Property-based tests: arbitrary input never gives anything but a result or the project's error."""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from glute_tui.cli.main import main
from glute_tui.devtools.clock import ManualClock
from glute_tui.core.engine import WorkoutRun
from glute_tui.core.exchange import ImportProblem, parse_export, to_json
from glute_tui.core.plan import build_plan
from glute_tui.core.records import Session
from glute_tui.core.routines import EXERCISE_KEYS, ROUTINE_KEYS, Routine, RoutineError, parse_routine
from glute_tui.store.routine_files import load_catalogue, load_routine
from glute_tui.devtools.sample_history import make_sessions

CATALOGUE = load_catalogue()

HOSTILE_FILE = Path(__file__).parents[1].parent / "shared" / "hostile" / "strings.json"
HOSTILE = [s for key, group in json.loads(HOSTILE_FILE.read_text(encoding="utf-8")).items()
           if isinstance(group, list) for s in group] if HOSTILE_FILE.is_file() else ["\x1b]0;t\x07", "[/]"]
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
    run = WorkoutRun(plan, clock, counting=counting)
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
