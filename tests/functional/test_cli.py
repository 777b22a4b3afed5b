"""The command line as a script sees it: options in either place, output that is not wrapped in a
pipe, units, `paths`, `completion`, and the history commands' answers to a bad path or a damaged file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from glute_tui.cli.main import build_parser, main
from glute_tui.core.records import Session, SetRecord
from glute_tui.devtools.sample_history import make_sessions
from glute_tui.store.history import History
from glute_tui.store.paths import AppPaths
from glute_tui.store.routine_files import data_root

AS_OF = date(2026, 11, 24)


# --- global options after the command -------------------------------------------------------------

@pytest.mark.parametrize("argv", [
    ["history", "--data-dir", "{dir}"],
    ["--data-dir", "{dir}", "history"],
    ["routines", "list", "--data-dir", "{dir}"],
    ["stats", "--json", "--data-dir", "{dir}", "--as-of", "2026-11-24"],
])
def test_data_dir_works_before_or_after_the_command(tmp_path, capsys, argv):
    elsewhere = tmp_path / "elsewhere"
    History(elsewhere / "data").add_many(make_sessions(3, end=AS_OF))
    code = main([arg.format(dir=elsewhere) for arg in argv])
    out = capsys.readouterr().out
    assert code == 0
    if argv[0] == "stats":
        assert json.loads(out)["sessions"] == 3
    elif "history" in argv:
        assert "Recent sessions (3 of 3)" in out


def test_data_dir_given_before_the_command_is_kept_when_not_repeated(tmp_path):
    args = build_parser().parse_args(["--data-dir", str(tmp_path), "history"])
    assert args.data_dir == str(tmp_path)
    args = build_parser().parse_args(["--data-dir", "first", "history", "--data-dir", "second"])
    assert args.data_dir == "second"


@pytest.mark.parametrize("command", ["routines", "history", "stats", "export", "import", "paths"])
def test_every_command_shows_data_dir_in_its_help(capsys, command):
    assert main([command, "--help"]) == 0
    assert "--data-dir DIR" in capsys.readouterr().out


# --- output into a pipe is not wrapped ------------------------------------------------------------

def test_piped_output_is_not_wrapped_at_80_columns(tmp_path):
    """A real pipe (not pytest's capture): a long path and the routines table stay on one line each."""
    folder = tmp_path / ("a-folder-with-a-name-long-enough-to-pass-eighty-columns-" * 2)
    folder.mkdir()
    routine = folder / "mine.toml"
    shutil.copy(data_root() / "routines" / "knee-friendly.toml", routine)
    glute = [sys_executable(), "-m", "glute_tui"]
    out = subprocess.run(glute + ["routines", "validate", str(routine)], capture_output=True, text=True,
                         env=child_env(tmp_path), check=True).stdout
    assert out.count("\n") == 1 and out.rstrip().endswith("about 26:00"), out
    table = subprocess.run(glute + ["routines"], capture_output=True, text=True, env=child_env(tmp_path),
                           check=True).stdout
    knee = [line for line in table.splitlines() if "knee-friendly" in line]
    assert len(knee) == 1 and "Donkey kicks" in knee[0], table


def sys_executable() -> str:
    import sys

    return sys.executable


def child_env(tmp_path: Path) -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "FORCE_COLOR", "TTY_COMPATIBLE")}
    env["GLUTE_TUI_HOME"] = str(tmp_path / "home")
    return env


# --- stats: a hold in seconds ---------------------------------------------------------------------

def hold_session(seconds: float) -> Session:
    return Session(id="b1f2c3d4-0000-4000-8000-000000000001", routine="mine", routine_name="Mine",
                   started_at="2026-11-24T07:00:00+01:00", ended_at="2026-11-24T07:10:00+01:00",
                   status="completed",
                   sets=[SetRecord(exercise="glute-bridge-hold", side="none", set=1, target_reps=None,
                                   reps=None, hold_s=seconds, load="bodyweight", seconds=seconds,
                                   skipped=False)])


