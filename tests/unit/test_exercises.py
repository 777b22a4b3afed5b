"""The figures of the moves, and a person's own exercises: files, messages, timing, the command."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from glute_tui.cli.main import main
from glute_tui.core.figures import (
    ALTERNATE,
    FIGURE_COLS,
    FIGURE_ROWS,
    NEUTRAL_ID,
    STILL,
    TEMPO,
    Motion,
    frame_at,
    parse_figures,
)
from glute_tui.store.routine_files import data_root, load_all, load_catalogue, load_figures

BUILTIN_IDS = ["squat", "single-leg-deadlift", "lunge", "clamshell", "glute-bridge", "single-leg-glute-bridge",
               "bridge-clamshell", "side-lying-leg-lift", "fire-hydrant", "donkey-kick"]


# --- the shipped figures -----------------------------------------------------------------------

def test_the_catalogue_is_the_ten_moves_of_the_article():
    assert list(load_catalogue()) == BUILTIN_IDS


@pytest.mark.parametrize("exercise_id", BUILTIN_IDS)
@pytest.mark.parametrize("style", ["unicode", "ascii"])
def test_every_built_in_exercise_has_two_frames_of_one_size_within_the_limit(exercise_id, style):
    figure = load_catalogue()[exercise_id].figure
    assert figure is not None and figure.id == exercise_id  # its own drawing, not the neutral one
    frames = figure.frames(style == "unicode")
    assert len(frames) >= 2
    sizes = {(max(len(line) for line in frame), len(frame)) for frame in frames}
    assert len(sizes) == 1, sizes
    cols, rows = sizes.pop()
    assert cols <= FIGURE_COLS and rows <= FIGURE_ROWS
    assert all(len(line) == cols for frame in frames for line in frame)  # padded: a block, not a ragged edge
    assert frames[0] != frames[1]  # the move moves
    if style == "ascii":
        assert all(line.isascii() for frame in frames for line in frame)
    else:
        assert any(not line.isascii() for frame in frames for line in frame)


def test_the_figures_file_is_read_from_the_data_folder_and_has_the_neutral_figure():
    text = (data_root() / "figures.toml").read_text(encoding="utf-8")
    figures, faults = parse_figures(tomllib.loads(text), Path("figures.toml"))
    assert not faults
    assert NEUTRAL_ID in figures and set(BUILTIN_IDS) <= set(figures)


@pytest.mark.parametrize("frames,words", [
    (["a\nb", "c"], "same number of lines"),
    (["x" * (FIGURE_COLS + 1), "y"], f"the most is {FIGURE_COLS} x {FIGURE_ROWS}"),
    (["\n".join("x" * (FIGURE_ROWS + 1)), "\n".join("y" * (FIGURE_ROWS + 1))], "the most is"),
    (["only one"], "has 1 frame(s)"),
    (["a\tb", "c d"], "control character"),
    ("not a list", "must be a list of 2-8 frames"),
])
def test_an_ill_sized_or_broken_frame_is_one_clear_fault_naming_the_file_and_field(frames, words):
    doc = {"figure": [{"id": "x", "unicode": frames, "ascii": ["a", "b"]}]}
    figures, faults = parse_figures(doc, Path("figs.toml"))
    assert "x" not in figures
    assert len(faults) >= 1 and all(f.startswith("figs.toml: figure[1].unicode") for f in faults), faults
    assert any(words in f for f in faults), faults


def test_an_ascii_frame_with_unicode_is_refused():
    _, faults = parse_figures({"figure": [{"id": "x", "unicode": ["a", "b"], "ascii": ["●", "o"]}]}, Path("f"))
    assert faults == ["f: figure[1].ascii[1]: U+25CF is not ASCII; the ascii frames are for terminals "
                      "without Unicode"]


# --- which frame, when ---------------------------------------------------------------------------

def test_to_the_tempo_the_figure_goes_down_on_the_first_half_of_a_rep_and_up_on_the_second():
    tempo = Motion(TEMPO, 3.0)
    assert frame_at(tempo, 2, 0.0) == (1, 1.5)  # the rep starts: go to the end of the move
    assert frame_at(tempo, 2, 1.49) == (1, 1.5)
    assert frame_at(tempo, 2, 1.5) == (0, 3.0)  # the half-rep: come back
    assert frame_at(tempo, 2, 2.99) == (0, 3.0)
    assert frame_at(tempo, 2, 3.0) == (1, 4.5)  # the next rep
    assert frame_at(tempo, 3, 0.0) == (1, 1.0) and frame_at(tempo, 3, 2.0) == (0, 3.0)


def test_alternating_starts_on_the_first_frame_and_still_never_changes():
    slow = Motion(ALTERNATE, 2.0)
    assert [frame_at(slow, 2, t)[0] for t in (0, 1.9, 2, 3.9, 4)] == [0, 0, 1, 1, 0]
    assert frame_at(slow, 2, 0.5)[1] == 2.0
    assert frame_at(Motion(STILL, still_frame=1), 2, 100.0) == (1, None)


# --- a person's own exercises ------------------------------------------------------------------

GOOD = '''
[[exercise]]
id = "monster-walk"
name = "Monster walks"
sides = "alternate"
knee_friendly = true
reps = 20
tempo_s = 2
muscles = ["gluteus medius"]
cues = ["Band above the knees", "Small steps, knees out"]
figure = "squat"

[[exercise]]
id = "wall-sit"
name = "Wall sit"
sides = "both"
hold_s = 30
'''

ROUTINE = '''
name = "Physio"
[[exercise]]
id = "monster-walk"
sets = 2
reps = 10
[[exercise]]
id = "wall-sit"
sets = 1
hold_s = 20
'''


def write_user_files(paths, exercises: str = GOOD, routine: str | None = ROUTINE) -> None:
    paths.config.mkdir(parents=True, exist_ok=True)
    paths.exercises_file.write_text(exercises)
    if routine is not None:
        paths.routines_dir.mkdir(parents=True, exist_ok=True)
        (paths.routines_dir / "physio.toml").write_text(routine)


def test_a_user_exercise_file_adds_to_the_catalogue_and_a_user_routine_uses_it(paths):
    write_user_files(paths)
    found = load_all(paths.routines_dir)
    assert not found.faults
    assert list(found.catalogue)[-2:] == ["monster-walk", "wall-sit"]
    walk = found.catalogue["monster-walk"]
    assert (walk.sides, walk.knee_friendly, walk.reps, walk.tempo_s, walk.builtin) == \
        ("alternate", True, 20, 2.0, False)
    assert walk.figure is load_figures()["squat"] or walk.figure == load_figures()["squat"]
    assert found.catalogue["wall-sit"].figure.id == NEUTRAL_ID  # no drawing: the neutral one
    physio = found.find("physio")
    assert [item.exercise.id for item in physio.exercises] == ["monster-walk", "wall-sit"]
    assert physio.exercises[0].side_mode == "alternate" and physio.exercises[1].is_hold


def test_a_user_exercise_may_bring_its_own_frames(paths):
    own = GOOD + "\n[exercise.figure]\nascii = ['''\n o\n/|\\\n''', '''\n\\o/\n |\n''']\n"
    write_user_files(paths, own, None)
    found = load_all(paths.routines_dir)
    figure = found.catalogue["wall-sit"].figure
    assert not found.faults and figure.id == "wall-sit"
    assert figure.ascii == ((" o ", "/|\\"), ("\\o/", " | ")) and figure.unicode == figure.ascii


BAD = {
    "unknown field": ('colour = "red"', "exercise[1].colour: unknown field; allowed:"),
    "bad sides": ('sides = "sideways"', "exercise[1].sides: must be one of none, both, alternate (got 'sideways')"),
    "shadowing a built-in id": ('id = "squat"', "exercise[1].id: 'squat' is a built-in exercise's id"),
    "unknown figure": ('figure = "cartwheel"', "exercise[1].figure: unknown figure 'cartwheel'; one of: squat"),
    "ill-sized frame": ("figure = { ascii = ['a', \"b\\nc\"] }",
                        "exercise[1].figure.ascii: every frame must have the same number of lines (got 1, 2)"),
    "reps and hold": ("hold_s = 20", "exercise[1]: give either 'reps' (a count) or 'hold_s'"),
}


def bad_file(tmp_path: Path, line: str) -> Path:
    entry = {"id": '"band-walk"', "name": '"Band walk"', "sides": '"both"', "reps": "12"}
    key = line.split(" =")[0]
    lines = [f"{k} = {v}" for k, v in entry.items() if k != key] + [line]
    path = tmp_path / "exercises.toml"
    path.write_text("[[exercise]]\n" + "\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize("kind", list(BAD))
def test_exercises_validate_gives_one_clear_message_with_file_and_field_and_exit_2(tmp_path, capsys, kind):
    line, message = BAD[kind]
    path = bad_file(tmp_path, line)
    assert main(["exercises", "validate", str(path)]) == 2
    err = capsys.readouterr().err
    faults = [f for f in err.replace("glute-tui: ", "").strip().split("\n") if f.strip()]
    assert len(faults) == 1, err
    assert faults[0].startswith(f"{path}: ") and message in " ".join(err.split()), err
    assert "Traceback" not in err


def test_exercises_validate_accepts_a_good_file_and_the_shipped_format(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    path = tmp_path / "mine.toml"
    path.write_text(GOOD)
    assert main(["exercises", "validate", str(path)]) == 0
    assert "valid: 2 exercises" in capsys.readouterr().out


def test_exercises_validate_of_a_missing_file_or_bad_toml_exits_2(tmp_path, capsys):
    assert main(["exercises", "validate", str(tmp_path / "none.toml")]) == 2
    (tmp_path / "bad.toml").write_text("[[exercise]\n")
    assert main(["exercises", "validate", str(tmp_path / "bad.toml")]) == 2
    assert "not valid TOML" in capsys.readouterr().err


def test_a_faulty_user_exercise_is_reported_and_the_rest_still_loads(paths):
    write_user_files(paths, GOOD + '\n[[exercise]]\nid = "lunge"\nname = "My lunge"\nsides = "none"\n')
    found = load_all(paths.routines_dir)
    assert list(found.faults) == [paths.exercises_file]
    assert "exercise[3].id: 'lunge' is a built-in exercise's id" in found.faults[paths.exercises_file][0]
    assert found.catalogue["lunge"].name == "Lunges"  # the built-in one stays
    assert "monster-walk" in found.catalogue and found.find("physio")
    assert {r.id for r in found.routines} >= {"article", "knee-friendly", "short", "physio"}


def test_an_unreadable_user_exercise_file_leaves_the_built_ins(paths):
    write_user_files(paths, "this is = = not toml", None)
    found = load_all(paths.routines_dir)
    assert "not valid TOML" in found.faults[paths.exercises_file][0]
    assert list(found.catalogue) == BUILTIN_IDS


def test_exercises_list_and_show_print_the_users_own_with_a_figure(paths, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    write_user_files(paths, GOOD + '\n[[exercise]]\nid = "Bad Id"\nname = "x"\nsides = "none"\n', None)
    assert main(["exercises"]) == 0
    out = capsys.readouterr().out
    assert "monster-walk" in out and "yours" in out and "squat" in out and "built-in" in out
    assert "exercise[3].id" in out  # the faulty one is reported
    assert main(["exercises", "show", "monster-walk"]) == 0
    out = capsys.readouterr().out
    assert "Monster walks" in out and "Band above the knees" in out and "●" in out
    assert main(["exercises", "show", "cartwheel"]) == 2
    assert "no such exercise" in capsys.readouterr().err


def test_routines_validate_knows_the_users_exercises(paths, capsys):
    write_user_files(paths)
    assert main(["routines", "validate", str(paths.routines_dir / "physio.toml")]) == 0


@pytest.mark.parametrize("exercise_id", BUILTIN_IDS)
def test_a_copy_of_each_built_in_exercise_written_and_read_again_is_equal(exercise_id):
    from glute_tui.core.routines import copy_exercise, dump_exercises, read_catalogue

    catalogue = load_catalogue()
    copy = copy_exercise(catalogue[exercise_id], catalogue)
    assert copy.id == f"{exercise_id}-mine" and not copy.builtin
    again, faults = read_catalogue(tomllib.loads(dump_exercises([copy])), Path("mine.toml"), figures=load_figures(),
                                   builtin=catalogue)
    assert not faults and again[copy.id] == copy
