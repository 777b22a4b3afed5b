"""Import reads an export a session at a time (core/exchange.py: read_export, check_export,
export_sessions): the same sessions as reading it whole, in pieces of any size, and the same
refusals by kind (deep nesting, huge numbers, text that is not JSON), nothing written unless the
whole file passes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from glute_tui.cli.main import main
from glute_tui.core import exchange
from glute_tui.core.exchange import ImportProblem, check_export, export_sessions, parse_export, to_json
from glute_tui.core.records import Session
from glute_tui.devtools.sample_history import make_sessions
from glute_tui.store.history import History

AS_OF = date(2026, 11, 24)


def pieces(text: str, size: int):
    return lambda: (text[i:i + size] for i in range(0, len(text), size))


@pytest.fixture(scope="module")
def sessions() -> list[Session]:
    sessions = make_sessions(30, end=AS_OF, seed=5)
    sessions[2].note = 'a "quoted", {braced} [note] \\ and é ✓'
    return sessions


@pytest.fixture(scope="module")
def export_text(sessions: list[Session]) -> str:
    return to_json(sessions)


@pytest.fixture(scope="module")
def short_export_text(sessions: list[Session]) -> str:
    """An export of three of those sessions: one with holds, the quoted note with a skipped
    set, a stopped one. In pieces of a few characters the reader tries a session again at each
    piece (a cost that grows with the square of a session's length), so tiny pieces read this."""
    chosen = [sessions[0], sessions[2], sessions[19]]
    assert any(r.hold_s is not None for r in chosen[0].sets) and chosen[2].status == "stopped"
    return to_json(chosen)


@pytest.mark.parametrize("size", [1, 7, 4096, 10 ** 9])
def test_read_in_pieces_of_any_size_gives_the_sessions_of_a_whole_reading(export_text: str, short_export_text: str,
                                                                          size: int):
    text = short_export_text if size < 100 else export_text
    whole = parse_export(text, "e.json")
    info = check_export(pieces(text, size), "e.json")
    assert (info.version, info.sessions) == (exchange.VERSION, 3 if size < 100 else 30)
    assert list(export_sessions(pieces(text, size)(), "e.json", info.version)) == whole


def test_keys_in_another_order_are_read(export_text: str):
    doc = json.loads(export_text)
    text = json.dumps({"sessions": doc["sessions"], "extra": {"a": [1]}, "version": doc["version"],
                       "format": doc["format"]})
    info = check_export(pieces(text, 100), "e.json")
    assert info.sessions == 30
    assert list(export_sessions(pieces(text, 100)(), "e.json", info.version)) == parse_export(text, "e.json")


def test_a_bad_session_after_its_header_is_named(export_text: str):
    doc = json.loads(export_text)
    doc["sessions"][12]["sets"][0]["reps"] = -1
    with pytest.raises(ImportProblem, match=r"e\.json: sessions\[12\]\.sets\[0\]\.reps"):
        check_export(pieces(json.dumps(doc), 50), "e.json")


def test_a_bad_session_before_its_header_is_named_too(export_text: str):
    doc = json.loads(export_text)
    doc["sessions"][4]["status"] = "done"
    text = json.dumps({"sessions": doc["sessions"], "format": doc["format"], "version": doc["version"]})
    with pytest.raises(ImportProblem, match=r"sessions\[4\]\.status"):
        check_export(pieces(text, 50), "e.json")


@pytest.mark.parametrize("text,words", [
    ("", "not JSON"),
    ("hello", "not JSON"),
    ("[1, 2]", "format"),
    ('"glute-tui-history"', "format"),
    ('{"format": "glute-tui-history", "version": 3, "sessions": {}}', "sessions: must be a list"),
    ('{"format": "glute-tui-history", "version": 3}', "sessions: must be a list"),
    ('{"format": "other", "version": 3, "sessions": []}', "format"),
    ('{"format": "glute-tui-history", "version": 99, "sessions": []}', "version"),
    ('{"format": "glute-tui-history", "version": 3, "sessions": [] } trailing', "not JSON"),
    ('{"format": "glute-tui-history", "version": 3, "sessions": [', "not JSON"),
    ('{"format": "glute-tui-history", "version": 3, "sessions": [{"id": ', "not JSON"),
    ('{"format": "glute-tui-history" "version": 3}', "not JSON"),
    ('{"format": "glute-tui-history", "version": 3, "sessions": [' + "[" * 100_000 + "]" * 100_000 + "]}",
     "nested too deeply"),
    ('{"format": "glute-tui-history", "version": 3, "sessions": [' + "9" * 5000 + "]}", "not JSON that can be read"),
])
def test_text_that_is_not_an_export_is_refused_by_kind(text: str, words: str):
    with pytest.raises(ImportProblem, match=words):
        check_export(pieces(text, 333), "e.json")


def test_a_value_larger_than_the_reader_holds_is_refused(export_text: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(exchange, "VALUE_MAX", 500)
    with pytest.raises(ImportProblem, match="a value of more than 500"):
        check_export(pieces(export_text, 100), "e.json")


def test_a_file_refused_half_way_writes_nothing(tmp_path: Path, paths, capsys, export_text: str):
    doc = json.loads(export_text)
    doc["sessions"][-1]["started_at"] = "yesterday"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    assert main(["import", str(path)]) == 2
    assert "sessions[29].started_at" in capsys.readouterr().err
    assert History(paths.data).load().sessions == []


def test_import_reads_a_file_with_a_byte_order_mark_in_small_pieces(tmp_path: Path, paths, capsys,
                                                                     short_export_text: str, monkeypatch):
    monkeypatch.setattr("glute_tui.cli.history.text_chunks",
                        lambda fd, path: __import__("glute_tui.store.safe_read", fromlist=["x"]).text_chunks(
                            fd, path, size=5))
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + short_export_text.encode())
    assert main(["import", str(path)]) == 0
    assert sorted(s.id for s in History(paths.data).load().sessions) == sorted(
        s.id for s in parse_export(short_export_text, "x"))


def test_a_byte_that_is_not_utf8_is_named(tmp_path: Path, paths, capsys, export_text: str):
    path = tmp_path / "latin.json"
    path.write_bytes(export_text.encode()[:200] + b"\xe9" + export_text.encode()[200:])
    assert main(["import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "latin.json" in err and "not UTF-8" in err and "Nothing was imported" in err


def test_an_import_in_batches_saves_every_session_once(tmp_path: Path, paths):
    sessions = make_sessions(120, end=AS_OF, seed=8)
    history = History(paths.data)
    assert history.add_stream(iter(sessions), batch=7) == 120
    assert history.add_stream(iter(sessions + make_sessions(3, end=AS_OF, seed=9)), batch=7) == 3
    assert sorted(s.id for s in history.load().sessions) == sorted(
        [s.id for s in sessions] + [s.id for s in make_sessions(3, end=AS_OF, seed=9)])
