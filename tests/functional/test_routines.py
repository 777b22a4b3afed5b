"""Loading and validating routine files, and the `routines` commands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from glute_tui.cli.main import main
from glute_tui.core.plan import build_plan
from glute_tui.core.routines import SIDES, RoutineError
from glute_tui.store.routine_files import builtin_routines, load_catalogue, load_routine

GOOD = """\
name = "Mine"
get_ready_s = 5
[[exercise]]
id = "squat"
sets = 2
reps = 10
rest_s = 30
load = "band:light"
[[exercise]]
id = "glute-bridge"
sets = 1
hold_s = 20
"""

# Each broken file: what it says, and the words its message must hold (file, field, allowed).
BROKEN = {
    "syntax": ('name = "x"\n[[exercise]\n', ["not valid TOML"]),
    "unknown exercise": (GOOD.replace('id = "squat"', 'id = "burpee"'),
                         ["exercise[1].id", "unknown exercise 'burpee'", "squat"]),
    "missing sets": (GOOD.replace("sets = 2\n", ""), ["exercise[1].sets", "missing", "1 to 20"]),
    "reps zero": (GOOD.replace("reps = 10", "reps = 0"), ["exercise[1].reps", "1 to 200", "got 0"]),
    "negative rest": (GOOD.replace("rest_s = 30", "rest_s = -5"), ["exercise[1].rest_s", "0 to 600", "got -5"]),
    "rest as text": (GOOD.replace("rest_s = 30", 'rest_s = "abc"'), ["exercise[1].rest_s", "got 'abc'"]),
    "bad load": (GOOD.replace('"band:light"', '"band:purple"'), ["exercise[1].load", "band:<extra-light|light"]),
    "reps and hold": (GOOD.replace("hold_s = 20", "hold_s = 20\nreps = 5"), ["exercise[2]", "not both"]),
    "no name": (GOOD.replace('name = "Mine"\n', ""), ["name", "missing"]),
    "no exercises": ('name = "x"\n', ["exercise", "at least one"]),
    "float sets": (GOOD.replace("sets = 2", "sets = 2.5"), ["exercise[1].sets", "whole number"]),
    "unknown field": (GOOD.replace("sets = 2", "sets = 2\nrepz = 3"), ["exercise[1].repz", "unknown field"]),
    "bad sides": (GOOD.replace("sets = 2", 'sets = 2\nsides = "up"'), ["exercise[1].sides", ", ".join(SIDES)]),
    "tempo too slow": (GOOD.replace("sets = 2", "sets = 2\ntempo_s = 60"), ["exercise[1].tempo_s", "1 to 10"]),
    "get ready negative": (GOOD.replace("get_ready_s = 5", "get_ready_s = -1"), ["get_ready_s", "0 to 120"]),
}


def test_builtin_routines_load_and_the_article_routine_comes_first():
    routines = builtin_routines()
    assert [r.id for r in routines] == ["article", "knee-friendly", "run-day", "short"]
    article = routines[0]
    assert [i.id for i in article.exercises] == ["squat", "single-leg-deadlift", "lunge", "clamshell",
                                                 "glute-bridge"]
    knee = routines[1]
    assert not {"squat", "lunge"} & {i.id for i in knee.exercises}


def test_the_run_day_routine_is_about_five_minutes_of_low_load_hip_work_kind_to_knees():
    catalogue = load_catalogue()
    run_day = next(r for r in builtin_routines() if r.id == "run-day")
    assert [i.id for i in run_day.exercises] == ["glute-bridge", "clamshell", "side-lying-leg-lift"]
    assert 4 * 60 <= build_plan(run_day).total_s <= 6 * 60  # about 5 minutes
    assert all(str(i.load) == "bodyweight" and i.sets <= 2 for i in run_day.exercises)  # low load
    assert all(catalogue[i.id].knee_friendly for i in run_day.exercises)
    assert "before a run" in run_day.description.lower()


def test_catalogue_has_every_exercise_of_the_design_with_cues_and_muscles():
    catalogue = load_catalogue()
    assert set(catalogue) == {"squat", "single-leg-deadlift", "lunge", "clamshell", "glute-bridge",
                              "single-leg-glute-bridge", "bridge-clamshell", "side-lying-leg-lift",
                              "fire-hydrant", "donkey-kick"}
    for exercise in catalogue.values():
        assert exercise.cues and exercise.muscles and exercise.steps
    assert catalogue["lunge"].sides == "alternate" and catalogue["clamshell"].sides == "both"


def test_a_good_file_loads_with_its_load_and_hold(tmp_path: Path):
    path = tmp_path / "mine.toml"
    path.write_text(GOOD)
    routine = load_routine(path)
    assert routine.id == "mine" and routine.exercises[0].load.label == "light band"
    assert routine.exercises[1].is_hold and build_plan(routine).total_s == 5 + 30 + 30 + 30 + 60 + 20  # ready, set, rest, set, between, hold


@pytest.mark.parametrize("fault", sorted(BROKEN))
def test_each_broken_file_names_file_field_and_what_is_allowed(tmp_path: Path, fault: str, capsys):
    text, words = BROKEN[fault]
    path = tmp_path / "broken.toml"
    path.write_text(text)
    with pytest.raises(RoutineError) as caught:
        load_routine(path)
    message = str(caught.value)
    assert str(path) in message
    for word in words:
        assert word in message
    assert main(["routines", "validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "broken.toml" in err and "Traceback" not in err


def test_validate_reports_every_fault_at_once(tmp_path: Path, capsys):
    path = tmp_path / "many.toml"
    path.write_text(GOOD.replace("reps = 10", "reps = 0").replace("rest_s = 30", "rest_s = -5")
                    .replace('id = "glute-bridge"', 'id = "nope"'))
    assert main(["routines", "validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "exercise[1].reps" in err and "exercise[1].rest_s" in err and "exercise[2].id" in err


def test_validate_accepts_a_good_file(tmp_path: Path, capsys):
    path = tmp_path / "mine.toml"
    path.write_text(GOOD)
    assert main(["routines", "validate", str(path)]) == 0
    assert "valid" in capsys.readouterr().out


def test_missing_file_and_unknown_id_exit_2(tmp_path: Path, capsys):
    assert main(["routines", "validate", str(tmp_path / "nope.toml")]) == 2
    assert main(["routines", "show", "no-such-routine"]) == 2
    err = capsys.readouterr().err
    assert "no such file" in err and "known ids: article" in err


def test_routines_lists_builtins_and_reports_a_broken_user_file(paths, capsys):
    paths.routines_dir.mkdir(parents=True)
    (paths.routines_dir / "mine.toml").write_text(GOOD)
    (paths.routines_dir / "bad.toml").write_text(GOOD.replace("reps = 10", "reps = -1"))
    assert main(["routines"]) == 0
    out = capsys.readouterr().out
    for word in ("article", "knee-friendly", "short", "mine", "user", "not loaded", "bad.toml"):
        assert word in out


def test_routines_show_prints_the_plan(capsys):
    assert main(["routines", "show", "short"]) == 0
    out = capsys.readouterr().out
    assert "Busy-day glutes" in out and "Switch sides" in out and "Glute bridge, 30 s hold" in out


def test_bad_option_value_exits_2_without_traceback():
    result = subprocess.run([sys.executable, "-m", "glute_tui", "routines", "show"],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr and "usage" in result.stderr


def test_version_and_help_explain_the_commands():
    help_text = subprocess.run([sys.executable, "-m", "glute_tui", "--help"], capture_output=True, text=True)
    assert help_text.returncode == 0
    for word in ("--routine", "--data-dir", "routines"):
        assert word in help_text.stdout
    version = subprocess.run([sys.executable, "-m", "glute_tui", "--version"], capture_output=True, text=True)
    assert version.stdout.startswith("glute-tui ")


def test_the_core_imports_no_textual():
    """The pure core must load with Textual blocked, so it stays testable without a terminal."""
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'textual' or name.startswith('textual.'):\n"
        "            raise ImportError('textual is blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import glute_tui.core.routines, glute_tui.core.plan, glute_tui.core.engine, glute_tui.store.history\n"
        "import glute_tui.core.records, glute_tui.store.journal, glute_tui.store.recorder, glute_tui.core.display\n"
        "import glute_tui.core.results, glute_tui.core.cues, glute_tui.store.paths, glute_tui.cli.main\n"
        "from glute_tui.cli.main import main\n"
        "assert main(['routines']) == 0\n"
        "print('core ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "core ok" in result.stdout
