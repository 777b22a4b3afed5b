"""Any terminal, any encoding (issue 22, item 6): every command prints on a stdout of any
encoding, a backup on stdout is the data exactly and whole, and without a terminal the app
says so and exits 2 at once."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from glute_tui.cli.main import build_parser
from glute_tui.core.effort import Pain
from glute_tui.core.exchange import parse_export
from glute_tui.core.records import Session, SetRecord
from glute_tui.store.history import History

pytestmark = pytest.mark.slow  # a process for each command and encoding

NAME = "Fessiers · ×3 — été 🍑"
ENVIRONMENTS = {
    "LC_ALL=C PYTHONUTF8=0": {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"},
    "PYTHONIOENCODING=latin-1": {"PYTHONIOENCODING": "latin-1", "PYTHONUTF8": "0"},
}

# Every command and action of the parser, with what it needs to run. A command added to the
# parser without a line here fails `test_every_command_of_the_parser_is_tried`.
COMMANDS: dict[str, list[str]] = {
    "routines": ["routines"],
    "routines list": ["routines", "list"],
    "routines show": ["routines", "show", "mine"],
    "routines validate": ["routines", "validate", "{routine}"],
    "routines copy": ["routines", "copy", "mine", "mine-copy"],
    "exercises": ["exercises"],
    "exercises list": ["exercises", "list"],
    "exercises show": ["exercises", "show", "monster-walk"],
    "exercises validate": ["exercises", "validate", "{exercises}"],
    "history": ["history"],
    "stats": ["stats", "--as-of", "2026-11-24"],
    "stats --json": ["stats", "--json", "--as-of", "2026-11-24"],
    "export": ["export"],
    "export csv": ["export", "--format", "csv"],
    "export --output": ["export", "--output", "{output}"],
    "import": ["import", "{backup}"],
    "paths": ["paths"],
    "completion": ["completion", "bash"],
    "serve": ["serve", "--help"],  # a server runs until stopped: its help, here
    "suggest": ["suggest"],
    "suggest --json": ["suggest", "--json"],
    "plan": ["plan", "--routine", "mine"],
    "plan --json": ["plan", "--routine", "mine", "--json"],
    "--help": ["--help"],
    "--version": ["--version"],
}


def parser_commands() -> set[str]:
    """Each command of the parser, and each action of a command that has actions."""
    names: set[str] = set()
    parser = build_parser()
    for action in parser._subparsers._group_actions:  # type: ignore[union-attr]
        for name, sub in action.choices.items():
            names.add(name)
            if sub._subparsers is not None:
                for inner in sub._subparsers._group_actions:
                    names.update(f"{name} {choice}" for choice in inner.choices)
    return names


def test_every_command_of_the_parser_is_tried():
    assert parser_commands() <= set(COMMANDS)


@pytest.fixture(scope="module")
def made_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder whose routine, sessions, pain notes and answers are far from ASCII, made
    once for this file (each test works on its own copy), with its backup beside it."""
    home = tmp_path_factory.mktemp("any-terminal") / "home"
    routines = home / "config" / "routines"
    routines.mkdir(parents=True)
    (routines / "mine.toml").write_text(
        f'name = "{NAME}"\ndescription = "Pour courir · après l’hiver"\nget_ready_s = 5\n'
        '[[exercise]]\nid = "clamshell"\nsets = 2\nreps = 12\n', encoding="utf-8")
    (home / "config" / "exercises.toml").write_text(
        '[[exercise]]\nid = "monster-walk"\nname = "Marche du monstre · élastique ×2"\nsides = "alternate"\n'
        'reps = 20\ncues = ["Genoux écartés — toujours"]\n', encoding="utf-8")
    sets = [SetRecord("clamshell", side, n, 12, 12, None, "bodyweight", 40.0, effort="hard")
            for n in (1, 2) for side in ("left", "right")]
    History(home / "data").add_many([
        Session("mine", NAME, f"2026-11-{day:02d}T07:30:00+01:00", f"2026-11-{day:02d}T07:50:00+01:00",
                "completed", list(sets), pain=[Pain("knee", "left", 4)], note="genou gauche · un peu 🦵")
        for day in (18, 20, 23)])
    (home.parent / "backup.json").write_bytes(run(home, ["export"], {}).stdout)
    return home


