"""Honest effort: how each exercise felt, where it hurt, and the progression that listens.

Core, store and command line; the screens' part is in test_effort_screens.py.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest

from glute_tui.cli.main import main
from glute_tui.core.coach import advise, advise_from_history, coach
from glute_tui.core.effort import Pain
from glute_tui.core.engine import Engine, SetCorrected
from glute_tui.core.exchange import ImportProblem, parse_export, to_csv, to_json
from glute_tui.core.plan import REST, build_plan
from glute_tui.core.progression import BACK, HOLD, STAY, UP, apply, steps_to_take
from glute_tui.core.records import Session
from glute_tui.core.results import summarize
from glute_tui.core.stats import compute
from glute_tui.devtools.sample_history import make_sessions
from glute_tui.store.history import History
from glute_tui.store.journal import read_journal
from glute_tui.store.routine_files import load_catalogue, load_loads

AS_OF = date(2026, 11, 24)


def run_workout(routine, clock, *, counting="paced", effort=None, finish_early_s=None) -> Engine:
    """A whole workout on the fake clock; each exercise rated `effort` when its rating is due
    (None: never answered). Self-paced sets end with Enter after `finish_early_s` seconds."""
    run = Engine(build_plan(routine), clock, counting=counting)
    run.start()
    rated: set[int] = set()
    guard = 0
    while not run.finished:
        due = run.rating_due()
        if due is not None and due not in rated and effort is not None:
            run.rate(due, effort)
            rated.add(due)
        if run.step.is_work and counting == "self-paced":
            clock.advance(finish_early_s or 0.5)
            run.finish_step()
        else:
            wake = run.wakeup_at()
            clock.now = wake
            run.poll()
        guard += 1
        assert guard < 100_000
    due = run.rating_due()  # the last exercise: asked when the workout is over
    if due is not None and effort is not None:
        run.rate(due, effort)
    return run


def session_of(routine, run: Engine, started: datetime, pain=None) -> Session:
    return Session(routine=routine.id, routine_name=routine.name, started_at=started.isoformat(),
                   ended_at=(started + timedelta(minutes=20)).isoformat(), status="completed",
                   sets=run.done_records(), pain=pain)


def advice_for(routine, run, **kwargs):
    results = summarize(build_plan(routine), run.done_records())
    return {a.exercise_id: a for a in advise(routine, results, loads=load_loads(),
                                             catalogue=load_catalogue(), **kwargs)}


def advice_after_two(routine, first, second, *, pain=None):
    """The coach's advice after the same workout twice, two days apart (the 2-for-2 rule)."""
    sessions = [session_of(routine, first, datetime(2026, 11, 20, 7, tzinfo=timezone.utc)),
                session_of(routine, second, datetime(2026, 11, 22, 7, tzinfo=timezone.utc), pain=pain)]
    found = coach(routine, sessions, now=datetime(2026, 11, 22, 8, tzinfo=timezone.utc), loads=load_loads(),
                  catalogue=load_catalogue())
    return {a.exercise_id: a for a in found.advice}


# --- the engine: who counted, too fast, and the answer kept ---------------------------------------

def test_a_paced_workout_with_no_answers_suggests_no_step_up(builtins, clock):
    routine = builtins["short"]
    run = run_workout(routine, clock)
    assert all(r.counted_by == "app" and r.effort is None for r in run.done_records())
    advice = advice_for(routine, run)
    assert [a.kind for a in advice.values()] == [STAY] * len(routine.exercises)
    assert 'no answer to "How was it?"' in advice["squat"].why
    assert steps_to_take(advice.values()) == []


def test_right_everywhere_once_stays_and_twice_in_a_row_steps_up_every_exercise(builtins, clock):
    routine = builtins["short"]
    run = run_workout(routine, clock, effort="right")
    assert {r.effort for r in run.done_records()} == {"right"}
    once = advice_for(routine, run)
    assert [a.kind for a in once.values()] == [STAY] * len(routine.exercises)
    assert "2-for-2" in once["squat"].why
    advice = advice_after_two(routine, run, run_workout(routine, clock, effort="right"))
    assert [a.kind for a in advice.values()] == [UP] * len(routine.exercises)
    taken = apply(routine, steps_to_take(advice.values()))
    assert taken.exercises[0].reps == routine.exercises[0].reps + 2


