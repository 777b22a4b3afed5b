"""Every session the app writes can be read back and imported (issue 22, item 3).

Each writer (a finished workout, a stopped one, a journal recovered after a crash, the answers
to "How was it?" and "Any pain?" saved back, `History.add`, and import itself) is held to
import's own validation (`parse_export`), with routines as hostile as the loaders let through:
names and file names at the length limit, names derived from a file's name, and every hostile
string as a routine's name. A routine whose file name cannot be an id (not UTF-8, control
characters, too long) is refused where the file is found, so it can never write a session.
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hostile import strings

from glute_tui.cli.app import routines_at_start
from glute_tui.cli.main import main
from glute_tui.core.effort import Pain
from glute_tui.core.exchange import parse_export, to_json
from glute_tui.core.limits import NAME_MAX
from glute_tui.core.records import Session, SetRecord, now_iso
from glute_tui.core.routines import RoutineError, _toml_string
from glute_tui.core.stats import session_day
from glute_tui.devtools.clock import ManualClock
from glute_tui.services.history import HistoryService
from glute_tui.services.workout import Workout
from glute_tui.store.history import History
from glute_tui.store.paths import AppPaths
from glute_tui.store.routine_files import load_all

BODY = """
get_ready_s = 0
switch_sides_s = 5
rest_between_exercises_s = 10
[[exercise]]
id = "squat"
sets = 2
reps = 10
tempo_s = 3
rest_s = 10
"""


def routine_file(folder: Path, stem: str | bytes, name: str) -> Path:
    """A routine file named `stem`.toml (bytes: a name that need not be UTF-8)."""
    folder.mkdir(parents=True, exist_ok=True)
    raw = os.fsencode(folder) + b"/" + (stem if isinstance(stem, bytes) else stem.encode()) + b".toml"
    with open(raw, "w", encoding="utf-8") as handle:
        handle.write(f"name = {_toml_string(name)}\n{BODY}")
    return Path(os.fsdecode(raw))


BAD_STEMS = {
    "not-utf-8": b"caf\xe9-routine",
    "escape": b"evil\x1b]52;c;aGk=\x07",
    "too-long": b"r" * (NAME_MAX + 1),
    "newline": b"two\nlines",
}


@pytest.mark.parametrize("kind", BAD_STEMS)
def test_a_routine_whose_file_name_cannot_be_an_id_is_listed_with_that_fault(paths: AppPaths, kind):
    path = routine_file(paths.routines_dir, BAD_STEMS[kind], "Fine name")
    found = load_all(paths.routines_dir)
    assert path in found.faults, found.faults
    assert all(r.path != path for r in found.routines)  # it cannot be started
    (fault,) = found.faults[path]
    assert "file name" in fault and "rename the file" in fault


@pytest.mark.parametrize("kind", BAD_STEMS)
def test_a_routine_whose_file_name_cannot_be_an_id_cannot_be_opened_by_path(paths: AppPaths, tmp_path, kind):
    path = routine_file(tmp_path / "elsewhere", BAD_STEMS[kind], "Fine name")
    with pytest.raises(RoutineError) as caught:
        routines_at_start(str(path), paths)
    assert "file name" in caught.value.faults[0]


@pytest.mark.parametrize("kind", BAD_STEMS)
def test_routines_list_names_the_bad_file_name_and_exits_0_for_the_rest(paths: AppPaths, capsys, kind):
    routine_file(paths.routines_dir, BAD_STEMS[kind], "Fine name")
    assert main(["routines", "list"]) == 0
    out = capsys.readouterr().out
    assert "not loaded:" in out and "rename the file" in out
    assert "\x1b]" not in out and "\udce9" not in out  # shown as symbols, never sent


def test_a_file_name_at_the_limit_is_a_routine_id(paths: AppPaths):
    stem = "r" * NAME_MAX
    routine_file(paths.routines_dir, stem, "Long file")
    found = load_all(paths.routines_dir)
    assert stem in {r.id for r in found.routines} and not found.faults


# --- every writer, held to import's validation ----------------------------------------------------

def hostile_names() -> list[str]:
    return ["N" * NAME_MAX, *strings()]


def loadable_routines(paths: AppPaths, tmp_path: Path) -> list:
    """Every routine the loaders let through, from files named and filled as a hostile person
    would: listed from the routines folder, and opened by path under a name and id already taken
    (the id and the name are then derived from the file's name)."""
    listed = paths.routines_dir
    routine_file(listed, "tiny", "Tiny")
    routine_file(listed, "t" * NAME_MAX, "N" * NAME_MAX)
    for number, name in enumerate(hostile_names()):
        routine_file(listed, f"hostile-{number}", name)
    routines = {r.id: r for r in load_all(listed).routines if not r.builtin}
    elsewhere = tmp_path / "elsewhere"
    opened = [routine_file(elsewhere, "tiny", "Tiny"), routine_file(elsewhere / "2", "t" * NAME_MAX, "Tiny"),
              routine_file(elsewhere / "3", "t" * NAME_MAX, "N" * NAME_MAX),
              routine_file(elsewhere / "4", "x" * NAME_MAX, "Tiny")]
    for path in opened:
        found, selected = routines_at_start(str(path), paths)
        routine = next(r for r in found.routines if r.id == selected)
        routines[routine.id] = routine
    assert len(routines) > 10
    return list(routines.values())


def run_workout(routine, paths: AppPaths, *, status: str, pain: list[Pain] | None = None) -> Workout:
    clock = ManualClock()
    workout = Workout(routine, counting="self-paced", clock=clock, history=HistoryService(paths.data))
    workout.start()
    clock.advance(30)
    workout.finish_set()  # a set done
    workout.rate("hard")
    workout.finish(status).result(timeout=10)
    if pain is not None:
        session = workout.end_check(pain, "a note: [b]not markup[/b]", effort="right")
        assert session is not None and workout.save_end_check(session)
    return workout


def crash_mid_workout(routine, paths: AppPaths) -> None:
    """A workout whose process dies after its first set: its journal stays behind."""
    clock = ManualClock()
    workout = Workout(routine, counting="self-paced", clock=clock, history=HistoryService(paths.data))
    workout.start()
    clock.advance(20)
    workout.finish_set()
    recorder = workout._recorder
    assert recorder is not None
    recorder._pool.submit(lambda: None).result(timeout=10)  # the journal has the set
    assert recorder.journal is not None
    recorder.journal.close(remove=False)  # the process dies here
    recorder._pool.shutdown()


def exported(folder: Path) -> str:
    return to_json(History(folder).load().sessions)


def test_every_session_the_app_writes_passes_imports_validation(paths: AppPaths, tmp_path: Path):
    routines = loadable_routines(paths, tmp_path)
    for number, routine in enumerate(routines):
        run_workout(routine, paths, status="completed" if number % 2 else "stopped",
                    pain=[Pain("knee", "left", 4)] if number % 3 == 0 else ([] if number % 3 == 1 else None))
    crash_mid_workout(routines[0], paths)
    crash_mid_workout(routines[-1], paths)
    recovery = History(paths.data).recover()
    assert len(recovery.recovered) == 2 and not recovery.problems
    History(paths.data).add(Session(routines[1].id, routines[1].name, now_iso(), now_iso(), "completed",
                                    [SetRecord("squat", "none", 1, 10, 10, None, "bodyweight", 30.0)]))
    text = exported(paths.data)
    sessions = parse_export(text, "export.json")  # import's own validation: raises on any fault
    assert len(sessions) == len(routines) + 3
    assert {s.routine_name for s in sessions} >= {r.name for r in routines}
    for session in sessions:
        assert session.ended_at >= session.started_at
    # import itself writes what it reads: into a fresh folder, and out again the same
    fresh = tmp_path / "fresh"
    assert History(fresh).add_many(sessions) == len(sessions)
    again = exported(fresh)
    assert again == text and len(parse_export(again, "again.json")) == len(sessions)


def test_names_derived_from_a_file_name_keep_within_the_limit(paths: AppPaths, tmp_path: Path):
    routines = loadable_routines(paths, tmp_path)
    for routine in routines:
        assert len(routine.id) <= NAME_MAX and len(routine.name) <= NAME_MAX


# --- time that cannot lie: the session's end from the monotonic clock ---------------------------

def test_a_wall_clock_set_back_two_days_mid_workout_never_ends_a_session_before_it_began(
        paths: AppPaths, tmp_path: Path, monkeypatch):
    routine = next(r for r in load_all(None).routines if r.id == "short")
    clock = ManualClock()
    workout = Workout(routine, counting="self-paced", clock=clock, history=HistoryService(paths.data))
    workout.start()
    started = datetime.now().astimezone()
    back = started - timedelta(days=2)
    monkeypatch.setattr("glute_tui.store.recorder.now_iso", lambda now=None: back.isoformat(timespec="seconds"))
    monkeypatch.setattr("glute_tui.core.records.now_iso", lambda now=None: back.isoformat(timespec="seconds"))
    workout.finish_set()  # the get-ready, ended at once
    clock.advance(600)
    workout.finish_set()  # the first set: ten minutes
    clock.advance(300)
    workout.finish("stopped").result(timeout=10)
    (session,) = History(paths.data).load().sessions
    length = datetime.fromisoformat(session.ended_at) - datetime.fromisoformat(session.started_at)
    assert length == timedelta(seconds=900)  # as the monotonic clock measured it
    assert session_day(session) in (date.today(), started.date())  # still today's session


def test_a_journal_stamped_by_a_clock_set_back_recovers_with_its_end_at_its_start(paths: AppPaths):
    history = History(paths.data)
    started = "2026-11-24T07:30:00+01:00"
    journal = history.start_journal(Session("short", "Busy-day glutes", started, started, "stopped"))
    journal.record_set(1, SetRecord("squat", "none", 1, 10, 10, None, "bodyweight", 30.0))
    journal.close(remove=False)
    path = journal.path
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    lines[-1]["at"] = "2026-11-22T07:30:00+01:00"  # two days before the start
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    (session,) = history.recover().recovered
    assert session.ended_at == started
    assert parse_export(to_json([session]), "x")[0].ended_at == started


def many_sets(paths: AppPaths, exercises: int) -> Path:
    """A routine of `exercises` times 20 sets of squats: 20 records each."""
    paths.routines_dir.mkdir(parents=True, exist_ok=True)
    path = paths.routines_dir / f"many-{exercises}.toml"
    block = '[[exercise]]\nid = "squat"\nsets = 20\nreps = 5\nrest_s = 0\n'
    path.write_text('name = "Many"\nget_ready_s = 0\nrest_between_exercises_s = 0\n' + block * exercises)
    return path


def test_a_routine_with_more_sets_than_a_session_keeps_is_refused_where_it_is_found(paths: AppPaths):
    path = many_sets(paths, 26)  # 520 records, import takes 500
    found = load_all(paths.routines_dir)
    assert path in found.faults and "520 sets counting each side; at most 500" in found.faults[path][0]


def test_the_largest_routine_writes_a_session_import_takes(paths: AppPaths):
    many_sets(paths, 25)
    routine = next(r for r in load_all(paths.routines_dir).routines if r.id == "many-25")
    clock = ManualClock()
    workout = Workout(routine, counting="self-paced", clock=clock, history=HistoryService(paths.data))
    workout.start()
    while not workout.engine.finished:
        clock.advance(5)
        workout.finish_set()
    workout.finish("completed").result(timeout=10)
    (session,) = parse_export(exported(paths.data), "export.json")
    assert len(session.sets) == 500


def test_a_set_left_running_for_days_is_saved_as_a_day_at_most(paths: AppPaths):
    routine = next(r for r in load_all(None).routines if r.id == "short")
    clock = ManualClock()
    workout = Workout(routine, counting="self-paced", clock=clock, history=HistoryService(paths.data))
    workout.start()
    workout.finish_set()  # the get-ready
    clock.advance(3 * 86_400)  # the app left open on the first set for three days
    workout.finish_set()
    workout.finish("stopped").result(timeout=10)
    (session,) = parse_export(exported(paths.data), "export.json")
    assert session.sets[0].seconds == 86_400
    assert datetime.fromisoformat(session.ended_at) - datetime.fromisoformat(session.started_at) == timedelta(days=1)
