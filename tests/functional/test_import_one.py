"""`glute-tui import` of a one-session file into an existing history (the index made): a real
process adds the session and changes nothing else (the export after is the export before with
that session in its place, byte for byte), the index stays the one a fresh read makes, and two
processes importing into one folder at once keep both sessions."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from dataclasses import replace
from datetime import date
from pathlib import Path

from glute_tui.core.exchange import json_chunks, parse_export, to_json
from glute_tui.devtools.sample_history import make_sessions
from glute_tui.store.history import History
from glute_tui.store.history_index import index_path, read_index, stat_key

AS_OF = "2026-11-24"


def glute(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GLUTE_TUI_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "glute_tui", *args], env=env, capture_output=True,
                          text=True, timeout=120)


def made(home: Path) -> None:
    sessions = make_sessions(400, end=date(2026, 11, 24), seed=17, since=date(2025, 6, 1))
    History(home / "data").add_stream(sessions)
    assert glute(home, "stats", "--json", "--as-of", AS_OF).returncode == 0  # the index is made


def one_session_file(folder: Path, name: str, start: str) -> tuple[Path, str]:
    session = make_sessions(1, end=date(2026, 11, 24), seed=99)[0]
    session = replace(session, id=str(uuid.uuid4()), started_at=start,
                      ended_at=start[:11] + "23:59:00" + start[19:])
    path = folder / name
    path.write_text(to_json([session]))
    return path, session.id


def test_importing_one_session_adds_it_and_changes_nothing_else(tmp_path: Path) -> None:
    home = tmp_path / "home"
    made(home)
    before = glute(home, "export")
    assert before.returncode == 0
    # on a day that has later sessions: it takes its place among them
    start = json.loads(before.stdout)["sessions"][-1]["started_at"][:11] + "00:05:00+01:00"
    file, new_id = one_session_file(tmp_path, "one.json", start)
    done = glute(home, "import", str(file))
    assert done.returncode == 0, done.stderr
    assert "Imported 1 new session" in done.stdout
    after = glute(home, "export")
    sessions = parse_export(before.stdout, "before") + parse_export(file.read_text(), "one")
    expected = "".join(json_chunks(sorted(sessions, key=lambda s: (s.started, s.id))))
    assert after.stdout.rstrip("\n") == expected.rstrip("\n")
    assert json.loads(after.stdout)["sessions"] != json.loads(before.stdout)["sessions"]
    year = home / "data" / f"sessions-{start[:4]}.json"
    kept = read_index(year)
    assert kept is not None and kept[1]["stat"] == stat_key(os.lstat(year))  # grown, still trusted
    stats = glute(home, "stats", "--json", "--as-of", AS_OF).stdout
    shutil.rmtree(home / "data" / "index")
    assert glute(home, "stats", "--json", "--as-of", AS_OF).stdout == stats
    assert index_path(year).exists()
    again = glute(home, "import", str(file))
    assert "Imported 0 new sessions" in again.stdout and "(1 already there)" in again.stdout
    assert new_id in glute(home, "export").stdout


def test_two_processes_importing_at_once_keep_both_sessions(tmp_path: Path) -> None:
    home = tmp_path / "home"
    made(home)
    files = [one_session_file(tmp_path, f"one-{i}.json", f"2026-11-2{i}T1{i}:00:00+01:00") for i in range(2)]
    env = {**os.environ, "GLUTE_TUI_HOME": str(home)}
    running = [subprocess.Popen([sys.executable, "-m", "glute_tui", "import", str(path)], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE) for path, _ in files]
    for process in running:
        assert process.wait(timeout=120) == 0
    exported = glute(home, "export").stdout
    assert all(session_id in exported for _, session_id in files)
    stats = glute(home, "stats", "--json", "--as-of", AS_OF).stdout
    shutil.rmtree(home / "data" / "index")
    assert glute(home, "stats", "--json", "--as-of", AS_OF).stdout == stats
