"""Adding sessions to a year file by splicing bytes (store/year_append.py): the file is the one
TinyDB's insert gives (parsed; byte for byte for a file TinyDB wrote), hostile strings
included; anything unexpected (other bytes than the index's, a file cut short, a table that is
not the last) is left to the ordinary path, which refuses or moves a damaged file aside."""

from __future__ import annotations

import json
import os
import random
import shutil
import uuid
from dataclasses import replace
from datetime import date
from pathlib import Path

import hostile
import pytest
from tinydb import TinyDB

from glute_tui.core.digest import digest, extend
from glute_tui.core.records import Session
from glute_tui.devtools.sample_history import make_sessions
from glute_tui.store.history import TABLE, AtomicJSONStorage, History, ReadOnceStorage, json_chunks
from glute_tui.store.history_index import content_hash, index_path, read_index
from glute_tui.store.year_append import append_info, splice, table_end

AS_OF = date(2026, 11, 24)


def sessions(count: int, seed: int = 5) -> list[Session]:
    return make_sessions(count, end=AS_OF, seed=seed, since=date(2026, 1, 1))


def hostile_sessions() -> list[Session]:
    """A session for each hostile string, in every text a session holds."""
    base = sessions(1, seed=9)[0]
    out = []
    for text in hostile.strings():
        sets = [replace(record, exercise=text, load=text) for record in base.sets]
        out.append(replace(base, id=str(uuid.uuid4()), routine=text, routine_name=text, sets=sets))
    return out


def tinydb_insert(raw: bytes, documents: list[dict], tmp_path: Path) -> bytes:
    """What the ordinary path writes: the file given to TinyDB as History reads it, insert, write."""
    path = tmp_path / "tinydb" / "sessions-2026.json"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(raw)
    data = AtomicJSONStorage(path).read()
    TinyDB(path, data, storage=ReadOnceStorage).table(TABLE).insert_multiple(documents)
    return path.read_bytes()


def spliced(raw: bytes, documents: list[dict]) -> bytes | None:
    info = append_info(json.loads(raw.decode("utf-8-sig")), TABLE)
    assert info is not None
    result = splice(raw, content_hash(raw), info["next_id"], documents)
    if result is None:
        return None
    return b"".join(bytes(piece) for piece in result.pieces(raw))


def written_by_tinydb(docs: list[Session]) -> bytes:
    table = {str(i + 1): s.to_dict() for i, s in enumerate(docs)}
    return "".join(json_chunks({TABLE: table})).encode()


def test_a_spliced_file_is_byte_for_byte_what_tinydbs_insert_writes(tmp_path: Path) -> None:
    raw = written_by_tinydb(sessions(40))
    new = [s.to_dict() for s in sessions(3, seed=11)]
    assert spliced(raw, new) == tinydb_insert(raw, new, tmp_path)


def test_hostile_strings_in_the_sessions_splice_as_tinydb_writes_them(tmp_path: Path) -> None:
    raw = written_by_tinydb(sessions(5))
    new = [s.to_dict() for s in hostile_sessions()]
    out = spliced(raw, new)
    assert out == tinydb_insert(raw, new, tmp_path)
    assert json.loads(out)[TABLE]["6"] == new[0]


@pytest.mark.parametrize("text", [
    '{"sessions": {}}',
    '{"sessions":{}}\n',
    '{\n  "other": {"1": {"a": 1}},\n  "sessions": {\n    "3": {"id": "x"},\n    "9": null\n  }\n}\n',
    '\ufeff{"sessions": {"2": {"id": "a"}, "abc": {"id": "odd"}, "007": 5}}',
    '{"sessions": {"1": {"id": "a \\ud800 b"}}}',
    '{"sessions": {"1": {"n": "}}"}}}  \t\r\n',
])
def test_hand_written_files_splice_to_what_tinydb_would_give_parsed(text: str, tmp_path: Path) -> None:
    raw = text.encode()
    new = [s.to_dict() for s in sessions(2, seed=13)]
    out = spliced(raw, new)
    assert out is not None
    assert json.loads(out.decode("utf-8-sig")) == json.loads(tinydb_insert(raw, new, tmp_path))


