"""The history's index (store/history_index.py): made on the first read, used while its year
file is as it was, made again whenever the file changed under it, never trusted over the file;
the figures, rows and ids from it are those of a run without it."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from glute_tui.core.effort import Pain
from glute_tui.core.records import Session
from glute_tui.core.stats import compute
from glute_tui.devtools.sample_history import make_sessions
from glute_tui.services.history import HistoryService, figures_of
from glute_tui.store.history import History
from glute_tui.store.history_index import index_path

AS_OF = date(2026, 11, 24)


def sample(count: int = 300) -> list[Session]:
    sessions = make_sessions(count, end=AS_OF, seed=3)
    for i, session in enumerate(sessions):  # pain (with and without a severity) and efforts too
        if i % 7 == 0:
            session.pain = [Pain("knee", "left", 4), Pain("it-band", "both")]
        elif i % 5 == 0:
            session.pain = []
        if i % 3 == 0 and session.sets:
            session.sets[0].effort = "hard"
    return sessions


def figures(folder: Path, as_of: date = AS_OF, goal: int = 2) -> dict:
    problems: list[str] = []
    stats = figures_of(History(folder), as_of, goal, problems.extend)
    return {"json": stats.to_json(), "work": stats.work_by_day, "pain": stats.pain_by_day,
            "progress": stats.progress_by_exercise, "holds": stats.holds_by_exercise, "problems": problems}


def without_index(folder: Path, as_of: date = AS_OF, goal: int = 2) -> dict:
    """The same figures from the year files alone, as before the index (every session parsed)."""
    stats = compute(History(folder).load().sessions, as_of, goal)
    return {"json": stats.to_json(), "work": stats.work_by_day, "pain": stats.pain_by_day,
            "progress": stats.progress_by_exercise, "holds": stats.holds_by_exercise}


def same(folder: Path, as_of: date = AS_OF) -> bool:
    got = figures(folder, as_of)
    got.pop("problems")
    return got == without_index(folder, as_of)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    History(data).add_many(sample())
    return data


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many sessions were parsed (Session.from_dict) since the test began."""
    count = [0]
    original = Session.from_dict.__func__  # type: ignore[attr-defined]

    def counting(cls, *args, **kwargs):
        count[0] += 1
        return original(cls, *args, **kwargs)

    monkeypatch.setattr(Session, "from_dict", classmethod(counting))
    return count


def year_file(folder: Path) -> Path:
    return sorted(folder.glob("sessions-*.json"))[-1]


@pytest.mark.parametrize("as_of", [AS_OF, date(2026, 3, 15), date(2025, 12, 31), date(2020, 1, 1)])
def test_the_figures_from_the_index_are_those_of_the_files(folder: Path, as_of: date):
    assert same(folder, as_of)  # the first read makes the index
    assert index_path(year_file(folder)).exists()
    assert same(folder, as_of)  # the second reads it


def test_a_year_that_did_not_change_is_not_parsed_again(folder: Path, parses: list[int]):
    figures(folder)
    assert parses[0] == 0  # saving the sessions made the index as it went
    shutil.rmtree(folder / "index")
    figures(folder)
    assert parses[0] == 300
    parses[0] = 0
    figures(folder)
    list(HistoryService(folder).rows())
    assert parses[0] == 0


def test_a_saved_session_grows_its_years_index_without_parsing_the_year(folder: Path, parses: list[int]):
    figures(folder)
    new = make_sessions(1, end=date(2026, 11, 30), seed=11)[0]
    History(folder).add(new)
    parses[0] = 0
    got = figures(folder)
    assert parses[0] == 0
    assert got["json"]["sessions"] == 300  # as of the 24th: the 30th is not counted yet
    assert same(folder, date(2026, 12, 1))
    rows = [row for year in HistoryService(folder).rows(newest_first=True) for row in year]
    assert rows[0].id == new.id


def test_an_edited_year_file_is_read_again(folder: Path):
    figures(folder)
    path = year_file(folder)
    doc = json.loads(path.read_text())
    first = next(iter(doc["sessions"]))
    del doc["sessions"][first]
    path.write_text(json.dumps(doc))
    assert same(folder)
    assert figures(folder)["json"]["sessions"] == without_index(folder)["json"]["sessions"]


