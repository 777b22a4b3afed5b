"""The routine library: every routine a person can choose, and the rules for saving one.

The one place for "save an edited routine": a user routine is saved in place; a built-in one
is never written, it is saved as the person's copy (id `<id>-mine`, name "… (mine)" unless
they renamed it). The editor and the Summary's progression both come here.

And for "save or delete a person's own exercise": the shipped moves are never written (a copy
is saved instead); an id is never taken twice nor a built-in one; a file with faulty entries
is not rewritten (that would drop them); an exercise a routine uses is not deleted.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from glute_tui.core.limits import NAME_MAX
from glute_tui.core.routines import (
    Exercise,
    Routine,
    RoutineError,
    copy_exercise,
    copy_name,
    dump_exercise,
    read_catalogue,
)
from glute_tui.core.text import visible
from glute_tui.store.routine_files import (
    RoutineSet,
    load_all,
    load_figures,
    load_ladder,
    load_loads,
    save_as_users,
    save_user_exercises,
)

if TYPE_CHECKING:
    from glute_tui.core.ladder import Ladder
    from glute_tui.core.progression import Advice, Suggestion

Listener = Callable[["RoutineLibrary"], None]


class RoutineLibrary:
    def __init__(self, found: RoutineSet, routines_dir: Path, *, selected: str | None = None) -> None:
        self.routines: list[Routine] = list(found.routines)
        self.faults: dict[Path, list[str]] = dict(found.faults)
        self.catalogue: dict[str, Exercise] = found.catalogue
        self.routines_dir = routines_dir
        self.exercises_file = found.exercises_file or routines_dir.parent / "exercises.toml"
        self.selected = selected if selected in self.ids else (self.routines[0].id if self.routines else "")
        self._listeners: list[Listener] = []
        self._loads: dict[str, frozenset[str]] | None = None
        self._ladder: Ladder | None = None

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

    @property
    def loads(self) -> dict[str, frozenset[str]]:
        """The areas each exercise loads (glute_tui/data/loads.toml), read once."""
        if self._loads is None:
            self._loads = load_loads()
        return self._loads

    @property
    def ladder(self) -> Ladder:
        """Each move's first weight and next variation (glute_tui/data/ladder.toml), read once."""
        if self._ladder is None:
            self._ladder = load_ladder()
        return self._ladder

    def take_progression(self, routine: Routine, suggestions: list[Suggestion] | list[Advice]) -> Routine:
        """The routine with each suggestion taken, saved as `save` does."""
        from glute_tui.core.progression import apply

        return self.save(apply(routine, suggestions))

    # --- the person's own exercises ------------------------------------------------------------

    @property
    def user_exercises(self) -> list[Exercise]:
        return [e for e in self.catalogue.values() if not e.builtin]

    def draft_copy(self, exercise: Exercise) -> Exercise:
        """A built-in move as a new exercise of the person's, not saved yet."""
        return copy_exercise(exercise, self.catalogue)

    def parse_exercise(self, table: dict, original_id: str | None = None) -> tuple[Exercise | None, list[str]]:
        """An exercise from a form's values, held to the file's rules, with its faults named by field."""
        builtin = {k: e for k, e in self.catalogue.items() if e.builtin}
        found, faults = read_catalogue({"exercise": [table]}, self.exercises_file, figures=load_figures(),
                                       builtin=builtin)
        faults = [f.replace(": exercise[1].", ": ", 1).replace(": exercise[1]:", ":", 1) for f in faults]
        exercise = next(iter(found.values()), None)
        if exercise is not None:
            faults += self.check_exercise(exercise, original_id)
        return (exercise if not faults else None), faults

    def check_exercise(self, exercise: Exercise, original_id: str | None = None) -> list[str]:
        """Every reason `exercise` cannot be saved: the file's own rules, read back as written."""
        import tomllib

        faults: list[str] = []
        if exercise.builtin:
            faults.append(f"exercise {exercise.id!r} is built in and is never changed; save a copy")
        if exercise.id != original_id and exercise.id in self.catalogue and not self.catalogue[exercise.id].builtin:
            faults.append(f"{self.exercises_file}: id: {exercise.id!r} is already one of your exercises")
        builtin = {k: e for k, e in self.catalogue.items() if e.builtin}
        _, found = read_catalogue(tomllib.loads(dump_exercise(exercise)), self.exercises_file,
                                  figures=load_figures(), builtin=builtin)
        return faults + [f.replace(": exercise[1].", ": ", 1).replace(": exercise[1]:", ":", 1) for f in found]

    def save_exercise(self, exercise: Exercise, original_id: str | None = None) -> Exercise:
        """Save a new or edited exercise of the person's; the library is then read again.

        `original_id`: the id it had, when an existing one is edited (it may be renamed, and the
        routines that use it are then pointed at the new id). Raises RoutineError or OSError;
        nothing is changed then.
        """
        self._refuse_a_faulty_file()
        faults = self.check_exercise(exercise, original_id)
        if faults:
            raise RoutineError(faults)
        mine = [e for e in self.user_exercises if e.id != original_id]
        if original_id is not None and original_id != exercise.id and self.users_of(original_id):
            raise RoutineError([f"exercise {original_id!r} is used by "
                                f"{', '.join(r.name for r in self.users_of(original_id))}; "
                                "keep its id (or remove it from those routines first)"])
        position = next((i for i, e in enumerate(self.user_exercises) if e.id == original_id), len(mine))
        mine.insert(position, exercise)
        save_user_exercises(self.exercises_file, mine)
        self.reload()
        return self.catalogue[exercise.id]

    def users_of(self, exercise_id: str) -> list[Routine]:
        """The routines that use an exercise."""
        return [r for r in self.routines if any(item.id == exercise_id for item in r.exercises)]

    def delete_exercise(self, exercise_id: str) -> None:
        """Delete one of the person's exercises. Raises RoutineError (built in, in use) or OSError."""
        exercise = self.catalogue.get(exercise_id)
        if exercise is None or exercise.builtin:
            raise RoutineError([f"exercise {exercise_id!r}: only your own exercises can be deleted"])
        users = self.users_of(exercise_id)
        if users:
            raise RoutineError([f"exercise {exercise_id!r} is used by {', '.join(r.name for r in users)}; "
                                "remove it from those routines first"])
        self._refuse_a_faulty_file()
        save_user_exercises(self.exercises_file, [e for e in self.user_exercises if e.id != exercise_id])
        self.reload()

    def _refuse_a_faulty_file(self) -> None:
        faults = self.faults.get(self.exercises_file)
        if faults:
            raise RoutineError([f"{self.exercises_file} has faults; fix them in the file first "
                                "(saving from here would drop the faulty entries)", *faults])

    def reload(self) -> None:
        """Read the exercises and routines again (after a change to the exercises file)."""
        found = load_all(self.routines_dir, self.exercises_file)
        extra = [r for r in self.routines if r.path is not None and r.path.parent != self.routines_dir
                 and not r.builtin]  # opened with --routine for this run
        self.routines = list(found.routines) + [r for r in extra if r.id not in {x.id for x in found.routines}]
        self.faults = dict(found.faults)
        self.catalogue = found.catalogue
        if self.selected not in self.ids and self.routines:
            self.selected = self.routines[0].id
        self._notify()

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
        suffix = f"-{n}"
        new_id = routine.id[: NAME_MAX - len(suffix)] + suffix  # saved with each session: <= NAME_MAX
    if name in names:
        # The file's name as plain text (its controls as symbols, a name that is not UTF-8 with
        # U+FFFD), and the whole within NAME_MAX: it is saved with each session of the routine.
        where = visible(routine.path.name if routine.path else new_id)
        name = f"{routine.name} ({where})"
        if len(name) > NAME_MAX:
            name = f"{routine.name} ({where[: max(1, NAME_MAX - len(routine.name) - 4)]}…)"[:NAME_MAX]
    return replace(routine, id=new_id, name=name)