@pytest.mark.parametrize("text", [
    '{"sessions": {"1": {"id": "a"}}} x',
    '{"sessions": {"1": {"id": "a"}}]',
    '',
    '}}',
    '{}',
])
def test_a_file_that_does_not_end_as_a_table_of_tables_is_not_spliced(text: str) -> None:
    raw = text.encode()
    assert table_end(raw) is None
    assert splice(raw, content_hash(raw), 2, [{"id": "n"}]) is None


def test_a_file_cut_short_anywhere_is_not_spliced() -> None:
    raw = written_by_tinydb(sessions(2))
    for end in range(len(raw)):
        assert splice(raw[:end], content_hash(raw), 3, [{"id": "n"}]) is None


def test_bytes_other_than_those_the_index_was_made_of_are_not_spliced() -> None:
    raw = written_by_tinydb(sessions(3))
    changed = raw.replace(b'"routine":"', b'"routine":"x', 1)
    assert splice(changed, content_hash(raw), 4, [{"id": "n"}]) is None
    assert splice(raw, content_hash(raw), 4, [{"id": "n"}]) is not None


def test_ids_past_what_tinydb_reads_back_are_not_spliced() -> None:
    raw = b'{"sessions":{"999999999999999999":{}}}'
    info = append_info(json.loads(raw), TABLE)
    assert info == {"next_id": 10 ** 18}
    assert splice(raw, content_hash(raw), info["next_id"], [{"id": "n"}]) is None


def test_no_append_when_the_sessions_table_is_not_the_last() -> None:
    assert append_info({TABLE: {"1": {}}, "_default": {}}, TABLE) is None
    assert append_info({}, TABLE) is None
    assert append_info({"_default": {}, TABLE: {"1": {}, "5": {}, "abc": {}}}, TABLE) == {"next_id": 6}


# --- through History: the index says how, the ordinary path otherwise ------------------------


def saved(folder: Path, docs: list[Session]) -> Path:
    history = History(folder)
    history.add_many(docs)
    list(history.years())  # the index exists
    return folder / "sessions-2026.json"


def test_an_import_appends_without_parsing_the_year_and_keeps_the_index_trusted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "data"
    path = saved(folder, sessions(60))
    before = path.read_bytes()
    new = sessions(2, seed=21)
    expected = tinydb_insert(before, [s.to_dict() for s in new], tmp_path)
    monkeypatch.setattr(Session, "from_dict", None)  # any parse of a session would fail now
    monkeypatch.setattr(AtomicJSONStorage, "read", None)  # and any read of a year by TinyDB
    assert History(folder).add_stream(new) == 2
    monkeypatch.undo()
    assert path.read_bytes() == expected
    kept = read_index(path)
    assert kept is not None and kept[1]["stat"][0] == os.stat(path).st_size
    assert kept[1]["blake2b"] == content_hash(expected)