def test_a_year_file_replaced_by_another_is_read_again(folder: Path, tmp_path: Path):
    figures(folder)
    other = tmp_path / "other"
    History(other).add_many(make_sessions(40, end=AS_OF, seed=99))
    path = year_file(folder)
    shutil.copy(year_file(other), path.with_suffix(".new"))
    os.replace(path.with_suffix(".new"), path)
    assert same(folder)


def test_same_size_and_mtime_but_other_content_is_read_again(folder: Path):
    figures(folder)
    path = year_file(folder)
    info = os.stat(path)
    text = path.read_text()
    changed = text.replace('"reps":12', '"reps":13', 1)
    assert changed != text and len(changed) == len(text)
    with open(path, "r+") as handle:  # in place: the same inode
        handle.write(changed)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert (os.stat(path).st_size, os.stat(path).st_mtime_ns) == (info.st_size, info.st_mtime_ns)
    assert same(folder)


def test_the_same_bytes_touched_are_re_keyed_not_parsed(folder: Path, parses: list[int]):
    figures(folder)
    path = year_file(folder)
    os.utime(path)  # a new mtime, the same bytes
    parses[0] = 0
    assert same(folder)
    assert parses[0] == 300  # without_index parsed them all; the index path none


@pytest.mark.parametrize("damage", [
    lambda p: p.write_text("{not json"),
    lambda p: p.write_bytes(b""),
    lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),  # torn
    lambda p: p.write_text(p.read_text().replace('"n":', '"n":"x","m":', 1)),  # a forged figure
    lambda p: p.write_text(p.read_text().replace('"knee"', '"elbow"')),  # a pain of no area
    lambda p: p.write_bytes(p.read_bytes()[:-40] + b"x" * 40),  # a damaged part
])
def test_a_damaged_index_is_ignored_and_made_again(folder: Path, damage):
    figures(folder)
    index = index_path(year_file(folder))
    damage(index)
    assert same(folder)
    rows = [row for year in HistoryService(folder).rows() for row in year]
    assert [r.id for r in rows] == [s.id for s in History(folder).load().sessions]


def test_a_foreign_index_is_ignored(folder: Path):
    figures(folder)
    files = sorted(folder.glob("sessions-*.json"))
    shutil.copy(index_path(files[0]), index_path(files[-1]))  # another year's digest
    assert same(folder)


def test_a_damaged_year_file_is_moved_aside_and_its_index_not_used(folder: Path):
    figures(folder)
    path = year_file(folder)
    path.write_text('{"sessions": {"1": ')
    got = figures(folder)
    assert got["problems"] and "moved aside" in got["problems"][0]
    assert not path.exists()
    assert same(folder)


def test_an_index_folder_deleted_is_made_again(folder: Path):
    before = figures(folder)
    shutil.rmtree(folder / "index")
    assert figures(folder) == before


def test_rows_and_count_come_from_the_index_newest_first(folder: Path):
    service = HistoryService(folder)
    assert service.count() == 300
    rows = [row for year in service.rows(newest_first=True) for row in year]
    loaded = History(folder).load().sessions
    assert [r.id for r in rows] == [s.id for s in reversed(loaded)]
    assert service.find(rows[0]) == loaded[-1]


def test_import_merges_by_the_ids_in_the_index(folder: Path, tmp_path: Path):
    figures(folder)
    again = make_sessions(300, end=AS_OF, seed=3)
    assert History(folder).add_many(again) == 0
    assert History(folder).add_many(make_sessions(5, end=AS_OF, seed=12)) == 5
    assert same(folder)


def test_two_copies_saving_in_turn_keep_each_others_sessions_in_the_index(folder: Path):
    one, two = History(folder), History(folder)  # two copies of the app on one folder
    figures(folder)
    added = make_sessions(6, end=date(2026, 12, 20), seed=31)
    for i, session in enumerate(added):
        (one if i % 2 else two).add(session)
        assert same(folder, date(2026, 12, 31))
    ids = {row.id for year in HistoryService(folder).rows() for row in year}
    assert {s.id for s in added} <= ids and len(ids) == 306
    one.delete(added[0].id)  # a delete leaves the index to be made again
    assert same(folder, date(2026, 12, 31))
    assert HistoryService(folder).count() == 305
