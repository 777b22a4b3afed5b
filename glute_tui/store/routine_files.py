"""Routine and catalogue files on disk: the shipped ones in `glute_tui/data/`, and the person's own.

The format itself (parse, validate, dump) is the core's; this module reads and writes files.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from glute_tui.core.figures import Figure, parse_figures
from glute_tui.core.ladder import Ladder
from glute_tui.core.routines import (
    DEFAULT_ROUTINE_ID,
    Exercise,
    Routine,
    RoutineError,
    check_new_id,
    copy_name,
    dump_exercises,
    dump_routine,
    free_id,
    parse_catalogue,
    parse_routine,
    read_catalogue,
)
from glute_tui.store.atomic import atomic_write_text
from glute_tui.store.safe_read import SMALL_MAX_BYTES, Unreadable, load_toml, read_text
from glute_tui.store.toml_edit import keep_layout


def data_root() -> Path:
    """The shipped `glute_tui/data/` folder (the package `glute_tui.data`)."""
    return Path(__file__).resolve().parent.parent / "data"


def builtin_routine_paths() -> list[Path]:
    return sorted((data_root() / "routines").glob("*.toml"))


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file's document, or RoutineError naming the file and what is wrong with it.

    Read through `store.safe_read` (no hang on a FIFO or /dev/zero, a size cap, deep nesting
    refused); a link to a regular file is followed. The file is never moved or changed.
    """
    try:
        return load_toml(path, limit=SMALL_MAX_BYTES, follow=True)
    except FileNotFoundError:
        raise RoutineError([f"{path}: no such file"]) from None
    except Unreadable as exc:
        raise RoutineError([str(exc)]) from None


USER_EXERCISES_FILE = "exercises.toml"  # in the config folder, beside the routines folder


@lru_cache(maxsize=1)
def _shipped_figures() -> dict[str, Figure]:
    path = data_root() / "figures.toml"
    figures, faults = parse_figures(read_toml(path), path)
    if faults:
        raise RoutineError(faults)
    return figures


def load_figures() -> dict[str, Figure]:
    """The shipped drawings of the moves (`glute_tui/data/figures.toml`) keyed by id; read once."""
    return dict(_shipped_figures())


def load_catalogue(path: Path | None = None) -> dict[str, Exercise]:
    """The shipped exercise catalogue keyed by id (or the catalogue file at `path`)."""
    path = path or data_root() / "exercises.toml"
    return parse_catalogue(read_toml(path), path, figures=load_figures())


def load_user_exercises(path: Path, builtin: dict[str, Exercise]) -> tuple[dict[str, Exercise], list[str]]:
    """A person's own exercises from `path` (no file: none), and the faults of the faulty ones.

    A faulty exercise is left out and reported; the sound ones of the same file still load.
    """
    if not path.exists():
        return {}, []
    if not path.is_file():
        return {}, [f"{path}: not a regular file"]
    try:
        doc = read_toml(path)
    except RoutineError as exc:
        return {}, exc.faults
    return read_catalogue(doc, path, figures=load_figures(), builtin=builtin)


def validate_exercises(path: Path) -> dict[str, Exercise]:
    """`glute-tui exercises validate`: the exercises of a file, or RoutineError with every fault."""
    if not path.is_file():
        raise RoutineError([f"{path}: no such file" if not path.exists() else f"{path}: not a regular file"])
    user, faults = read_catalogue(read_toml(path), path, figures=load_figures(), builtin=load_catalogue())
    if faults:
        raise RoutineError(faults)
    return user


def load_exercises(user_file: Path | None) -> tuple[dict[str, Exercise], dict[Path, list[str]]]:
    """The shipped catalogue followed by the person's own exercises, and the user file's faults."""
    catalogue = load_catalogue()
    if user_file is None:
        return catalogue, {}
    user, faults = load_user_exercises(user_file, catalogue)
    return {**catalogue, **user}, ({user_file: faults} if faults else {})


def load_loads(path: Path | None = None) -> dict[str, frozenset[str]]:
    """The areas each exercise loads (`glute_tui/data/loads.toml`): exercise id -> area ids."""
    from glute_tui.core.effort import LoadsError, parse_loads

    path = path or data_root() / "loads.toml"
    try:
        return parse_loads(read_toml(path), path)
    except LoadsError as exc:
        raise RoutineError([str(exc)]) from None


def load_ladder(path: Path | None = None) -> Ladder:
    """The ladder's data (`glute_tui/data/ladder.toml`): each move's first weight and next variation."""
    from glute_tui.core.ladder import LadderError, parse_ladder

    path = path or data_root() / "ladder.toml"
    try:
        return parse_ladder(read_toml(path), path)
    except LadderError as exc:
        raise RoutineError([str(exc)]) from None


