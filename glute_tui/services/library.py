"""The routine library: every routine a person can choose, and the rules for saving one.

The one place for "save an edited routine": a user routine is saved in place; a built-in one
is never written, it is saved as the person's copy (id `<id>-mine`, name "… (mine)" unless
they renamed it). The editor and the Summary's progression both come here.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from glute_tui.core.routines import Exercise, Routine
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
        if routine.builtin and original is not None and routine.name == original.name:
            routine = replace(routine, name=f"{routine.name} (mine)")
        saved = save_as_users(routine, self.routines_dir, self.ids)
        self.routines = [r for r in self.routines if r.id != saved.id] + [saved]
        self.selected = saved.id
        self._notify()
        return saved

    def take_progression(self, routine: Routine, suggestions: list[Suggestion]) -> Routine:
        """The routine with each suggestion taken, saved as `save` does."""
        from glute_tui.core.progression import apply

        return self.save(apply(routine, suggestions))

    def _notify(self) -> None:
        for listener in list(self._listeners):
            listener(self)
