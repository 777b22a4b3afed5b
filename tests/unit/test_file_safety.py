"""Files glute-tui writes: random temporary names that refuse planted files and links, private
modes, a person's own mode kept, `export --output` that only ever replaces a regular file, and
CSV cells that a spreadsheet never runs as formulas (findings 8 and 9 of issue 12)."""

from __future__ import annotations

import csv
import io
import os
import stat
from datetime import date
from pathlib import Path

import pytest

import glute_tui.store.atomic as atomic
from glute_tui.cli.main import main
from glute_tui.core.exchange import to_csv
from glute_tui.core.records import Session, SetRecord
from glute_tui.devtools.sample_history import make_sessions
from glute_tui.store.atomic import atomic_write_text, clean_orphans
from glute_tui.store.history import History

AS_OF = date(2026, 11, 24)  # the day the sample histories end


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def run_cli(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    text = " ".join((out.out + out.err).split())
    assert "Traceback" not in text
    return code, text


# --- temporary files ---------------------------------------------------------------------------

def test_a_link_planted_at_the_old_predictable_name_is_never_written_through(paths, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    paths.data.mkdir(parents=True)
    target = paths.data / "sessions-2026.json"
    (paths.data / f".{target.name}.{os.getpid()}.tmp").symlink_to(victim)  # the old name
    History(paths.data).add_many(make_sessions(3, end=AS_OF))
    assert victim.read_text() == "precious"


def test_a_file_or_link_at_the_chosen_temporary_name_is_refused_and_another_name_taken(tmp_path, monkeypatch):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    names = iter(["aaaaaaaa", "aaaaaaaa", "bbbbbbbb"])
    monkeypatch.setattr(atomic, "random_part", lambda: next(names))
    target = tmp_path / "out.json"
    (tmp_path / f".out.json.{os.getpid()}.aaaaaaaa.tmp").symlink_to(victim)
    atomic_write_text(target, "new")
    assert victim.read_text() == "precious" and target.read_text() == "new"
    assert os.path.islink(tmp_path / f".out.json.{os.getpid()}.aaaaaaaa.tmp")


def test_temporary_names_are_random_and_still_carry_the_pid(tmp_path, monkeypatch):
    seen = []
    real = os.replace

    def spy(src, dst):
        seen.append(Path(src).name)
        return real(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    for _ in range(3):
        atomic_write_text(tmp_path / "x.json", "{}")
    assert len(set(seen)) == 3 and all(f".x.json.{os.getpid()}." in name for name in seen)


def test_orphans_of_dead_writers_are_cleaned_in_both_name_forms(tmp_path):
    dead = 2**22 + 12345  # above the default pid_max: no process has it
    for name in (f".a.json.{dead}.tmp", f".b.json.{dead}.0123abcd.tmp", f".c.json.{os.getpid()}.0123abcd.tmp"):
        (tmp_path / name).write_text("x")
    assert clean_orphans(tmp_path) == 2
    assert [p.name for p in tmp_path.iterdir()] == [f".c.json.{os.getpid()}.0123abcd.tmp"]


def test_history_lock_is_never_created_through_a_link(paths, tmp_path):
    paths.data.mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere.lock"
    (paths.data / "history.lock").symlink_to(elsewhere)
    with pytest.raises(OSError):
        History(paths.data).add(make_sessions(1, end=AS_OF)[0])
    assert not elsewhere.exists()


# --- modes -------------------------------------------------------------------------------------

def test_new_files_are_private_and_new_folders_too(paths):
    os.umask(0o022)
    history = History(paths.data)
    history.add_many(make_sessions(3, end=AS_OF))
    journal = history.start_journal(Session("short", "Busy", "2026-11-24T07:30:00+01:00",
                                            "2026-11-24T07:30:00+01:00", "stopped"))
    try:
        for path in history.files() + [journal.path, paths.data / "history.lock"]:
            assert mode(path) == 0o600, path
        for folder in (paths.data, paths.journal_dir, paths.data.parent):
            assert mode(folder) == 0o700, folder
    finally:
        journal.close(remove=True)
    from glute_tui.core.preferences import Preferences
    from glute_tui.store.preferences import save_preferences

    save_preferences(paths.preferences_file, Preferences())
    assert mode(paths.preferences_file) == 0o600 and mode(paths.config) == 0o700


def test_a_file_the_person_made_0640_keeps_its_mode_when_saved_again(paths):
    history = History(paths.data)
    history.add(make_sessions(1, end=AS_OF)[0])
    path = history.files()[0]
    os.chmod(path, 0o640)
    history.add(make_sessions(2, end=AS_OF, seed=4)[1])
    assert mode(path) == 0o640


# --- export --output ---------------------------------------------------------------------------

@pytest.fixture
def some_history(paths):
    History(paths.data).add_many(make_sessions(3, end=AS_OF))


def test_export_to_a_folder_is_refused_naming_the_path_given(capsys, tmp_path, some_history):
    folder = tmp_path / "backups"
    folder.mkdir()
    code, text = run_cli(capsys, "export", "--output", str(folder))
    assert code == 2 and f"{folder}: it is a folder" in text and list(folder.iterdir()) == []
    code, text = run_cli(capsys, "export", "--output", str(tmp_path / "new") + "/")
    assert code == 2 and "it is a folder" in text and not (tmp_path / "new").exists()


def test_export_into_a_missing_folder_is_refused_and_no_folder_made(capsys, tmp_path, some_history):
    target = tmp_path / "missing" / "dir" / "x.json"
    code, text = run_cli(capsys, "export", "--output", str(target))
    assert code == 2 and str(target) in text and "does not exist" in text
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize("kind", ["symlink", "fifo", "dangling"])
def test_export_never_replaces_what_is_not_a_regular_file(capsys, tmp_path, some_history, kind):
    target = tmp_path / "out.json"
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    if kind == "symlink":
        target.symlink_to(victim)
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to(tmp_path / "nothing")
    before = os.lstat(target)
    code, text = run_cli(capsys, "export", "--output", str(target))
    assert code == 2 and f"{target}: it is a" in text and "not replaced" in text
    assert os.lstat(target).st_ino == before.st_ino and victim.read_text() == "precious"


def test_export_replaces_a_regular_file_and_keeps_its_mode(capsys, tmp_path, some_history):
    target = tmp_path / "out.json"
    target.write_text("old")
    os.chmod(target, 0o644)
    code, text = run_cli(capsys, "export", "--output", str(target))
    assert code == 0 and '"glute-tui-history"' in target.read_text() and mode(target) == 0o644
    fresh = tmp_path / "fresh.csv"
    assert run_cli(capsys, "export", "--format", "csv", "--output", str(fresh))[0] == 0
    assert mode(fresh) == 0o600


# --- CSV (finding 9) ---------------------------------------------------------------------------

@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_that_a_spreadsheet_would_run_get_a_quote(start):
    text = start + "cmd|' /C calc'!A0"
    record = SetRecord(text, "none", 1, 10, 10, None, text, 12.5)
    session = Session(text, text, "2026-11-24T07:30:00+01:00", "2026-11-24T07:40:00+01:00", "completed",
                      [record])
    rows = list(csv.DictReader(io.StringIO(to_csv([session]), newline="")))
    for column in ("routine", "routine_name", "exercise", "load"):
        assert rows[0][column] == "'" + text
    assert rows[0]["reps"] == "10" and rows[0]["seconds"] == "12.5" and rows[0]["set"] == "1"


def test_csv_leaves_ordinary_cells_and_numbers_as_they_are():
    sessions = make_sessions(20, end=AS_OF)
    rows = list(csv.DictReader(io.StringIO(to_csv(sessions))))
    assert not any(value.startswith("'") for row in rows for value in row.values())
    numeric = ("set", "target_reps", "reps", "hold_s", "seconds")
    assert all(not row[c].startswith("-") for row in rows for c in numeric)  # none is negative


class SyncSpy:
    """Each `os.fsync`, as what its descriptor was (a file or a folder), and each `os.replace`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.events: list[str] = []
        real_fsync, real_replace = os.fsync, os.replace

        def fsync(fd: int) -> None:
            kind = "folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"
            self.events.append(f"fsync {kind}")
            real_fsync(fd)

        def replace(source, target) -> None:
            self.events.append("replace")
            real_replace(source, target)

        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "replace", replace)


def test_a_save_syncs_the_new_file_before_the_rename_and_the_folder_after(tmp_path: Path, monkeypatch):
    spy = SyncSpy(monkeypatch)
    atomic_write_text(tmp_path / "sessions-2026.json", "{}")
    assert spy.events == ["fsync file", "replace", "fsync folder"]


def test_each_journaled_set_and_a_saved_session_are_synced(tmp_path: Path, monkeypatch):
    from glute_tui.store.recorder import Recorder

    history = History(tmp_path / "data")
    session = Session("article", "Runner's glute routine", "2026-11-24T07:30:00+01:00",
                      "2026-11-24T07:50:00+01:00", "completed")
    spy = SyncSpy(monkeypatch)
    recorder = Recorder(history, session)
    record = SetRecord("clamshell", "left", 1, 15, 15, None, "bodyweight", 30.0)
    recorder.set_finished(1, record)
    recorder._pool.submit(lambda: None).result(timeout=10)  # the set is in the journal
    journaled = list(spy.events)
    assert "fsync file" in journaled  # the set line is on the disk before the next one
    assert recorder.finish("completed", [record]).result(timeout=10).saved
    saved = spy.events[len(journaled):]
    assert "fsync file" in saved and saved.index("fsync file") < saved.index("replace")  # the year file
    assert "fsync folder" in saved[saved.index("replace"):]
