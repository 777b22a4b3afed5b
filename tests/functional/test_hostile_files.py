"""Every damaged-file shape of tests/data/hostile/README.md through every reader.

Readers: a history year file, the journal of a workout, preferences.json, a user routine and
an import file; each through the store's API and the command line (`main([...])` returns 0 or
2 with a message naming the file, and never raises). Expected, as the README promises: the
damaged history file, journal or preferences moved aside (or left alone when it can only not
be read now), a user routine left untouched, the rest still shown, no hang, no traceback.

A hang (a FIFO opened for reading, /dev/zero read to its end) would stop the suite for ever:
an alarm turns it into a failure instead. It is a watchdog, not a measure of speed.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import stat
from datetime import date
from pathlib import Path
from typing import Callable

import pytest

from glute_tui.cli.main import main
from glute_tui.core.records import Session
from glute_tui.devtools.sample_history import make_sessions
from glute_tui.store.history import History
from glute_tui.store.preferences import load_preferences
from glute_tui.store.routine_files import load_all
from glute_tui.store.safe_read import BOM, DATA_MAX_BYTES, SMALL_MAX_BYTES

AS_OF = date(2026, 11, 24)  # the day the sample histories end

UUID = "6f1e1f3e-7c2b-4c9a-9f3e-0d6c1a2b3c4d"


@pytest.fixture(autouse=True)
def watchdog():
    """A reader that hangs fails the test (after a minute) instead of stopping the suite."""
    def hung(signum, frame):
        raise TimeoutError("a reader hung")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


# --- the shapes ------------------------------------------------------------------------------

def good_session(**changes) -> dict:
    session = make_sessions(1, end=AS_OF, seed=7)[0].to_dict()
    session.update(changes)
    return session


def valid_doc(reader: str) -> bytes:
    """A document the reader accepts: what the BOM shape prefixes."""
    if reader == "history":
        return json.dumps({"sessions": {"1": good_session()}}).encode()
    if reader == "journal":
        header = {"type": "session", "id": UUID, "routine": "short", "routine_name": "Busy",
                  "started_at": "2026-11-24T07:30:00+01:00"}
        line = {"type": "set", "step": 1, "at": "2026-11-24T07:31:00+01:00",
                "record": good_session()["sets"][0]}
        return (json.dumps(header) + "\n" + json.dumps(line) + "\n").encode()
    if reader == "preferences":
        return b'{"weekly_goal": 3}'
    if reader == "routine":
        return b'name = "Mine"\n[[exercise]]\nid = "squat"\nsets = 2\nreps = 5\n'
    return json.dumps({"format": "glute-tui-history", "version": 1, "sessions": [good_session()]}).encode()


def is_toml(reader: str) -> bool:
    return reader == "routine"


def content_shapes(reader: str) -> dict[str, bytes]:
    toml = is_toml(reader)
    return {
        "empty": b"",
        "not-utf8": b"\xff\xfe\x00 garbage \xc3\x28",
        "nested": (b"x = " + b"[" * 100_000) if toml else b"[" * 100_000,
        "nested-objects": (b"x = " + b"{a=" * 100_000) if toml else b'{"a":' * 100_000,
        "dotted-key": b"a" + b".a" * 100_000 + b" = 1" if toml else b'{"sessions":' * 50_000,
        "huge-int": (b"name = " + b"7" * 5000) if toml else b'{"sessions": ' + b"7" * 5000 + b"}",
        "wrong-top": b"x = 1" if toml else b"null",
        "list-top": b"[[x]]\ny = 1" if toml else b"[1, 2, 3]",
    }


def place(path: Path, shape: str, reader: str) -> None:
    """Put `shape` where `path` is. File contents come from `content_shapes`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    contents = content_shapes(reader)
    if shape in contents:
        path.write_bytes(contents[shape])
    elif shape == "directory":
        path.mkdir()
        (path / "inside").write_text("x")
    elif shape == "fifo":
        os.mkfifo(path)
    elif shape == "dev-zero":
        path.symlink_to("/dev/zero")
    elif shape == "dangling":
        path.symlink_to(path.parent / "no-such-file")
    elif shape == "loop":
        path.symlink_to(path.name + ".other")
        path.with_name(path.name + ".other").symlink_to(path.name)
    elif shape == "over-the-cap":  # sparse: no disk used
        with open(path, "wb") as handle:
            handle.truncate((SMALL_MAX_BYTES if reader in ("preferences", "routine") else DATA_MAX_BYTES) + 1)
    else:
        raise AssertionError(shape)


