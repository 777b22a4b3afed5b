"""Routine and catalogue files on disk: the shipped ones in `glute_tui/data/`, and the person's own.

The format itself (parse, validate, dump) is the core's; this module reads and writes files.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable

from glute_tui.core.routines import (
    DEFAULT_ROUTINE_ID,
    Exercise,
    Routine,
    RoutineError,
    check_new_id,
    copy_name,
    dump_routine,
    free_id,
    parse_catalogue,
    parse_routine,
)
from glute_tui.store.atomic import atomic_write_text
from glute_tui.store.safe_read import SMALL_MAX_BYTES, Unreadable, load_toml


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


def load_catalogue(path: Path | None = None) -> dict[str, Exercise]:
    """The exercise catalogue keyed by id."""
    path = path or data_root() / "exercises.toml"
    return parse_catalogue(read_toml(path), path)


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
    faults: dict[Path, list[str]]
    catalogue: dict[str, Exercise]

    def find(self, ref: str) -> Routine:
        return find_routine(ref, self.routines, self.catalogue)


def load_all(user_dir: Path | None) -> RoutineSet:
    """Built-in and user routines; a user file with a fault is reported, not fatal."""
    catalogue = load_catalogue()
    routines = builtin_routines(catalogue)
    faults: dict[Path, list[str]] = {}
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
    return RoutineSet(routines, faults, catalogue)


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
    atomic_write_text(path, dump_routine(routine))
    return replace(routine, path=path, builtin=False)


def copy_routine(routine: Routine, new_id: str, folder: Path, taken: Iterable[str],
                 name: str | None = None) -> Routine:
    check_new_id(new_id, taken)
    copy = replace(routine, id=new_id, name=name or copy_name(routine.name), builtin=False, path=None)
    return save_user_routine(copy, folder)