def test_hard_twice_in_a_row_suggests_a_step_back_and_once_only_stays(builtins, clock):
    routine = builtins["short"]
    first = session_of(routine, run_workout(routine, clock, effort="hard"), datetime(2026, 11, 20, 7, tzinfo=timezone.utc))
    second = session_of(routine, run_workout(routine, clock, effort="failed"), datetime(2026, 11, 22, 7, tzinfo=timezone.utc))
    _, once = advise_from_history(routine, [first], loads=load_loads(), catalogue=load_catalogue())
    assert {a.kind for a in once} == {STAY} and "twice in a row" in once[0].why
    session, twice = advise_from_history(routine, [second, first], loads=load_loads(), catalogue=load_catalogue())
    assert session is second
    by_id = {a.exercise_id: a for a in twice}
    assert {a.kind for a in twice} == {BACK}
    assert by_id["squat"].after.reps == routine.exercises[0].reps - 2  # body weight: fewer reps
    assert by_id["glute-bridge"].after.hold_s == routine.exercises[1].hold_s - 5


def test_a_step_back_lightens_the_load_before_it_cuts_reps(builtins):
    from dataclasses import replace

    from glute_tui.core.progression import previous_step
    from glute_tui.core.routines import Load

    squat = builtins["article"].exercises[0]
    banded = replace(squat, load=Load("band", "medium"))
    assert (previous_step(banded).load, previous_step(banded).reps) == (Load("band", "light"), squat.reps)
    assert previous_step(replace(squat, load=Load("kg", kg=4))).load == Load("kg", kg=2)
    assert previous_step(replace(squat, load=Load("kg", kg=1))).load == Load("band", "extra-heavy")


def test_right_knee_pain_holds_lunges_and_squats_only_naming_the_alternative(builtins, clock):
    routine = builtins["article"]
    advice = advice_after_two(routine, run_workout(routine, clock, effort="right"),
                              run_workout(routine, clock, effort="right"), pain=[Pain("knee", "right")])
    catalogue = load_catalogue()
    assert advice["squat"].kind == HOLD and advice["squat"].alternative.id == catalogue["squat"].alternative
    assert advice["lunge"].kind == HOLD and advice["lunge"].alternative.id == "side-lying-leg-lift"
    assert "right knee" in advice["lunge"].why and "not a diagnosis" in advice["lunge"].why
    others = [a for i, a in advice.items() if i not in ("squat", "lunge")]
    assert {a.kind for a in others} == {UP}  # the knee does not hold back clamshells
    assert "try Side-lying straight-leg lifts instead" in advice["lunge"].text


def test_pain_in_an_area_the_alternative_loads_too_holds_without_an_alternative(builtins, clock):
    routine = builtins["article"]
    run = run_workout(routine, clock, effort="easy")
    advice = advice_for(routine, run, pain=[Pain("hip", "left")])
    # every move of the article loads the hip, and so does each alternative
    assert {a.kind for a in advice.values()} == {HOLD}
    assert all(a.alternative is None for a in advice.values())
    assert "left hip hurt" in advice["clamshell"].why


def test_self_paced_sets_pressed_through_are_too_fast_and_not_met(builtins, clock):
    routine = builtins["short"]
    run = run_workout(routine, clock, counting="self-paced", effort="easy", finish_early_s=0.5)
    reps_sets = [r for r in run.done_records() if r.reps is not None]
    assert reps_sets and all(r.too_fast and r.counted_by == "person" for r in reps_sets)
    advice = advice_for(routine, run)
    assert advice["squat"].kind == STAY and "faster than the 3 s tempo" in advice["squat"].why
    honest = run_workout(routine, clock, counting="self-paced", effort="easy", finish_early_s=40)
    assert not any(r.too_fast for r in honest.done_records())
    again = run_workout(routine, clock, counting="self-paced", effort="easy", finish_early_s=40)
    assert advice_after_two(routine, honest, again)["squat"].kind == UP


def test_a_count_corrected_during_the_rest_is_the_persons(builtins, clock):
    plan = build_plan(builtins["short"])
    run = Engine(plan, clock)
    run.start()
    while plan.steps[run.index].kind != REST:
        clock.now = run.wakeup_at()
        run.poll()
    events = run.adjust_reps(-2)
    assert isinstance(events[0], SetCorrected)
    assert (events[0].record.counted_by, events[0].record.reps) == ("person", 10)


def test_the_rating_is_due_after_the_last_set_only_and_reaches_the_journal(builtins, clock, paths):
    routine = builtins["short"]  # squats 2 sets, then a 2-set hold, then clamshells
    plan = build_plan(routine)
    run = Engine(plan, clock)
    run.start()
    history = History(paths.data)
    journal = history.start_journal(Session(routine.id, routine.name, "2026-11-24T07:00:00+01:00",
                                            "2026-11-24T07:00:00+01:00", "stopped"))
    due_at = []
    while plan.steps[run.index].exercise_index < 1 or not plan.steps[run.index].is_work:
        due_at.append((plan.steps[run.index].kind, plan.steps[run.index].set_no, run.rating_due()))
        clock.now = run.wakeup_at()
        for event in run.poll():
            if isinstance(event, SetCorrected) or hasattr(event, "record"):
                journal.record_set(event.index, event.record)
    assert ("rest", 1, None) in due_at and ("rest", 2, 0) in due_at
    for event in run.rate(0, "hard"):
        journal.record_set(event.index, event.record)
    recovered = read_journal(journal.path)
    assert [r.effort for r in recovered.sets] == ["hard", "hard"]
    journal.close(remove=True)


