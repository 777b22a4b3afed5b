"""The routine library: every routine a person can choose, and the rules for saving one.

The one place for "save an edited routine": a user routine is saved in place; a built-in one
is never written, it is saved as the person's copy (id `<id>-mine`, name "… (mine)" unless
they renamed it). The editor and the Summary's progression both come here.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from glute_tui.core.routines import Exercise, Routine, copy_name
from glute_tui.store.routine_files import RoutineSet, load_all, save_as_users

if TYPE_CHECKING:
    from glute_tui.core.progression import Suggestion

Listener = Callable[["RoutineLibrary"], None]


class RoutineLibrary:
    def __init__(self, found: RoutineSet, routines_dir: Path, *, selected: str | None = None) -> None:
        self.routines: list[Routine] = list(found.routines)
        self.faults: dict[Path, list[str]] = dict(found.faults)
        self.catalogue: dict[str, Exercise] = found.catalogue
        self.routines_dir = routines_dir
        self.selected = selected if selected in self.ids else (self.routines[0].id if self.routines else "")
        self._listeners: list[Listener] = []

    @classmethod
    def load(cls, routines_dir: Path, *, selected: str | None = None) -> "RoutineLibrary":
        return cls(load_all(routines_dir), routines_dir, selected=selected)

    @property
    def ids(self) -> list[str]:
        return [r.id for r in self.routines]

    def get(self, routine_id: str) -> Routine | None:
        return next((r for r in self.routines if r.id == routine_id), None)

    def select(self, routine_id: str) -> None:
        if routine_id in self.ids:
            self.selected = routine_id

    def add(self, routine: Routine) -> None:
        """A routine opened from a file for this run (`--routine PATH`): listed and selected."""
        self.routines = [r for r in self.routines if r.id != routine.id] + [routine]
        self.selected = routine.id
        self._notify()

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def save(self, routine: Routine) -> Routine:
        """Save an edited routine (a copy, for a built-in one); it is then listed and selected.

        Raises OSError or RoutineError; nothing is changed then.
        """
        original = self.get(routine.id)
        copy = routine.builtin or self.is_outside(routine)
        if copy and original is not None and routine.name == original.name:
            routine = replace(routine, name=copy_name(routine.name))
        if copy:
            names = {r.name for r in self.routines}
            base, n = routine.name, 1
            while routine.name in names:  # "Tiny (mine)" may be there from an earlier copy
                n += 1
                routine = replace(routine, name=f"{base} {n}")
        if copy:  # a file opened with --routine PATH is the person's, but not in their folder:
            routine = replace(routine, builtin=True)  # saved as their copy, never written over
        saved = save_as_users(routine, self.routines_dir, self.ids)
        self.routines = [r for r in self.routines if r.id != saved.id] + [saved]
        self.selected = saved.id
        self._notify()
        return saved

    def is_outside(self, routine: Routine) -> bool:
        """Opened from a file outside the person's routines folder (`--routine PATH`)."""
        if routine.builtin or routine.path is None:
            return False
        return routine.path.resolve().parent != self.routines_dir.resolve()

    def take_progression(self, routine: Routine, suggestions: list[Suggestion]) -> Routine:
        """The routine with each suggestion taken, saved as `save` does."""
        from glute_tui.core.progression import apply

        return self.save(apply(routine, suggestions))

    def _notify(self) -> None:
        for listener in list(self._listeners):
            listener(self)


def opened_from_file(routine: Routine, routines: list[Routine]) -> Routine:
    """A routine opened with `--routine PATH`, as it joins the list: the listed routine itself
    when PATH is that routine's file, else under an id and a name no listed routine has (two
    "Tiny" with the id `tiny` could not be told apart, nor saved apart)."""
    for listed in routines:
        if listed.path is not None and routine.path is not None and listed.path.resolve() == routine.path.resolve():
            return listed
    ids, names = {r.id for r in routines}, {r.name for r in routines}
    new_id, name, n = routine.id, routine.name, 1
    while new_id in ids:
        n += 1
        new_id = f"{routine.id}-{n}"
    if name in names:
        name = f"{routine.name} ({routine.path.name if routine.path else new_id})"
    return replace(routine, id=new_id, name=name)
