"""`import` refuses times that cannot be true: before 2000, more than a day ahead, over 24 hours."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from glute_tui.cli.main import main
from glute_tui.core.exchange import ImportProblem, check_limits, parse_export, to_json
from glute_tui.core.records import RecordError, Session, SetRecord
from glute_tui.store.history import History

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=timezone.utc)
ID = "3f2b8c9e-1d4a-4c5b-9e6f-7a8b9c0d1e2f"


def session(started: str, ended: str, session_id: str = ID) -> Session:
    return Session("short", "Busy-day glutes", started, ended, "completed",
                   [SetRecord("squat", "none", 1, 10, 10, None, "bodyweight", 30.0)], id=session_id)


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


REFUSED = {
    "year-1": ("0001-01-01T00:00:00+00:00", "0001-01-01T00:20:00+00:00", "started_at", "on or after 2000-01-01"),
    "1999": ("1999-12-31T23:30:00+00:00", "2000-01-01T00:10:00+00:00", "started_at", "on or after 2000-01-01"),
    "before-2000-in-its-offset": ("2000-01-01T00:30:00+01:00", "2000-01-01T00:50:00+01:00", "started_at",
                                  "on or after 2000-01-01"),
    "year-9999": ("9999-01-01T07:00:00+00:00", "9999-01-01T07:30:00+00:00", "started_at", "at most a day after now"),
    "two-days-ahead": (iso(NOW + timedelta(days=2)), iso(NOW + timedelta(days=2, minutes=20)), "started_at",
                       "at most a day after now"),
    "ends-two-days-ahead": (iso(NOW), iso(NOW + timedelta(hours=23, minutes=59) + timedelta(days=1)), "ended_at",
                            "at most a day after now"),
    "25-hours": ("2026-11-01T07:00:00+01:00", "2026-11-02T08:00:00+01:00", "ended_at", "at most 24 hours"),
    "10000-years": ("2000-01-01T07:00:00+00:00", "9999-01-01T07:00:00+00:00", "ended_at", "at most a day after now"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_import_refuses_a_time_that_cannot_be_true_naming_the_session_and_field(case):
    started, ended, key, why = REFUSED[case]
    with pytest.raises(RecordError) as caught:
        check_limits(session(started, ended), "sessions[7]", now=NOW)
    message = str(caught.value)
    assert f"sessions[7].{key}" in message and why in message and ID in message


ACCEPTED = {
    "2000-exactly": ("2000-01-01T00:00:00+00:00", "2000-01-01T00:20:00+00:00"),
    "23-hours-ahead": (iso(NOW + timedelta(hours=23)), iso(NOW + timedelta(hours=23, minutes=20))),
    "24-hours-long": ("2026-11-01T07:00:00+01:00", "2026-11-02T07:00:00+01:00"),
    "an-old-clock-bug-ended-first": ("2026-11-03T07:00:00+01:00", "2026-11-01T07:00:00+01:00"),
}


@pytest.mark.parametrize("case", ACCEPTED)
def test_import_takes_times_at_the_limits(case):
    started, ended = ACCEPTED[case]
    check_limits(session(started, ended), "sessions[0]", now=NOW)


def test_one_bad_time_refuses_the_file_whole_and_writes_nothing(tmp_path: Path, paths, capsys):
    good = session("2026-11-20T07:00:00+01:00", "2026-11-20T07:25:00+01:00",
                   "0b7c2a4e-5d6f-4a1b-8c9d-0e1f2a3b4c5d")
    bad = session("9999-01-01T07:00:00+00:00", "9999-01-01T07:30:00+00:00")
    path = tmp_path / "export.json"
    path.write_text(to_json([good, bad]))
    assert main(["import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "sessions[1].started_at" in err and ID in err and "Nothing was imported" in err
    assert History(paths.data).load().sessions == []


def test_parse_export_names_the_file_session_and_field():
    text = json.dumps({"format": "glute-tui-history", "version": 3,
                       "sessions": [session("1990-05-01T07:00:00+02:00", "1990-05-01T07:30:00+02:00").to_dict()]})
    with pytest.raises(ImportProblem) as caught:
        parse_export(text, "old.json")
    assert str(caught.value).startswith("old.json: sessions[0].started_at: must be on or after 2000-01-01")