@pytest.fixture
def home(made_home: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(made_home, tmp_path / "home"))


def run(home: Path, argv: list[str], env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "LC_", "PYTHONIOENCODING"))}
    full.update(GLUTE_TUI_HOME=str(home), **env)
    return subprocess.run([sys.executable, "-m", "glute_tui", *argv], env=full, capture_output=True,
                          timeout=60, stdin=subprocess.DEVNULL, **kwargs)


@pytest.mark.parametrize("environment", ENVIRONMENTS)
@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_prints_on_a_stdout_of_any_encoding(home: Path, made_home: Path, tmp_path: Path, command,
                                                          environment):
    backup = made_home.parent / "backup.json"  # the export of this same folder (`import` reads it)
    assert json.loads(backup.read_bytes())["sessions"]
    values = {"routine": str(home / "config" / "routines" / "mine.toml"),
              "exercises": str(home / "config" / "exercises.toml"), "output": str(tmp_path / "out.json"),
              "backup": str(backup)}
    argv = [arg.format(**values) for arg in COMMANDS[command]]
    done = run(home, argv, ENVIRONMENTS[environment])
    err = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "UnicodeEncodeError" not in err, err
    assert done.returncode == 0, err
    assert done.stdout or done.stderr  # it said something


@pytest.mark.parametrize("environment", ENVIRONMENTS)
def test_a_backup_on_stdout_is_the_data_exactly_in_any_locale(home: Path, environment):
    done = run(home, ["export"], ENVIRONMENTS[environment])
    assert done.returncode == 0
    sessions = parse_export(done.stdout.decode("utf-8"), "stdout")  # UTF-8, as JSON is
    assert {s.routine_name for s in sessions} == {NAME} and sessions[0].note == "genou gauche · un peu 🦵"


@pytest.mark.parametrize("environment", ENVIRONMENTS)
def test_the_tables_replace_what_the_encoding_cannot_show(home: Path, environment):
    done = run(home, ["history"], ENVIRONMENTS[environment])
    out = done.stdout.decode("latin-1")
    assert done.returncode == 0 and "Fessiers" in out and "?" in out


def test_an_export_with_a_damaged_year_is_complete_json_of_the_rest_and_exits_2(home: Path):
    """A history that cannot be read whole: what is read is written, complete, never cut."""
    (home / "data" / "sessions-2025.json").write_text("{not json")
    done = run(home, ["export"], {})
    assert done.returncode == 2
    assert len(json.loads(done.stdout)["sessions"]) == 3  # complete JSON of what could be read


@pytest.mark.parametrize("stdin", ["devnull", "pipe"])
def test_without_a_terminal_the_app_says_so_and_exits_2_at_once(home: Path, stdin):
    full = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    full.update(GLUTE_TUI_HOME=str(home))
    done = subprocess.run([sys.executable, "-m", "glute_tui"], env=full, capture_output=True, timeout=30,
                          stdin=subprocess.DEVNULL if stdin == "devnull" else None,
                          input=None if stdin == "devnull" else b"q\n")
    assert done.returncode == 2
    assert done.stderr.decode() == "glute-tui needs a terminal (for scripts: glute-tui --help)\n"
    assert done.stdout == b""


def test_the_no_terminal_message_is_plain_in_the_c_locale(home: Path):
    done = run(home, [], ENVIRONMENTS["LC_ALL=C PYTHONUTF8=0"])
    assert done.returncode == 2 and b"needs a terminal" in done.stderr

