"""History and export format version 3: each pain entry carries its severity (0-10 or null).

Versions 1 and 2 still import unchanged and count as before; version 3 round-trips exactly
(tests/unit/test_effort.py: test_a_version_3_export_round_trips_exactly); a bad severity is
refused naming the session and the field; history year files keep it.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from glute_tui.cli.main import main
from glute_tui.core.effort import Pain
from glute_tui.core.exchange import ImportProblem, parse_export, to_csv, to_json
from glute_tui.core.records import Session
from glute_tui.core.stats import compute
from glute_tui.devtools.sample_history import make_sessions
from glute_tui.store.history import History

AS_OF = date(2026, 11, 24)


def sore_sessions(n: int = 12) -> list[Session]:
    sessions = sorted(make_sessions(n, end=AS_OF), key=lambda s: (s.started, s.id))
    for i, session in enumerate(sessions):
        session.pain = [] if i % 3 else [Pain("knee", "right", 4), Pain("it-band", "both", None)]
        for record in session.sets:
            record.effort = ("easy", "right", "hard")[i % 3]
            record.counted_by = "person"
    return sessions


def as_version_2(text: str) -> dict:
    """What glute-tui wrote as version 2: the same, with no severity in any pain entry."""
    doc = json.loads(text)
    doc["version"] = 2
    for item in doc["sessions"]:
        for pain in item["pain"] or ():
            pain.pop("severity", None)
    return doc


def test_a_version_2_export_imports_unchanged_and_counts_as_before(tmp_path, paths):
    sessions = sore_sessions()
    v2 = as_version_2(to_json(sessions))
    path = tmp_path / "v2.json"
    path.write_text(json.dumps(v2))
    assert main(["import", str(path)]) == 0
    loaded = History(paths.data).load().sessions
    assert len(loaded) == len(sessions)
    by_id = {s.id: s for s in loaded}
    for item in v2["sessions"]:  # every field exactly as the file had it; the severity unknown
        assert by_id[item["id"]].to_dict() == item
        assert all(p.severity is None for p in by_id[item["id"]].pain or ())
    before, after = compute(sessions, AS_OF, 2).to_json(), compute(loaded, AS_OF, 2).to_json()
    assert before == after and after["pain_by_area"]["knee"]["right"] == 4


def test_a_version_2_file_with_a_severity_reads_it_as_null():
    doc = as_version_2(to_json(sore_sessions(3)))
    doc["sessions"][0]["pain"][0]["severity"] = "whatever version 2 never had"
    sessions = parse_export(json.dumps(doc), "old.json")
    assert sessions[0].pain == [Pain("knee", "right"), Pain("it-band", "both")]
    assert all(p.severity is None for s in sessions for p in s.pain or ())


def test_a_version_1_export_imports_with_no_pain_at_all(tmp_path, paths):
    sessions = sore_sessions(9)
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
    assert len(loaded) == 9 and all(s.pain is None for s in loaded)
    assert compute(loaded, AS_OF, 2).to_json()["counted_sessions"] == compute(sessions, AS_OF, 2).to_json()["counted_sessions"]


@pytest.mark.parametrize("bad", [11, -1, "abc", "5", 3.5, True, [], {}])
def test_a_bad_severity_is_refused_naming_the_session_and_the_field(bad, tmp_path, paths, capsys):
    doc = json.loads(to_json(sore_sessions(4)))
    doc["sessions"][3]["pain"] = [{"area": "hip", "side": "left", "severity": 2},
                                  {"area": "knee", "side": "right", "severity": bad}]
    with pytest.raises(ImportProblem) as caught:
        parse_export(json.dumps(doc), "bad.json")
    message = str(caught.value)
    assert "bad.json: sessions[3].pain[1].severity" in message and "0 to 10 or null" in message
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    assert main(["import", str(path)]) == 2  # the whole file refused, nothing written
    assert "sessions[3].pain[1].severity" in capsys.readouterr().err
    assert History(paths.data).load().sessions == []


@pytest.mark.parametrize("good", [0, 3, 10, None])
def test_every_severity_from_0_to_10_and_null_is_accepted(good):
    doc = json.loads(to_json(sore_sessions(1)))
    doc["sessions"][0]["pain"] = [{"area": "shin", "side": "both", "severity": good}]
    assert parse_export(json.dumps(doc), "ok.json")[0].pain == [Pain("shin", "both", good)]


def test_a_history_year_file_keeps_the_severity_through_an_edit(paths):
    history = History(paths.data)
    sessions = sore_sessions(4)
    history.add_many(sessions)
    raw = json.loads(history.files()[-1].read_text())
    assert {"area": "knee", "side": "right", "severity": 4} in [
        p for doc in raw["sessions"].values() for p in doc["pain"] or ()]
    edited = history.load().sessions[-1]
    edited.pain = [Pain("ankle", "left", 9)]
    assert history.update(edited)
    assert history.load().sessions[-1].pain == [Pain("ankle", "left", 9)]


def test_csv_writes_a_known_severity_after_the_side():
    text = to_csv(sore_sessions(3))
    assert "knee:right:4; it-band:both" in text


def test_a_pain_is_labelled_with_its_severity_out_of_ten_when_known():
    assert Pain("knee", "right", 6).severity_label == "right knee 6/10"
    assert Pain("knee", "right", 6).label == "right knee"
    assert Pain("lower-back", "both").severity_label == "lower back (both sides)"


def test_a_null_severity_in_version_3_reads_as_unknown_and_is_written_without_it():
    doc = json.loads(to_json(sore_sessions(1)))
    doc["sessions"][0]["pain"] = [{"area": "hip", "side": "left", "severity": None}]
    (session,) = parse_export(json.dumps(doc), "v3.json")
    assert session.pain == [Pain("hip", "left")] and session.to_dict()["pain"] == [{"area": "hip", "side": "left"}]