FILE_SHAPES = ["directory", "fifo", "dev-zero", "dangling", "loop", "over-the-cap"]


def all_shapes(reader: str) -> list[str]:
    return list(content_shapes(reader)) + FILE_SHAPES


def what_is_there(path: Path) -> tuple | None:
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    body = path.read_bytes() if stat.S_ISREG(info.st_mode) else None
    return (stat.S_IFMT(info.st_mode), info.st_ino, body)


def run_cli(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))  # never raises: that is part of what is tested
    out = capsys.readouterr()
    text = " ".join((out.out + out.err).split())  # as read, not as wrapped to the terminal
    assert "Traceback" not in text
    return code, text


def moved_aside(path: Path) -> list[Path]:
    return list(path.parent.glob(path.name + ".damaged-*"))


# --- a history year file -----------------------------------------------------------------------

@pytest.mark.parametrize("shape", all_shapes("history"))
def test_a_damaged_history_file_is_moved_aside_and_the_rest_shown(paths, capsys, shape):
    history = History(paths.data)
    history.add_many(make_sessions(4, end=AS_OF))  # 2026: fine
    damaged = paths.data / "sessions-2025.json"
    place(damaged, shape, "history")
    before = what_is_there(damaged)
    loaded = History(paths.data).load()
    assert len(loaded.sessions) == 4
    if shape == "empty":  # an empty file holds no session: nothing to report or move
        assert loaded.problems == []
        return
    assert len(loaded.problems) == 1 and "sessions-2025.json" in loaded.problems[0]
    aside = moved_aside(damaged)
    assert len(aside) == 1 and str(aside[0]) in loaded.problems[0]
    assert what_is_there(aside[0])[1:] == before[1:]  # the same file, moved, not rewritten
    code, text = run_cli(capsys, "history")
    assert code == 0 and "4 of 4" in text


@pytest.mark.parametrize("shape", all_shapes("history"))
def test_the_history_command_survives_every_damaged_file(paths, capsys, shape):
    """The first command says what it left out and exits 2 (a script never takes a partial
    history for the whole); the file is then moved aside, and the next ones exit 0."""
    History(paths.data).add_many(make_sessions(2, end=AS_OF))
    place(paths.data / "sessions-2025.json", shape, "history")
    for n, argv in enumerate((["history"], ["stats", "--as-of", "2026-11-24"], ["export"])):
        code, text = run_cli(capsys, *argv)
        if n == 0 and shape != "empty":
            assert code == 2 and "sessions-2025.json" in text and "2 of 2" in text
        else:
            assert code == 0


def test_a_bom_is_read_in_every_reader(paths, capsys, tmp_path):
    (paths.data).mkdir(parents=True)
    (paths.data / "sessions-2026.json").write_bytes(BOM + valid_doc("history"))
    assert len(History(paths.data).load().sessions) == 1
    paths.config.mkdir(parents=True)
    paths.preferences_file.write_bytes(BOM + valid_doc("preferences"))
    assert load_preferences(paths.preferences_file) == (load_preferences(paths.preferences_file)[0], "")
    assert load_preferences(paths.preferences_file)[0].weekly_goal == 3
    paths.routines_dir.mkdir(parents=True)
    (paths.routines_dir / "mine.toml").write_bytes(BOM + valid_doc("routine"))
    assert "mine" in [r.id for r in load_all(paths.routines_dir).routines]
    journal = paths.journal_dir / f"{UUID}.jsonl"
    journal.parent.mkdir(parents=True)
    journal.write_bytes(BOM + valid_doc("journal"))
    assert len(History(paths.data).recover().recovered) == 1
    export = tmp_path / "in.json"
    other = "0c9a4b1e-2f3d-4e5f-8a7b-6c5d4e3f2a1b"
    export.write_bytes(BOM + valid_doc("import").replace(good_session()["id"].encode(), other.upper().encode()))
    code, text = run_cli(capsys, "import", str(export))
    assert code == 0 and "Imported 1 new session" in text


# --- one bad session: skipped, reported, kept untouched (finding 5) ----------------------------

WRONG_TYPES = [None, [], {}, "text", 7, True, [[[[1]]]]]