def test_a_damaged_year_file_is_moved_aside_not_spliced(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    path = saved(folder, sessions(10))
    path.write_bytes(path.read_bytes()[:-1])  # cut short under the index
    new = sessions(1, seed=23)
    assert History(folder).add_stream(new) == 1
    aside = list(folder.glob("sessions-2026.json.damaged-*"))
    assert len(aside) == 1
    assert [s.id for s in History(folder).load().sessions] == [new[0].id]


def test_a_year_file_changed_under_its_index_is_written_the_ordinary_way(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    path = saved(folder, sessions(10))
    data = json.loads(path.read_bytes())
    data["zz"] = {}  # the sessions table is no longer the last: a splice would add to the wrong one
    path.write_text(json.dumps(data))
    new = sessions(1, seed=25)
    assert History(folder).add_stream(new) == 1
    assert new[0].id in {s.id for s in History(folder).load().sessions}
    assert new[0].id in History(folder).year(path).ids()


def test_a_session_already_there_is_skipped_by_id(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    docs = sessions(10)
    path = saved(folder, docs)
    before = path.read_bytes()
    moved = replace(docs[3], started_at=docs[3].started_at.replace("2026", "2025", 1))
    assert History(folder).add_stream([moved, docs[5]]) == 0  # in another year file, even
    assert path.read_bytes() == before


# --- the index grown by sessions that start before others of their day -----------------------


def test_sessions_added_in_any_order_give_the_digest_of_the_whole_year() -> None:
    rng = random.Random(4)
    base = make_sessions(120, end=AS_OF, seed=31, since=date(2026, 11, 1))  # several a day
    for session in base[::2]:  # holds of tenths: float sums that differ with their order
        session.sets = [replace(r, reps=None, hold_s=rng.choice([0.1, 0.2, 0.3, 0.7, 1.1])) for r in session.sets]
    extra = []
    for i in range(40):  # on days that already have sessions, before, between and after them
        other = rng.choice(base)
        start = other.started_at[:11] + f"{rng.randrange(24):02d}:{rng.randrange(60):02d}" + other.started_at[16:]
        extra.append(replace(rng.choice(base), id=f"x{i}", started_at=start, ended_at=start))
    figures, detail, rows = digest(base)
    for i in range(0, len(extra), 7):
        figures, detail, rows = extend(detail, rows, extra[i:i + 7])
        assert (figures, detail, rows) == digest(base + extra[:i + 7])
        assert json.loads(json.dumps(detail)) == detail


def test_an_import_before_others_of_its_day_keeps_the_index_trusted(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    docs = sessions(30)
    path = saved(folder, docs)
    last = docs[-1]
    early = replace(sessions(1, seed=41)[0], started_at=last.started_at[:11] + "00:01" + last.started_at[16:])
    assert History(folder).add_stream([early]) == 1
    kept = read_index(path)
    assert kept is not None and kept[1]["stat"][0] == os.stat(path).st_size
    shutil.rmtree(folder / "index")
    again = History(folder).year(path)
    assert (kept[0].figures, kept[0].detail(), kept[0]._part("rows")) == (
        again.figures, again.detail(), again._part("rows"))
    assert index_path(path).exists()


# --- import's merge looks a few ids up in the index's text, unparsed --------------------------


def test_a_uuid_is_found_in_the_ids_text_only_as_a_whole_element() -> None:
    from glute_tui.store.history_index import has_uuid

    one, two = str(uuid.uuid4()), str(uuid.uuid4())
    near = [f'a"{one}', f"{one}x", f"x{one}", f'{one}"', f"{one},", f'"{one}"', f"\\{one}", one.upper()]
    text = json.dumps(near + [two], separators=(",", ":"), ensure_ascii=False).encode()
    assert not has_uuid(text, one)
    assert has_uuid(text, two)
    assert has_uuid(json.dumps([one]).replace(" ", "").encode(), one)
    assert not has_uuid(b"[]", one)


def test_the_merge_finds_the_same_ids_looked_up_or_parsed(tmp_path: Path) -> None:
    from glute_tui.store.history import KnownIds

    folder = tmp_path / "data"
    docs = make_sessions(50, end=AS_OF, seed=3, since=date(2024, 1, 1))
    docs[0] = replace(docs[0], id="not a uuid, \"quoted\"")
    History(folder).add_many(docs)
    history = History(folder)
    known = history._known_ids(history.files())
    asked = [s.id for s in docs] + [str(uuid.uuid4()) for _ in range(30)] + ["not a uuid"]
    answers = [key in known for key in asked]  # the first FEW looked up, then a parsed set
    assert answers == [True] * 50 + [False] * 31
    assert isinstance(known, KnownIds) and known._ids is not None
    fresh = history._known_ids(history.files())
    assert [key in fresh for key in asked[1:KnownIds.FEW + 1]] == [True] * KnownIds.FEW and fresh._ids is None