# --- the formats: version 2, and version 1 still read -----------------------------------------

def rated_sessions(n: int = 12) -> list[Session]:
    sessions = make_sessions(n, end=AS_OF)
    for i, session in enumerate(sessions):
        for record in session.sets:
            record.effort = ("easy", "right", "hard", "failed", None)[(i + len(record.exercise)) % 5]
            record.counted_by = "app" if i % 2 else "person"
            record.too_fast = i % 7 == 0
        session.pain = [] if i % 3 else [Pain("knee", "right"), Pain("it-band", "both")]
        session.note = None if i % 4 else f"note {i}: [b]not bold[/b] =1+1"
    return sessions


def test_a_version_3_export_round_trips_exactly(tmp_path, paths, monkeypatch):
    sessions = sorted(rated_sessions(), key=lambda s: (s.started, s.id))  # the order export writes
    for i, session in enumerate(sessions):  # severities 0 and 10 (the ends), 7, and unknown
        session.pain = [Pain(p.area, p.side, (0, 10, 7, None)[(i + j) % 4]) for j, p in enumerate(session.pain or ())]
    text = to_json(sessions)
    assert json.loads(text)["version"] == 3
    assert {p.get("severity") for s in json.loads(text)["sessions"] for p in s["pain"]} == {0, 10, 7, None}
    path = tmp_path / "v3.json"
    path.write_text(text)
    assert main(["import", str(path)]) == 0
    out = tmp_path / "again.json"
    assert main(["export", "--output", str(out)]) == 0
    assert out.read_text() == text


def test_a_version_1_export_imports_with_its_new_fields_null(tmp_path, paths):
    sessions = make_sessions(40, end=AS_OF)
    doc = json.loads(to_json(sessions))
    doc["version"] = 1
    for item in doc["sessions"]:  # exactly what version 1 wrote
        del item["pain"], item["note"]
        for record in item["sets"]:
            del record["effort"], record["counted_by"], record["too_fast"]
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(doc))
    assert main(["import", str(path)]) == 0
    loaded = History(paths.data).load().sessions
    assert len(loaded) == 40
    assert all(s.pain is None and s.note is None for s in loaded)
    assert all(r.effort is None and r.counted_by is None and not r.too_fast for s in loaded for r in s.sets)
    before, after = compute(sessions, AS_OF, 2).to_json(), compute(loaded, AS_OF, 2).to_json()
    assert before == after and after["counted_sessions"] > 20


def test_version_1_fields_of_version_2_are_ignored_in_a_version_1_file():
    doc = json.loads(to_json(rated_sessions(3)))
    doc["version"] = 1
    sessions = parse_export(json.dumps(doc), "old.json")
    assert all(s.pain is None and all(r.effort is None for r in s.sets) for s in sessions)


@pytest.mark.parametrize("damage,field", [
    (lambda d: d["sessions"][1]["sets"][0].update(effort="meh"), "sessions[1].sets[0].effort"),
    (lambda d: d["sessions"][1]["sets"][0].update(too_fast="yes"), "sessions[1].sets[0].too_fast"),
    (lambda d: d["sessions"][2].update(pain=[{"area": "elbow", "side": "left"}]), "sessions[2].pain[0].area"),
    (lambda d: d["sessions"][2].update(pain=[{"area": "knee", "side": "middle"}]), "sessions[2].pain[0].side"),
    (lambda d: d["sessions"][2].update(pain="knee"), "sessions[2].pain"),
    (lambda d: d["sessions"][0].update(note="x" * 201), "sessions[0].note"),
    (lambda d: d["sessions"][0].update(note="a\x1b]52;c;Y2xpcA==\x07b"), "sessions[0].note"),
])
def test_a_bad_effort_pain_or_note_is_refused_naming_its_field(damage, field):
    doc = json.loads(to_json(rated_sessions(3)))
    damage(doc)
    with pytest.raises(ImportProblem) as caught:
        parse_export(json.dumps(doc), "bad.json")
    assert field in str(caught.value) and "\x1b" not in str(caught.value)