def wrong_sessions() -> list[tuple[str, object]]:
    """A session with the wrong type at every level: the session, each field, a set, each of
    a set's fields."""
    cases: list[tuple[str, object]] = [(f"session={v!r}", v) for v in WRONG_TYPES]
    base = good_session()
    for key in base:
        for value in (None, [], {"a": 1}, 10**40, "x" * 130):
            cases.append((f"{key}={value!r:.20}", {**base, key: value}))
    for value in (None, 3, "set", []):
        cases.append((f"sets[0]={value!r}", {**base, "sets": [value]}))
    for key in base["sets"][0]:
        for value in (None, [], {"a": 1}, -1, "x" * 130, "\ud800"):
            record = {**base["sets"][0], key: value}
            cases.append((f"sets[0].{key}={value!r:.20}", {**base, "sets": [record]}))
    return cases


def test_one_session_that_is_null_is_skipped_reported_and_the_file_kept(paths):
    """Finding 5: a `null` moved its whole year file aside (126 of 500 sessions vanished)."""
    history = History(paths.data)
    history.add_many(make_sessions(500, end=AS_OF))
    path = history.files()[-1]
    doc = json.loads(path.read_text())
    count = len(doc["sessions"])
    key = list(doc["sessions"])[count // 2]
    doc["sessions"][key] = None
    path.write_text(json.dumps(doc))
    before = path.read_bytes()
    loaded = History(paths.data).load()
    assert len(loaded.sessions) == 499 and len(loaded.problems) == 1
    assert f"session {key}" in loaded.problems[0] and "kept in the file" in loaded.problems[0]
    assert path.read_bytes() == before and not moved_aside(path)
    new = make_sessions(1, end=AS_OF, seed=99)[0]
    assert history.add(new)  # the save rewrites the file: the null stays where it was
    after = json.loads(path.read_text())["sessions"]
    assert after[key] is None and len(after) == count + 1
    assert len(History(paths.data).load().sessions) == 500


@pytest.mark.parametrize("name,bad", wrong_sessions(), ids=[c[0] for c in wrong_sessions()])
def test_a_session_with_a_wrong_type_anywhere_is_skipped_and_kept(paths, capsys, name, bad):
    history = History(paths.data)
    history.add_many(make_sessions(3, end=AS_OF))
    path = history.files()[-1]
    doc = json.loads(path.read_text())
    doc["sessions"]["77"] = bad
    path.write_text(json.dumps(doc))
    before = path.read_bytes()
    loaded = History(paths.data).load()
    if len(loaded.sessions) == 4:  # a harmless change (a longer name is still a session)
        return
    assert len(loaded.sessions) == 3 and len(loaded.problems) == 1 and "session 77" in loaded.problems[0]
    assert path.read_bytes() == before
    code, text = run_cli(capsys, "history")
    assert code == 2 and "3 of 3" in text and "session 77" in text
    history.add(make_sessions(1, end=AS_OF, seed=5)[0])
    assert json.loads(path.read_text(encoding="utf-8"))["sessions"]["77"] == bad  # written back as it was


def test_keys_tinydb_cannot_take_are_written_back_as_they_were(paths):
    history = History(paths.data)
    history.add_many(make_sessions(2, end=AS_OF))
    path = history.files()[-1]
    doc = json.loads(path.read_text())
    doc["sessions"]["abc"] = None
    doc["sessions"]["007"] = good_session(id=UUID)
    doc["sessions"]["9" * 5000] = 1  # a key, not a number: json reads it
    path.write_text(json.dumps(doc))
    assert history.add(make_sessions(1, end=AS_OF, seed=3)[0])
    after = json.loads(path.read_text())["sessions"]
    assert after["abc"] is None and after["007"]["id"] == UUID and after["9" * 5000] == 1
    assert len(after) == 6


# --- the journal -------------------------------------------------------------------------------

@pytest.mark.parametrize("shape", all_shapes("journal"))
def test_a_damaged_journal_is_moved_aside_and_reported(paths, capsys, shape):
    History(paths.data).add_many(make_sessions(2, end=AS_OF))
    journal = paths.journal_dir / f"{UUID}.jsonl"
    place(journal, shape, "journal")
    before = what_is_there(journal)
    recovery = History(paths.data).recover()
    assert recovery.recovered == []
    assert len(recovery.problems) == 1 and journal.name in recovery.problems[0]
    aside = moved_aside(journal)
    assert len(aside) == 1 and str(aside[0]) in recovery.problems[0]
    assert what_is_there(aside[0])[1:] == before[1:]
    code, text = run_cli(capsys, "history")
    assert code == 0 and "2 of 2" in text


# --- preferences.json --------------------------------------------------------------------------

def preference_shapes() -> list[str]:
    return all_shapes("preferences") + ["wrong-goal", "wrong-counting", "huge-text"]


@pytest.mark.parametrize("shape", preference_shapes())
def test_damaged_preferences_give_the_defaults_and_are_moved_aside(paths, capsys, shape):
    path = paths.preferences_file
    if shape == "wrong-goal":
        path.parent.mkdir(parents=True)
        path.write_text('{"weekly_goal": [[[1]]]}')
    elif shape == "wrong-counting":
        path.parent.mkdir(parents=True)
        path.write_text('{"counting": {"a": null}}')
    elif shape == "huge-text":
        path.parent.mkdir(parents=True)
        path.write_text(json.dumps({"weekly_goal": "x" * 500_000}))
    else:
        place(path, shape, "preferences")
    prefs, problem = load_preferences(path)
    assert prefs.weekly_goal == 1 and "preferences.json" in problem and len(problem) < 600
    assert moved_aside(path) and "moved aside" in problem
    code, text = run_cli(capsys, "stats", "--as-of", "2026-11-24")
    assert code == 0 and "weekly goal 1" in text


# --- a user routine ----------------------------------------------------------------------------

@pytest.mark.parametrize("shape", all_shapes("routine"))
def test_a_damaged_user_routine_is_reported_left_alone_and_the_others_load(paths, capsys, shape):
    path = paths.routines_dir / "mine.toml"
    place(path, shape, "routine")
    before = what_is_there(path)
    found = load_all(paths.routines_dir)
    assert [r.id for r in found.routines] == ["article", "knee-friendly", "run-day", "short"]
    assert list(found.faults) == [path] and str(path) in found.faults[path][0]
    assert what_is_there(path) == before  # never moved, never changed
    code, text = run_cli(capsys, "routines", "list")
    assert code == 0 and "mine.toml" in text
    code, text = run_cli(capsys, "routines", "validate", str(path))
    assert code == 2 and "mine.toml" in text
    assert what_is_there(path) == before


# --- an import file ----------------------------------------------------------------------------

@pytest.mark.parametrize("shape", all_shapes("import"))
def test_a_damaged_import_file_is_refused_whole_with_its_name(paths, capsys, tmp_path, shape):
    path = tmp_path / "backup.json"
    place(path, shape, "import")
    code, text = run_cli(capsys, "import", str(path))
    assert code == 2 and "backup.json" in text and "Nothing was imported" in text
    assert History(paths.data).files() == []


# --- the app with all of these at once -----------------------------------------------------------

async def test_the_app_starts_with_every_reader_damaged_and_says_so(paths, clock):
    """Finding 4: deep nesting in a history file, preferences or a routine, a FIFO journal,
    /dev/zero as preferences: the app died at start, or hung."""
    from glute_tui.devtools.scenes import settle
    from glute_tui.ui.app import GluteApp

    History(paths.data).add_many(make_sessions(3, end=AS_OF))
    place(paths.data / "sessions-2025.json", "nested", "history")
    place(paths.data / "sessions-2024.json", "huge-int", "history")
    place(paths.journal_dir / f"{UUID}.jsonl", "fifo", "journal")
    place(paths.preferences_file, "dev-zero", "preferences")
    place(paths.routines_dir / "deep.toml", "nested", "routine")
    place(paths.routines_dir / "dotted.toml", "dotted-key", "routine")
    found = load_all(paths.routines_dir)
    app = GluteApp(found.routines, paths, clock=clock, routine_faults=found.faults,
                   today=lambda: AS_OF, selected="short")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        told = " ".join(n.message for n in app._notifications)
        for name in ("sessions-2025.json", "sessions-2024.json", f"{UUID}.jsonl", "preferences.json",
                     "deep.toml", "dotted.toml"):
            assert name in told, name
    assert len(History(paths.data).load().sessions) == 3


# --- a read-only folder with a damaged file (finding 6) -------------------------------------------

def read_only(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make `folder` behave as on a read-only file system (root ignores chmod): every change
    under it fails with EROFS; reading works."""
    inside = lambda p: str(os.fspath(p)).startswith(str(folder))  # noqa: E731

    def guard(real: Callable, *, writes: Callable[..., bool] = lambda *a, **k: True) -> Callable:
        def wrapper(*args, **kwargs):
            if inside(args[0]) and writes(*args, **kwargs):
                raise OSError(errno.EROFS, "Read-only file system", str(args[0]))
            return real(*args, **kwargs)
        return wrapper

    write_flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
    monkeypatch.setattr(os, "open", guard(os.open, writes=lambda p, flags, *a, **k: bool(flags & write_flags)))
    for name in ("replace", "rename", "unlink", "mkdir", "rmdir", "mkfifo", "symlink", "truncate"):
        monkeypatch.setattr(os, name, guard(getattr(os, name)))


def test_a_read_only_folder_with_a_damaged_file_still_shows_what_can_be_read(paths, capsys, monkeypatch):
    History(paths.data).add_many(make_sessions(6, end=AS_OF))
    damaged = paths.data / "sessions-2025.json"
    damaged.write_text("{ not json")
    (paths.data / "history.lock").unlink()  # made by the save above; a read-only copy has none
    read_only(monkeypatch, paths.data)
    loaded = History(paths.data).load()
    assert len(loaded.sessions) == 6
    assert len(loaded.problems) == 1 and "could not be moved aside" in loaded.problems[0]
    assert damaged.read_text() == "{ not json"
    code, text = run_cli(capsys, "history")  # exit 2: it says what it leaves out
    assert code == 2 and "6 of 6" in text and "sessions-2025.json" in text
    code, text = run_cli(capsys, "stats", "--as-of", "2026-11-24")
    assert code == 2 and "Sessions: 6 counted of 6" in text


async def test_the_app_in_a_read_only_folder_with_a_damaged_file_keeps_running(paths, clock, monkeypatch):
    from glute_tui.devtools.scenes import settle
    from glute_tui.store.routine_files import builtin_routines
    from glute_tui.ui.app import GluteApp

    History(paths.data).add_many(make_sessions(6, end=AS_OF))
    (paths.data / "sessions-2025.json").write_text("[" * 100_000)
    (paths.data / "history.lock").unlink()
    read_only(monkeypatch, paths.data)
    app = GluteApp(builtin_routines(), paths, clock=clock, today=lambda: AS_OF, selected="short")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert any("sessions-2025.json" in n.message for n in app._notifications)
        assert app.is_running


# --- the import: validated whole before anything is written (finding 7) --------------------------

def export_file(tmp_path: Path, sessions: list) -> Path:
    path = tmp_path / "backup.json"
    path.write_text(json.dumps({"format": "glute-tui-history", "version": 1, "sessions": sessions}))
    return path


@pytest.mark.parametrize("case", ["nested", "huge-int", "surrogate-last", "long-name", "long-exercise",
                                  "control-name", "too-many-sets"])
def test_an_import_with_any_bad_session_writes_nothing(paths, capsys, tmp_path, case):
    sessions = [s.to_dict() for s in make_sessions(500, end=AS_OF)]
    if case == "nested":
        sessions[-1]["sets"] = json.loads("[" * 900 + "]" * 900)
        path = export_file(tmp_path, sessions)
        path.write_text(path.read_text().replace('"version": 1', '"deep": ' + "[" * 100_000 + ', "version": 1'))
    elif case == "huge-int":
        path = export_file(tmp_path, sessions)
        path.write_text(path.read_text().replace('"version": 1', '"version": ' + "1" * 5000))
    else:
        last = sessions[-1]
        if case == "surrogate-last":
            last["routine_name"] = "Hips \ud800"
        elif case == "long-name":
            last["routine_name"] = "x" * 1_000_000
        elif case == "long-exercise":
            last["sets"][0]["exercise"] = "e" * 121
        elif case == "control-name":
            last["routine_name"] = "\x1b]0;pwned\x07"
        elif case == "too-many-sets":
            last["sets"] = last["sets"][:1] * 501
        path = export_file(tmp_path, sessions)
    code, text = run_cli(capsys, "import", str(path))
    assert code == 2 and "backup.json" in text and "Nothing was imported" in text
    assert History(paths.data).files() == [] and len(text) < 2000
    if case not in ("nested", "huge-int"):
        assert "sessions[499]" in text


def test_one_uuid_in_five_spellings_is_imported_once(paths, capsys, tmp_path):
    session = good_session(id=UUID)
    spellings = [UUID, UUID.upper(), "{" + UUID + "}", "urn:uuid:" + UUID, UUID.replace("-", "")]
    path = export_file(tmp_path, [{**session, "id": s} for s in spellings])
    code, text = run_cli(capsys, "import", str(path))
    assert code == 0 and "Imported 1 new session" in text
    assert [s.id for s in History(paths.data).load().sessions] == [UUID]
    path = export_file(tmp_path, [{**session, "id": UUID.upper()}])
    code, text = run_cli(capsys, "import", str(path))
    assert "Imported 0 new sessions" in text and "1 already there" in text


def test_a_disk_full_during_an_import_says_how_many_were_imported_and_where(paths, capsys, tmp_path,
                                                                               monkeypatch):
    import glute_tui.store.history as store_history

    sessions = make_sessions(500, end=AS_OF)
    years = sorted({s.started_at[:4] for s in sessions})
    assert len(years) > 1
    real = store_history.atomic_write_chunks
    written: list[Path] = []

    def fills_up(path, chunks, **kwargs):
        if written:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(path)
        return real(path, chunks, **kwargs)

    monkeypatch.setattr(store_history, "atomic_write_chunks", fills_up)
    path = export_file(tmp_path, [s.to_dict() for s in sessions])
    code, text = run_cli(capsys, "import", str(path))
    first = sum(1 for s in sessions if s.started_at[:4] == years[0])
    assert code == 2 and "No space left on device" in text
    assert f"{first} sessions of the 500 in {path}" in text
    assert f"sessions-{years[1]}.json" in text and not text.startswith("glute-tui: :")
    monkeypatch.setattr(store_history, "atomic_write_chunks", real)  # (not undo(): it undoes the home)
    code, text = run_cli(capsys, "import", str(path))  # again, with space: the rest comes in
    assert code == 0 and f"({first} already there)" in text
    assert len(History(paths.data).load().sessions) == 500


def test_an_import_of_a_lone_surrogate_in_history_never_breaks_a_later_save(paths):
    """A hand-edited history with `\\ud800` in a session: the session is skipped and reported;
    the file is still saved to (written with the escape kept), never refused."""
    history = History(paths.data)
    history.add_many(make_sessions(2, end=AS_OF))
    path = history.files()[-1]
    doc = json.loads(path.read_text())
    doc["sessions"]["50"] = good_session(routine_name="x\ud800")
    path.write_text(json.dumps(doc))
    loaded = history.load()
    assert len(loaded.sessions) == 2 and "routine_name" in loaded.problems[0]
    assert history.add(make_sessions(1, end=AS_OF, seed=11)[0])
    assert json.loads(path.read_text(encoding="utf-8"))["sessions"]["50"]["routine_name"] == "x\ud800"


def test_a_file_that_cannot_be_read_now_is_reported_and_left_where_it_is(paths, capsys, monkeypatch):
    """Permission denied (mode 000 for a non-root user; simulated, as tests may run as root):
    not damaged, so never moved aside; the rest is shown; a save to its year is refused, so it
    is never written over."""
    history = History(paths.data)
    history.add_many(make_sessions(4, end=AS_OF))
    locked = paths.data / "sessions-2025.json"
    locked.write_text(json.dumps({"sessions": {"1": good_session()}}))
    paths.config.mkdir(parents=True)
    paths.preferences_file.write_text('{"weekly_goal": 3}')
    before = {p: p.read_bytes() for p in (locked, paths.preferences_file)}
    real_open = os.open

    def denied(path, flags, *args, **kwargs):
        if Path(os.fspath(path)) in before:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    loaded = History(paths.data).load()
    assert len(loaded.sessions) == 4 and len(loaded.problems) == 1
    assert "sessions-2025.json" in loaded.problems[0] and "Permission denied" in loaded.problems[0]
    prefs, problem = load_preferences(paths.preferences_file)
    assert prefs.weekly_goal == 1 and "preferences.json" in problem and "Permission denied" in problem
    session_2025 = Session.from_dict(good_session(id=UUID, started_at="2025-06-01T07:00:00+02:00",
                                                  ended_at="2025-06-01T07:20:00+02:00"))
    with pytest.raises(OSError):
        History(paths.data).add(session_2025)
    code, text = run_cli(capsys, "history")
    assert code == 2 and "4 of 4" in text and "sessions-2025.json" in text
    monkeypatch.setattr(os, "open", real_open)
    assert {p: p.read_bytes() for p in before} == before and not moved_aside(locked)
    assert not moved_aside(paths.preferences_file)