def test_stats_prints_hold_seconds_with_their_unit(paths, capsys):
    History(paths.data).add(hold_session(45))
    assert main(["stats", "--as-of", "2026-11-24"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if "glute-bridge-hold" in line)
    assert "45 s held" in row and "45 s" in row.split("held")[1], row
    assert "45 s held" in out.split("By exercise")[0]  # in the totals line too


# --- paths ----------------------------------------------------------------------------------------

def test_paths_prints_where_everything_is_kept(tmp_path, capsys):
    assert main(["paths", "--data-dir", str(tmp_path / "mine")]) == 0
    out = capsys.readouterr().out
    expected = AppPaths.resolve(tmp_path / "mine")
    lines = dict(line.split(":", 1) for line in out.splitlines()[1:])
    assert lines["data"].strip() == str(expected.data)
    assert lines["journal"].strip() == str(expected.journal_dir)
    assert lines["config"].strip() == str(expected.config)
    assert lines["routines"].strip() == str(expected.routines_dir)
    assert lines["preferences"].strip() == str(expected.preferences_file)
    assert Path(lines["built-in routines"].strip(), "article.toml").is_file()
    assert "from --data-dir" in out.splitlines()[0]


# --- export --output ------------------------------------------------------------------------------

def test_export_to_a_folder_names_the_given_path_not_a_temporary_file(tmp_path, paths, capsys):
    History(paths.data).add_many(make_sessions(2, end=AS_OF))
    assert main(["export", "--output", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"cannot write the export to {tmp_path}: it is a folder" in err
    assert ".tmp" not in err and "Traceback" not in err


def test_export_into_a_missing_folder_is_refused_and_creates_nothing(tmp_path, paths, capsys):
    History(paths.data).add_many(make_sessions(2, end=AS_OF))
    target = tmp_path / "missing" / "dir" / "x.json"
    assert main(["export", "--output", str(target)]) == 2
    err = capsys.readouterr().err
    assert str(target) in err and "does not exist" in err
    assert not (tmp_path / "missing").exists()


def test_export_to_a_file_in_an_existing_folder_still_works(tmp_path, paths, capsys):
    History(paths.data).add_many(make_sessions(2, end=AS_OF))
    assert main(["export", "--output", str(tmp_path / "x.json")]) == 0
    assert len(json.loads((tmp_path / "x.json").read_text())["sessions"]) == 2


# --- a damaged history file -----------------------------------------------------------------------

def test_history_on_a_damaged_file_says_what_was_moved_and_exits_2(paths, capsys):
    paths.data.mkdir(parents=True)
    (paths.data / "sessions-2026.json").write_text('{"sessions": {"1": ')
    assert main(["history"]) == 2
    captured = capsys.readouterr()
    assert "No sessions yet" not in captured.out
    assert "sessions-2026.json could not be read" in captured.err and "moved aside to" in captured.err
    assert "No sessions could be read" in captured.err
    assert list(paths.data.glob("sessions-2026.json.damaged-*"))


def test_history_shows_the_readable_years_and_exits_2_when_one_file_is_damaged(paths, capsys):
    History(paths.data).add_many(make_sessions(4, end=date(2025, 6, 1)))
    (paths.data / "sessions-2026.json").write_text("not json")
    assert main(["history"]) == 2
    captured = capsys.readouterr()
    assert "Recent sessions (4 of 4)" in captured.out
    assert "sessions-2026.json could not be read" in captured.err
    assert "leaves out what could not be read" in captured.err
    assert main(["history"]) == 0  # moved aside once, said once: the next run is clean


def test_export_with_a_damaged_file_exits_2_so_a_backup_script_notices(tmp_path, paths, capsys):
    History(paths.data).add_many(make_sessions(4, end=date(2025, 6, 1)))
    (paths.data / "sessions-2026.json").write_text("not json")
    assert main(["export", "--output", str(tmp_path / "backup.json")]) == 2
    assert len(json.loads((tmp_path / "backup.json").read_text())["sessions"]) == 4


# --- shell completion (shtab writes the scripts; each shell completes for real) -------------------

def completion_script(shell: str, capsys) -> str:
    assert main(["completion", shell]) == 0
    return capsys.readouterr().out


def shell_env(tmp_path: Path) -> dict[str, str]:
    """`glute-tui` on the PATH (the ids are completed by asking it), and a data folder of the test's."""
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    env["GLUTE_TUI_HOME"] = str(tmp_path / "home")
    return env


COMPLETIONS = [
    ("glute-tui ro", {"routines"}),
    ("glute-tui routines s", {"show"}),
    ("glute-tui routines show ", {"article", "knee-friendly", "run-day", "short"}),
    ("glute-tui exercises show cl", {"clamshell"}),
    ("glute-tui export --format ", {"json", "csv"}),
    ("glute-tui --data-dir /tmp hi", {"history"}),
    ("glute-tui history --l", {"--limit"}),
    ("glute-tui completion ", {"bash", "zsh", "fish"}),
]

BASH_COMPLETE = """
source "$1"
complete_words() {
    COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
    _shtab_glute_tui
    printf '%s\\n' "${COMPREPLY[@]}"
}
"""


@pytest.mark.parametrize("line,expected", COMPLETIONS)
def test_bash_completes_commands_options_choices_and_ids(tmp_path, capsys, line, expected):
    script = tmp_path / "glute-tui.bash"
    script.write_text(completion_script("bash", capsys))
    words = line.split(" ")
    quoted = " ".join(f"'{w}'" for w in words)
    run = subprocess.run(["bash", "--norc", "--noprofile", "-c", BASH_COMPLETE + f"complete_words {quoted}",
                          "bash", str(script)], capture_output=True, text=True, env=shell_env(tmp_path))
    assert {w.strip() for w in run.stdout.split()} == expected, run.stderr


# An interactive zsh in a pseudo-terminal (zpty): the script is loaded as the README says, the line
# is typed with a Tab, and every candidate zsh's completion system adds is recorded; then a marker.
ZSH_PROBE = r"""
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PROMPT=''"
zpty -w z "autoload -Uz compinit && compinit -u -D"
zpty -w z 'eval "$(cat $SCRIPT)"'
zpty -w z 'compadd () { builtin compadd "$@"; local -a h; builtin compadd -O h "$@"; (( $#h )) && print -r -- "${(j: :)h}" >> $OUT; }'
zpty -n -w z "$LINE"$'	'
for i in {1..1200}; do [[ -s $OUT ]] && break; sleep 0.1; done
zpty -n -w z $'\C-u''print -r -- DONE >> $OUT'$'
'
for i in {1..1200}; do grep -qx DONE $OUT 2>/dev/null && break; sleep 0.1; done
zpty -d z
"""


@pytest.mark.parametrize("line,expected", COMPLETIONS)
def test_zsh_completes_commands_options_choices_and_ids(tmp_path, capsys, line, expected):
    if shutil.which("zsh") is None:
        pytest.skip("zsh is not installed here (.ci/run installs it): the zsh script is not checked")
    script = tmp_path / "_glute-tui"
    script.write_text(completion_script("zsh", capsys))
    subprocess.run(["zsh", "-n", str(script)], check=True)
    out = tmp_path / "candidates"
    env = dict(shell_env(tmp_path), SCRIPT=str(script), OUT=str(out), LINE=line)
    subprocess.run(["zsh", "-f", "-c", ZSH_PROBE], env=env, check=True, timeout=300)
    lines = out.read_text().splitlines()
    assert lines[-1] == "DONE", "zsh never came back from the completion"
    offered = {word for candidates in lines[:-1] for word in candidates.split()}
    assert expected <= offered, lines


@pytest.mark.parametrize("line,expected", COMPLETIONS)
def test_fish_completes_commands_options_choices_and_ids(tmp_path, capsys, line, expected):
    if shutil.which("fish") is None:
        pytest.skip("fish is not installed here (.ci/run installs it): the fish script is not checked")
    path = tmp_path / "glute-tui.fish"
    path.write_text(completion_script("fish", capsys))
    subprocess.run(["fish", "--no-execute", str(path)], check=True)
    out = subprocess.run(["fish", "--no-config", "-c", f"source {path}; complete -C '{line}'"],
                         capture_output=True, text=True, check=True, env=shell_env(tmp_path)).stdout
    assert {entry.split("\t")[0] for entry in out.splitlines()} >= expected, out


def test_ids_for_completion_leave_out_names_a_shell_would_act_on(tmp_path, capsys):
    routines = AppPaths.resolve(str(tmp_path / "home")).routines_dir
    routines.mkdir(parents=True)
    source = (data_root() / "routines" / "short.toml").read_text()
    (routines / "mine.toml").write_text(source)
    (routines / "$(touch pwned).toml").write_text(source)
    assert main(["--data-dir", str(tmp_path / "home"), "routines", "list", "--ids"]) == 0
    ids = capsys.readouterr().out.splitlines()
    assert "mine" in ids and "short" in ids and not any("$" in i for i in ids)


@pytest.mark.parametrize("argv", [["routines", "--ids"], ["routines", "list", "--ids"], ["routines", "--ids", "list"],
                                  ["exercises", "--ids"], ["exercises", "list", "--ids"]])
def test_ids_are_listed_with_or_without_the_word_list_as_the_readme_writes_it(tmp_path, capsys, argv):
    assert main(["--data-dir", str(tmp_path / "home"), *argv]) == 0
    ids = capsys.readouterr().out.splitlines()
    assert ("short" in ids) if argv[0] == "routines" else ("clamshell" in ids and "squat" in ids)
    assert all(" " not in i for i in ids)  # ids alone, not the table


def test_completion_refuses_an_unknown_shell(capsys):
    assert main(["completion", "tcsh"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_paths_shows_a_control_character_in_a_folder_name_visibly(tmp_path, capsys):
    assert main(["paths", "--data-dir", str(tmp_path / "a\x1b[31mred")]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "␛[31mred" in out


@pytest.mark.parametrize("command", [["history"], ["suggest"], ["suggest", "--routine", "short"]])
def test_with_no_history_the_commands_say_how_to_start_in_a_whole_sentence(command, capsys):
    assert main(command) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "run glute-tui with no command and press Enter on a routine." in out
    assert not out.rstrip().endswith("glute-tui")
