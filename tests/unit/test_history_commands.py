"""`glute-tui history`, `stats`, `export` and `import` against a temporary data folder."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from glute_tui.cli.main import main
from glute_tui.core.exchange import SESSION_COLUMNS, SET_COLUMNS, to_json
from glute_tui.core.stats import session_day
from glute_tui.devtools.sample_history import make_sessions
from glute_tui.store.history import History

AS_OF = date(2026, 11, 24)


def oracle(sessions, as_of: date, goal: int) -> dict:
    """The streak rules, brute force: walk the calendar one day (or week) at a time."""
    counted = [s for s in sessions if session_day(s) <= as_of and any(r.done for r in s.sets)]
    days = {session_day(s) for s in counted}
    weeks: dict[tuple[int, int], int] = {}
    for s in counted:
        key = tuple(session_day(s).isocalendar())[:2]
        weeks[key] = weeks.get(key, 0) + 1
    met = {w for w, n in weeks.items() if n >= goal}

    def run_back(day: date, step: timedelta, ok) -> int:
        n = 0
        while ok(day):
            n, day = n + 1, day - step
        return n

    week_of = lambda d: tuple(d.isocalendar())[:2]  # noqa: E731
    current_daily = run_back(as_of if as_of in days else as_of - timedelta(days=1), timedelta(days=1),
                             lambda d: d in days)
    longest_daily = max((run_back(d, timedelta(days=1), lambda x: x in days) for d in days), default=0)
    start = as_of if week_of(as_of) in met else as_of - timedelta(days=7)
    current_weekly = run_back(start, timedelta(days=7), lambda d: week_of(d) in met)
    longest_weekly = 0
    for s in counted:
        longest_weekly = max(longest_weekly, run_back(session_day(s), timedelta(days=7),
                                                      lambda d: week_of(d) in met))
    reps: dict[str, int] = {}
    for s in counted:
        for r in s.sets:
            if r.done:
                reps[r.exercise] = reps.get(r.exercise, 0) + (r.reps or 0)
    return {"sessions": sum(1 for s in sessions if session_day(s) <= as_of), "counted_sessions": len(counted),
            "current_daily_streak": current_daily, "longest_daily_streak": longest_daily,
            "current_weekly_streak": current_weekly, "longest_weekly_streak": longest_weekly,
            "total_reps": sum(reps.values()), "reps_by_exercise": reps}


@pytest.fixture
def export_500(tmp_path: Path) -> tuple[Path, list]:
    sessions = make_sessions(500, end=AS_OF)
    path = tmp_path / "export.json"
    path.write_text(to_json(sessions))
    return path, sessions


@pytest.mark.parametrize("goal,as_of", [(1, AS_OF), (2, AS_OF), (3, date(2026, 6, 30)), (1, date(2025, 12, 31))])
def test_import_500_then_stats_json_gives_the_rules_figures(export_500, capsys, goal, as_of):
    path, sessions = export_500
    assert main(["import", str(path)]) == 0
    assert "Imported 500 new sessions" in capsys.readouterr().out
    assert main(["stats", "--json", "--as-of", as_of.isoformat(), "--weekly-goal", str(goal)]) == 0
    figures = json.loads(capsys.readouterr().out)
    expected = oracle(sessions, as_of, goal)
    assert figures["as_of"] == as_of.isoformat() and figures["weekly_goal"] == goal
    for key, value in expected.items():
        if key == "reps_by_exercise":
            assert {k: v for k, v in figures[key].items() if v} == {k: v for k, v in value.items() if v}
        else:
            assert figures[key] == value, key
    assert expected["longest_daily_streak"] >= 2 and expected["counted_sessions"] > 100  # a real test


def test_importing_the_same_file_twice_adds_nothing(export_500, paths, capsys):
    path, _ = export_500
    assert main(["import", str(path)]) == 0
    assert main(["import", str(path)]) == 0
    assert "Imported 0 new sessions" in capsys.readouterr().out
    assert len(History(paths.data).load().sessions) == 500


def test_a_session_whose_id_exists_is_left_as_it_is(tmp_path, paths, capsys):
    sessions = make_sessions(3, end=AS_OF)
    History(paths.data).add_many(sessions)
    changed = [s.to_dict() for s in sessions]
    changed[0]["routine_name"] = "Changed elsewhere"
    path = tmp_path / "changed.json"
    path.write_text(json.dumps({"format": "glute-tui-history", "version": 1, "sessions": changed}))
    assert main(["import", str(path)]) == 0
    stored = {s.id: s for s in History(paths.data).load().sessions}
    assert stored[sessions[0].id].routine_name == sessions[0].routine_name


@pytest.mark.parametrize("damage,words", [
    (lambda d: d["sessions"][3]["sets"][1].update(reps=-4), ["sessions[3].sets[1].reps", "whole number"]),
    (lambda d: d["sessions"][7].update(started_at="yesterday"), ["sessions[7].started_at", "ISO 8601"]),
    (lambda d: d["sessions"][2].update(status="done"), ["sessions[2].status", "completed, stopped, recovered"]),
    (lambda d: d["sessions"][5].pop("id"), ["sessions[5].id"]),
    (lambda d: d.update(format="other"), ["format", "glute-tui-history"]),
    (lambda d: d.update(version=9), ["version", "got 9"]),
])
def test_a_bad_file_is_refused_whole_with_the_first_bad_session_and_field(tmp_path, paths, capsys, damage, words):
    doc = json.loads(to_json(make_sessions(10, end=AS_OF)))
    damage(doc)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    assert main(["import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "bad.json" in err and "Nothing was imported" in err and "Traceback" not in err
    for word in words:
        assert word in err
    assert History(paths.data).load().sessions == []


def test_import_of_a_file_that_is_not_json_or_missing_exits_2(tmp_path, capsys):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    assert main(["import", str(path)]) == 2
    assert main(["import", str(tmp_path / "missing.json")]) == 2
    err = capsys.readouterr().err
    assert "not JSON" in err and "missing.json" in err


def test_export_json_is_the_documented_format_and_round_trips(tmp_path, paths, capsys, monkeypatch):
    sessions = make_sessions(20, end=AS_OF)
    History(paths.data).add_many(sessions)
    out = tmp_path / "out.json"
    assert main(["export", "--output", str(out)]) == 0
    doc = json.loads(out.read_text())
    assert doc["format"] == "glute-tui-history" and doc["version"] == 3
    assert doc["sessions"] == [s.to_dict() for s in sorted(sessions, key=lambda s: s.started)]
    assert set(doc["sessions"][0]) <= set(SESSION_COLUMNS) | {"sets"}
    assert set(doc["sessions"][0]) >= set(SESSION_COLUMNS) - {"planned_sets"} | {"sets"}
    assert set(doc["sessions"][0]["sets"][0]) == set(SET_COLUMNS)
    monkeypatch.setenv("GLUTE_TUI_HOME", str(tmp_path / "elsewhere"))
    assert main(["import", str(out)]) == 0
    again = History(tmp_path / "elsewhere" / "data").load().sessions
    assert [s.to_dict() for s in again] == doc["sessions"]


def test_export_csv_has_one_row_per_set(paths, capsys):
    sessions = make_sessions(5, end=AS_OF)
    History(paths.data).add_many(sessions)
    assert main(["export", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.strip().split("\n")
    assert lines[0].split(",") == SESSION_COLUMNS + SET_COLUMNS
    assert len(lines) - 1 == sum(len(s.sets) for s in sessions)


def test_history_shows_recent_sessions_newest_first(paths, capsys):
    History(paths.data).add_many(make_sessions(30, end=AS_OF))
    assert main(["history", "--limit", "5"]) == 0
    out = capsys.readouterr().out
    assert "Recent sessions (5 of 30)" in out
    assert main(["history", "--limit", "0"]) == 2