def test_csv_has_the_new_columns_and_a_note_is_never_a_formula():
    sessions = rated_sessions(5)
    sessions[0].note = "=HYPERLINK(\"x\")"
    lines = to_csv(sessions).splitlines()
    assert lines[0].endswith("pain,note,exercise,side,set,target_reps,reps,hold_s,load,seconds,skipped,"
                             "effort,counted_by,too_fast")
    assert "knee:right; it-band:both" in to_csv(sessions)
    assert "'=HYPERLINK" in lines[1]


# --- the store: an edit in place; reading never rewrites ---------------------------------------

def test_reading_never_rewrites_and_an_edit_touches_only_its_session(paths):
    history = History(paths.data)
    sessions = make_sessions(6, end=AS_OF)
    history.add_many(sessions)
    path = history.files()[-1]
    raw = json.loads(path.read_text())
    for doc in raw["sessions"].values():  # make them version-1 documents, as an old glute-tui wrote
        doc.pop("pain"), doc.pop("note")
        for record in doc["sets"]:
            record.pop("effort"), record.pop("counted_by"), record.pop("too_fast")
    path.write_text(json.dumps(raw))
    stamp = path.stat().st_mtime_ns
    loaded = history.load().sessions
    compute(loaded, AS_OF)
    assert path.stat().st_mtime_ns == stamp and json.loads(path.read_text()) == raw
    edited = loaded[-1]
    edited.pain, edited.note = [Pain("knee", "left")], "sore after the run"
    assert history.update(edited)
    after = json.loads(path.read_text())["sessions"]
    changed = [doc for doc in after.values() if doc["id"] == edited.id][0]
    assert changed["pain"] == [{"area": "knee", "side": "left"}] and changed["note"] == "sore after the run"
    untouched = {k: v for k, v in after.items() if v["id"] != edited.id}
    assert untouched == {k: v for k, v in raw["sessions"].items() if v["id"] != edited.id}
    assert history.load().sessions[-1].pain == [Pain("knee", "left")]


def test_an_edit_of_a_deleted_session_is_refused(paths):
    history = History(paths.data)
    session = make_sessions(1, end=AS_OF)[0]
    history.add(session)
    history.delete(session.id)
    session.pain = []
    assert not history.update(session)
    assert history.load().sessions == []


# --- figures and the command line ---------------------------------------------------------------

def test_stats_json_counts_efforts_per_exercise_and_pain_per_area(paths, capsys):
    sessions = rated_sessions(12)
    History(paths.data).add_many(sessions)
    assert main(["stats", "--json", "--as-of", AS_OF.isoformat()]) == 0
    figures = json.loads(capsys.readouterr().out)
    expected: dict[str, dict[str, int]] = {}
    for s in sessions:
        for exercise, effort in s.efforts().items():
            counts = expected.setdefault(exercise, dict.fromkeys(("easy", "right", "hard", "failed", "none"), 0))
            counts[effort or "none"] += 1
    assert figures["effort_by_exercise"] == expected
    knee = sum(1 for s in sessions if s.pain)
    assert figures["pain_by_area"]["knee"] == {"left": 0, "right": knee, "both": 0}
    assert figures["pain_by_area"]["it-band"] == {"left": 0, "right": 0, "both": knee}
    assert figures["pain_by_area"]["ankle"] == {"left": 0, "right": 0, "both": 0}
    assert knee == 4


def test_suggest_json_gives_the_same_advice_as_the_summary(paths, capsys, builtins, clock):
    routine = builtins["short"]
    history = History(paths.data)
    first = session_of(routine, run_workout(routine, clock, effort="right"), datetime(2026, 11, 20, 7, tzinfo=timezone.utc))
    second = session_of(routine, run_workout(routine, clock, effort="right"), datetime(2026, 11, 22, 7, tzinfo=timezone.utc),
                        pain=[Pain("knee", "right")])
    history.add_many([first, second])
    assert main(["suggest", "--json", "--as-of", "2026-11-22"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["routine"] == "short" and doc["session"]["id"] == second.id
    assert doc["session"]["pain"] == [{"area": "knee", "side": "right"}]
    by_id = {s["exercise"]: s for s in doc["suggestions"]}
    assert by_id["squat"]["advice"] == "hold" and by_id["squat"]["alternative"] == "glute-bridge"
    assert by_id["clamshell"]["advice"] == "up" and by_id["clamshell"]["after"]["reps"] == 14
    assert main(["suggest", "--routine", "short", "--as-of", "2026-11-22"]) == 0
    out = capsys.readouterr().out
    assert "Squats: hold; or try Glute bridge instead" in out and "right knee" in out


def test_suggest_with_no_history_or_an_unknown_routine(paths, capsys):
    assert main(["suggest"]) == 0
    assert "No sessions" in capsys.readouterr().out
    assert main(["suggest", "--routine", "nope"]) == 2
    assert "nope" in capsys.readouterr().err
    assert main(["suggest", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["suggestions"] == []