def load_routine(path: Path, catalogue: dict[str, Exercise] | None = None,
                 builtin: bool = False) -> Routine:
    """Load and validate one routine file."""
    catalogue = catalogue if catalogue is not None else load_catalogue()
    return parse_routine(read_toml(path), path, catalogue, builtin=builtin)


def builtin_routines(catalogue: dict[str, Exercise] | None = None) -> list[Routine]:
    """The routines shipped in `glute_tui/data/routines`, the default first."""
    catalogue = catalogue if catalogue is not None else load_catalogue()
    routines = [load_routine(p, catalogue, builtin=True) for p in builtin_routine_paths()]
    routines.sort(key=lambda r: (r.id != DEFAULT_ROUTINE_ID, r.id))
    return routines


def find_routine(ref: str, routines: Iterable[Routine],
                 catalogue: dict[str, Exercise] | None = None) -> Routine:
    """A routine by id among `routines`, or loaded from a path when `ref` names a file."""
    for routine in routines:
        if routine.id == ref:
            return routine
    path = Path(ref).expanduser()
    if path.suffix == ".toml" or path.exists() or "/" in ref:
        return load_routine(path, catalogue)
    known = ", ".join(r.id for r in routines)
    raise RoutineError([f"routine {ref!r}: no such routine id or file; known ids: {known}"])


@dataclass
class RoutineSet:
    """All routines a person can choose: built-in first, then their own; and the faulty files."""

    routines: list[Routine]
    faults: dict[Path, list[str]]  # by file: faulty routine files, and the person's exercises file
    catalogue: dict[str, Exercise]
    exercises_file: Path | None = field(default=None)

    def find(self, ref: str) -> Routine:
        return find_routine(ref, self.routines, self.catalogue)


def load_all(user_dir: Path | None, exercises_file: Path | None = None) -> RoutineSet:
    """Built-in and user routines, over the shipped and the person's own exercises.

    `exercises_file`: the person's exercises (default: `exercises.toml` beside `user_dir`, the
    config folder). A user file with a fault is reported, not fatal: the rest still loads.
    """
    if exercises_file is None and user_dir is not None:
        exercises_file = user_dir.parent / USER_EXERCISES_FILE
    catalogue, faults = load_exercises(exercises_file)
    routines = builtin_routines(catalogue)
    if user_dir is not None and user_dir.is_dir():
        taken = {r.id for r in routines}
        for path in sorted(user_dir.glob("*.toml")):
            try:
                routine = load_routine(path, catalogue)
            except RoutineError as exc:
                faults[path] = exc.faults
                continue
            if routine.id in taken:
                faults[path] = [f"{path}: the id {routine.id!r} is a built-in routine's; rename the file"]
                continue
            routines.append(routine)
    return RoutineSet(routines, faults, catalogue, exercises_file)


def save_as_users(routine: Routine, folder: Path, taken: Iterable[str]) -> Routine:
    """Save an edited routine: a user routine in place, a built-in one as a copy (never itself)."""
    if routine.builtin:
        return copy_routine(routine, free_id(routine.id, taken), folder, taken, name=routine.name)
    return save_user_routine(routine, folder)


def save_user_routine(routine: Routine, folder: Path) -> Routine:
    """Write `routine` to the user folder under its id (atomically); returns it as saved.

    A built-in routine is never written: save a copy under a new id instead.
    """
    if routine.builtin:
        raise RoutineError([f"routine {routine.id!r} is built in and is never changed; save a copy"])
    path = folder / f"{routine.id}.toml"
    atomic_write_text(path, _in_its_layout(path, dump_routine(routine)))
    return replace(routine, path=path, builtin=False)


def copy_routine(routine: Routine, new_id: str, folder: Path, taken: Iterable[str],
                 name: str | None = None) -> Routine:
    check_new_id(new_id, taken)
    copy = replace(routine, id=new_id, name=name or copy_name(routine.name), builtin=False, path=None)
    return save_user_routine(copy, folder)


def save_user_exercises(path: Path, exercises: Iterable[Exercise]) -> None:
    """Write the person's exercises file (atomically); built-in moves are never written."""
    mine = [e for e in exercises if not e.builtin]
    atomic_write_text(path, _in_its_layout(path, dump_exercises(mine)))


def _in_its_layout(path: Path, text: str) -> str:
    """`text`'s values in the layout of the file it replaces: the person's comments, order and
    blank lines survive a save (store/toml_edit.py). A new or unreadable file gets `text`."""
    try:
        old = read_text(path, limit=SMALL_MAX_BYTES, follow=True)
    except (OSError, Unreadable):
        return text
    return keep_layout(old, text)
