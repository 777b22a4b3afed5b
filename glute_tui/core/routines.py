"""Exercises and routines: dataclasses, and the routine file format as text (parse, validate, dump).

Every fault found in a file is reported at once, each naming the file, the field (for
example `exercise[2].reps`, counting from 1 as a person reads the file) and what is allowed,
so that a hand-edited routine can be fixed in one pass.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from glute_tui.core.figures import NEUTRAL_ID, Figure, FigureFaults, parse_figure
from glute_tui.core.limits import NAME_MAX, SETS_MAX, TEXT_MAX
from glute_tui.core.text import shown, text_problem, visible
from glute_tui.core.vocab import SideMode

SIDES = tuple(mode.value for mode in SideMode)
BANDS = ("extra-light", "light", "medium", "heavy", "extra-heavy")

# (low, high) inclusive ranges; the message shows them to the person.
LIMITS: dict[str, tuple[float, float]] = {
    "sets": (1, 20),
    "reps": (1, 200),
    "hold_s": (5, 600),
    "tempo_s": (1, 10),
    "rest_s": (0, 600),
    "get_ready_s": (0, 120),
    "switch_sides_s": (0, 60),
    "rest_between_exercises_s": (0, 600),
    "kg": (0.5, 300),
    "max_reps": (1, 200),
}
DEFAULT_MAX_REPS = 20  # progression adds reps up to this, then moves to a heavier load
DEFAULT_TEMPO_S = 3.0
DEFAULT_REPS = 12


class RoutineError(Exception):
    """A routine or catalogue file that cannot be used; carries every fault found."""

    def __init__(self, faults: list[str]) -> None:
        self.faults = faults
        super().__init__("\n".join(faults))


@dataclass(frozen=True)
class Load:
    """What the person moves: body weight, a resistance band, or a weight in kg."""

    kind: str = "bodyweight"  # "bodyweight" | "band" | "kg"
    band: str = ""
    kg: float = 0.0

    @classmethod
    def parse(cls, text: str) -> "Load":
        """Parse `bodyweight`, `band:<strength>` or `kg:<number>`; ValueError otherwise."""
        text = text.strip().lower()
        if text == "bodyweight":
            return cls()
        if text.startswith("band:") and text[5:] in BANDS:
            return cls(kind="band", band=text[5:])
        match = re.fullmatch(r"kg:(\d+(?:\.\d+)?)", text)
        if match:
            kg = float(match.group(1))
            low, high = LIMITS["kg"]
            if low <= kg <= high:
                return cls(kind="kg", kg=kg)
        raise ValueError(text)

    def __str__(self) -> str:
        if self.kind == "band":
            return f"band:{self.band}"
        if self.kind == "kg":
            return f"kg:{self.kg:g}"
        return "bodyweight"

    @classmethod
    def describe(cls, text: str) -> str:
        """How a person reads a stored load; an unknown one as it was stored."""
        try:
            return cls.parse(text).label
        except ValueError:
            return text

    @property
    def label(self) -> str:
        """How a person reads it."""
        if self.kind == "band":
            return f"{self.band} band"
        if self.kind == "kg":
            return f"{self.kg:g} kg"
        return "body weight"


LOAD_HELP = f"'bodyweight', 'band:<{'|'.join(BANDS)}>' or 'kg:<{LIMITS['kg'][0]:g}-{LIMITS['kg'][1]:g}>'"


@dataclass(frozen=True)
class Exercise:
    """One move of the catalogue, with what the screen and the help show about it."""

    id: str
    name: str
    sides: str
    muscles: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    steps: tuple[str, ...] = ()
    feel: str = ""
    mistakes: tuple[str, ...] = ()
    alternative: str = ""
    side_lying: bool = False  # lying on one side works the other leg: say which leg works
    hold_cues: tuple[str, ...] = ()  # the cues of a timed hold, when they differ from the moving form
    knee_friendly: bool = False
    reps: int | None = None  # what a routine gets when this move is added: reps, or a hold
    hold_s: int | None = None
    tempo_s: float = DEFAULT_TEMPO_S
    figure: Figure | None = None  # None only for an Exercise made in code; files get the neutral one
    figure_ref: str = ""  # the id of a shipped figure it named, "" for its own frames or none
    builtin: bool = True

    @property
    def default_amount(self) -> dict[str, int]:
        """`{"reps": 12}` or `{"hold_s": 30}`: what a routine gets when the move is added."""
        if self.hold_s is not None:
            return {"hold_s": self.hold_s}
        return {"reps": self.reps if self.reps is not None else DEFAULT_REPS}

    def cues_for(self, hold: bool) -> tuple[str, ...]:
        """A held bridge is not told to "then lower": a hold has its own cues when given."""
        return self.hold_cues if hold and self.hold_cues else self.cues


@dataclass(frozen=True)
class RoutineExercise:
    """An exercise as a routine prescribes it: sets of reps (or of a timed hold)."""

    exercise: Exercise
    sets: int
    reps: int | None = None
    hold_s: int | None = None
    tempo_s: float = DEFAULT_TEMPO_S
    rest_s: int = 45
    load: Load = field(default_factory=Load)
    sides: str = ""  # empty: the catalogue's sides
    max_reps: int = DEFAULT_MAX_REPS

    @property
    def id(self) -> str:
        return self.exercise.id

    @property
    def side_mode(self) -> str:
        return self.sides or self.exercise.sides

    @property
    def is_hold(self) -> bool:
        return self.hold_s is not None

    @property
    def target_label(self) -> str:
        """`3 × 12`, `3 × 30 s`, with `/side` where each side does the set."""
        amount = f"{self.hold_s} s" if self.is_hold else f"{self.reps}"
        suffix = " /side" if self.side_mode == "both" else ""
        return f"{self.sets} × {amount}{suffix}"


@dataclass(frozen=True)
class Routine:
    """A named list of exercises with the routine-wide pauses."""

    id: str
    name: str
    exercises: tuple[RoutineExercise, ...]
    description: str = ""
    get_ready_s: int = 10
    switch_sides_s: int = 5
    rest_between_exercises_s: int = 60
    path: Path | None = None
    builtin: bool = False


DEFAULT_ROUTINE_ID = "article"


# --- the catalogue -----------------------------------------------------------------------------


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    return ()


CATALOGUE_KEYS = {"id", "name", "sides", "muscles", "cues", "steps", "feel", "mistakes", "alternative",
                  "side_lying", "hold_cues", "knee_friendly", "reps", "hold_s", "tempo_s", "figure"}


def read_catalogue(doc: dict[str, Any], path: Path, *, figures: dict[str, Figure] | None = None,
                   builtin: dict[str, Exercise] | None = None) -> tuple[dict[str, Exercise], list[str]]:
    """The exercises of a catalogue document that are sound, and the faults of the others.

    `figures`: the shipped drawings; an exercise names one (`figure = "squat"`) or brings its
    own frames (`[exercise.figure]`), else it gets the neutral one. `builtin`: when reading a
    person's own file, the shipped catalogue, whose ids theirs may not take.
    Texts are shown on screens as written, so they are held to the routine files' rules: plain
    text (no control character), names up to NAME_MAX, other texts up to TEXT_MAX.
    """
    figures = figures or {}
    catalogue: dict[str, Exercise] = {}
    check = _Checker(path)
    for key in sorted(set(doc) - {"exercise"}):
        check.fault(key, "unknown field; an exercises file holds [[exercise]] tables")
    items = doc.get("exercise", [])
    for index, item in enumerate(items if isinstance(items, list) else [items], start=1):
        exercise = _parse_catalogue_entry(item, f"exercise[{index}]", check, figures, builtin or {},
                                          catalogue, builtin is None)
        if exercise is not None:
            catalogue[exercise.id] = exercise
    return catalogue, check.faults


def parse_catalogue(doc: dict[str, Any], path: Path, *, figures: dict[str, Figure] | None = None,
                    builtin: dict[str, Exercise] | None = None) -> dict[str, Exercise]:
    """The exercise catalogue keyed by id, or RoutineError with every fault of the document."""
    catalogue, faults = read_catalogue(doc, path, figures=figures, builtin=builtin)
    if faults:
        raise RoutineError(faults)
    return catalogue


def _parse_catalogue_entry(item: Any, where: str, check: "_Checker", figures: dict[str, Figure],
                           builtin: dict[str, Exercise], seen: dict[str, Exercise],
                           shipped: bool) -> Exercise | None:
    if not isinstance(item, dict) or not isinstance(item.get("id"), str) \
            or not isinstance(item.get("name"), str):
        check.fault(where, "needs an 'id' and a 'name' (text)")
        return None
    before = len(check.faults)
    for key in sorted(set(item) - CATALOGUE_KEYS):
        check.fault(f"{where}.{key}", f"unknown field; allowed: {', '.join(sorted(CATALOGUE_KEYS))}")
    exercise_id = item["id"]
    if not shipped and not ID_RE.fullmatch(exercise_id):
        check.fault(f"{where}.id", f"{shown(exercise_id)}: must be 1 to 40 lower-case letters, digits and "
                                   "dashes, starting with a letter or digit")
    elif exercise_id in builtin:
        check.fault(f"{where}.id", f"{shown(exercise_id)} is a built-in exercise's id; choose another "
                                   f"(built-in: {', '.join(builtin)})")
    elif exercise_id in seen:
        check.fault(f"{where}.id", f"{shown(exercise_id)} is used twice in this file")
    if item.get("sides") not in SIDES:
        check.fault(f"{where}.sides", f"must be one of {', '.join(SIDES)} (got {shown(item.get('sides'))})")
    check.text(exercise_id, f"{where}.id", NAME_MAX)
    check.text(item["name"], f"{where}.name", NAME_MAX)
    texts: dict[str, Any] = {}
    for key in ("muscles", "cues", "steps", "mistakes", "hold_cues"):
        if key in item and (not isinstance(item[key], list) or not all(isinstance(x, str) for x in item[key])):
            check.fault(f"{where}.{key}", "must be a list of texts")
        texts[key] = tuple(check.text(line, f"{where}.{key}[{n}]", TEXT_MAX)
                           for n, line in enumerate(_strings(item.get(key)), start=1))
    for key in ("feel", "alternative"):
        if key in item and not isinstance(item[key], str):
            check.fault(f"{where}.{key}", "must be text")
        texts[key] = check.text(str(item.get(key, "")), f"{where}.{key}", TEXT_MAX)
    flags = {key: item.get(key, False) for key in ("knee_friendly", "side_lying")}
    for key, flag in flags.items():
        if not isinstance(flag, bool):
            check.fault(f"{where}.{key}", f"must be true or false (got {shown(flag)})")
    if "reps" in item and "hold_s" in item:
        check.fault(where, "give either 'reps' (a count) or 'hold_s' (seconds held) as its default, not both")
    reps = check.number(item, "reps", f"{where}.reps")
    hold = check.number(item, "hold_s", f"{where}.hold_s")
    tempo = check.number(item, "tempo_s", f"{where}.tempo_s", default=DEFAULT_TEMPO_S, whole=False)
    figure, ref = _entry_figure(item, where, check, figures)
    if len(check.faults) != before:
        return None
    return Exercise(id=exercise_id, name=item["name"], sides=item["sides"],
                    knee_friendly=bool(flags["knee_friendly"]), side_lying=bool(flags["side_lying"]),
                    reps=reps, hold_s=hold, tempo_s=float(tempo), figure=figure, figure_ref=ref,
                    builtin=shipped, **texts)


def _entry_figure(item: dict[str, Any], where: str, check: "_Checker",
                  figures: dict[str, Figure]) -> tuple[Figure | None, str]:
    value = item.get("figure")
    neutral = figures.get(NEUTRAL_ID)
    if value is None:
        return figures.get(item["id"], neutral), ""
    if isinstance(value, str):
        if value not in figures:
            known = ", ".join(figures) or "none"
            check.fault(f"{where}.figure", f"unknown figure {shown(value)}; one of: {known}")
            return None, ""
        return figures[value], value
    faults = FigureFaults()
    figure = parse_figure(value, f"{where}.figure", faults, item["id"], neutral)
    for field_where, problem in faults.items:
        check.fault(field_where, problem)
    return figure, ""


# --- routines ----------------------------------------------------------------------------------


class _Checker:
    """Collects faults while reading one routine document."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.faults: list[str] = []

    def fault(self, where: str, problem: str) -> None:
        # `where` may hold a key of the file: shown visibly, and cut short when very long
        where = visible(where if len(where) <= NAME_MAX else where[:NAME_MAX] + "…")
        self.faults.append(f"{self.path}: {where}: {problem}")

    def text(self, value: str, where: str, limit: int) -> str:
        """`value` when it is plain text of at most `limit` characters; else a fault and ""."""
        problem = text_problem(value, limit)
        if problem:
            self.fault(where, problem)
            return ""
        return value

    def number(self, table: dict[str, Any], key: str, where: str, *, default: Any = None,
               whole: bool = True, required: bool = False) -> Any:
        low, high = LIMITS[key]
        kind = "a whole number" if whole else "a number"
        allowed = f"{kind} from {low:g} to {high:g}"
        if key not in table:
            if required:
                self.fault(where, f"missing; {allowed}")
            return default
        value = table[key]
        ok_type = isinstance(value, int) if whole else isinstance(value, (int, float))
        if isinstance(value, bool) or not ok_type:
            self.fault(where, f"must be {allowed} (got {shown(value)})")
            return default
        if not low <= value <= high:
            self.fault(where, f"must be {allowed} (got {shown(value)})")
            return default
        return value


ROUTINE_KEYS = {"name", "description", "get_ready_s", "switch_sides_s",
                "rest_between_exercises_s", "exercise"}
EXERCISE_KEYS = {"id", "sets", "reps", "hold_s", "tempo_s", "rest_s", "load", "sides", "max_reps"}


def parse_routine(doc: dict[str, Any], path: Path, catalogue: dict[str, Exercise],
                  routine_id: str | None = None, builtin: bool = False) -> Routine:
    """Build a Routine from a parsed TOML document, or raise RoutineError with every fault."""
    check = _Checker(path)
    for key in sorted(set(doc) - ROUTINE_KEYS):
        check.fault(key, f"unknown field; allowed: {', '.join(sorted(ROUTINE_KEYS))}")
    name = doc.get("name")
    if not isinstance(name, str) or not name.strip():
        check.fault("name", "missing or empty; give the routine a name (text)")
        name = ""
    name = check.text(name, "name", NAME_MAX)
    description = doc.get("description", "")
    if not isinstance(description, str):
        check.fault("description", "must be text")
        description = ""
    description = check.text(description, "description", TEXT_MAX)
    get_ready = check.number(doc, "get_ready_s", "get_ready_s", default=10)
    switch = check.number(doc, "switch_sides_s", "switch_sides_s", default=5)
    between = check.number(doc, "rest_between_exercises_s", "rest_between_exercises_s", default=60)

    if routine_id is None:
        problem = file_id_problem(path.stem)
        if problem:
            check.fault("file name", problem)

    items = doc.get("exercise")
    exercises: list[RoutineExercise] = []
    if not isinstance(items, list) or not items:
        check.fault("exercise", "at least one [[exercise]] table is needed")
        items = []
    for index, item in enumerate(items, start=1):
        where = f"exercise[{index}]"
        if not isinstance(item, dict):
            check.fault(where, "must be a table ([[exercise]])")
            continue
        parsed = _parse_exercise(item, where, check, catalogue)
        if parsed is not None:
            exercises.append(parsed)
    records = sum(item.sets * (2 if item.side_mode == SideMode.BOTH else 1) for item in exercises)
    if records > SETS_MAX:  # a session keeps a record per set and side, and import takes SETS_MAX
        check.fault("exercise", f"the routine has {records} sets counting each side; at most {SETS_MAX}, "
                                "as a saved session keeps at most that many")
    if check.faults:
        raise RoutineError(check.faults)
    return Routine(
        id=routine_id or path.stem,
        name=name.strip(),
        description=description,
        exercises=tuple(exercises),
        get_ready_s=get_ready,
        switch_sides_s=switch,
        rest_between_exercises_s=between,
        path=path,
        builtin=builtin,
    )


def _parse_exercise(item: dict[str, Any], where: str, check: _Checker,
                    catalogue: dict[str, Exercise]) -> RoutineExercise | None:
    before = len(check.faults)
    for key in sorted(set(item) - EXERCISE_KEYS):
        check.fault(f"{where}.{key}", f"unknown field; allowed: {', '.join(sorted(EXERCISE_KEYS))}")
    exercise_id = item.get("id")
    exercise = catalogue.get(exercise_id) if isinstance(exercise_id, str) else None
    if exercise is None:
        what = "missing" if exercise_id is None else f"unknown exercise {shown(exercise_id)}"
        check.fault(f"{where}.id", f"{what}; one of: {', '.join(catalogue)}")
    sets = check.number(item, "sets", f"{where}.sets", required=True)
    has_reps, has_hold = "reps" in item, "hold_s" in item
    if has_reps == has_hold:
        check.fault(where, "give either 'reps' (a count) or 'hold_s' (seconds held), not both or neither")
    reps = check.number(item, "reps", f"{where}.reps") if has_reps else None
    hold = check.number(item, "hold_s", f"{where}.hold_s") if has_hold else None
    tempo = check.number(item, "tempo_s", f"{where}.tempo_s", default=DEFAULT_TEMPO_S, whole=False)
    rest = check.number(item, "rest_s", f"{where}.rest_s", default=45)
    load = Load()
    if "load" in item:
        raw = item["load"]
        try:
            if not isinstance(raw, str):
                raise ValueError(raw)
            load = Load.parse(raw)
        except ValueError:
            check.fault(f"{where}.load", f"must be {LOAD_HELP} (got {shown(raw)})")
    sides = item.get("sides", "")
    if sides and sides not in SIDES:
        check.fault(f"{where}.sides", f"must be one of {', '.join(SIDES)} (got {shown(sides)})")
    max_reps = check.number(item, "max_reps", f"{where}.max_reps", default=DEFAULT_MAX_REPS)
    if len(check.faults) != before or exercise is None:
        return None
    return RoutineExercise(exercise=exercise, sets=sets, reps=reps, hold_s=hold,
                           tempo_s=float(tempo), rest_s=rest, load=load, sides=sides,
                           max_reps=max_reps)


# --- writing routines ----------------------------------------------------------------------------

ID_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


def _toml_string(text: str) -> str:
    """A TOML basic string: JSON's escapes are valid in one; DEL and C1 escaped too (TOML
    refuses a raw DEL, and a raw C1 would reach a terminal showing the file)."""
    return re.sub("[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def dump_routine(routine: Routine) -> str:
    """The routine as TOML, in the format of `glute_tui/data/routines`: loading it gives it back."""
    lines = [f"name = {_toml_string(routine.name)}"]
    if routine.description:
        lines.append(f"description = {_toml_string(routine.description)}")
    lines += [f"get_ready_s = {routine.get_ready_s}", f"switch_sides_s = {routine.switch_sides_s}",
              f"rest_between_exercises_s = {routine.rest_between_exercises_s}"]
    for item in routine.exercises:
        lines += ["", "[[exercise]]", f"id = {_toml_string(item.id)}", f"sets = {item.sets}"]
        lines.append(f"hold_s = {item.hold_s}" if item.is_hold else f"reps = {item.reps}")
        if not item.is_hold:
            lines.append(f"tempo_s = {item.tempo_s:g}")
        lines += [f"rest_s = {item.rest_s}", f"load = {_toml_string(str(item.load))}"]
        if item.sides:
            lines.append(f"sides = {_toml_string(item.sides)}")
        if item.max_reps != DEFAULT_MAX_REPS:
            lines.append(f"max_reps = {item.max_reps}")
    return "\n".join(lines) + "\n"


def file_id_problem(stem: str) -> str | None:
    """Why a file's name cannot be its routine's id, or None. The id is saved with every session
    of the routine, and a session must read back and import: so the name must be UTF-8 (a name
    in another encoding reads as lone surrogates), without control characters, at most NAME_MAX."""
    if any("\ud800" <= char <= "\udfff" for char in stem):
        return "is not UTF-8 text, and a routine's id (its file name) is saved with each workout; rename the file"
    problem = text_problem(stem, NAME_MAX)
    if problem:
        return f"{problem.replace('; use plain text', '')}: a routine's id is its file name; rename the file"
    return None


def check_new_id(new_id: str, taken: Iterable[str]) -> None:
    """A routine id is a file name: lower-case letters, digits and dashes, and not yet used."""
    if not ID_RE.fullmatch(new_id):
        raise RoutineError([f"routine id {new_id!r}: must be 1 to 40 lower-case letters, digits and "
                            "dashes, starting with a letter or digit"])
    if new_id in set(taken):
        raise RoutineError([f"routine id {new_id!r}: already used; choose another"])


def copy_name(name: str) -> str:
    """`name (mine)`: a copy's name, cut so that it still fits NAME_MAX and loads again."""
    suffix = " (mine)"
    return name[: NAME_MAX - len(suffix)].rstrip() + suffix


def free_id(base: str, taken: Iterable[str]) -> str:
    """`base-mine`, or `base-mine-2`…: the id a copy of a built-in routine is saved under."""
    taken = set(taken)
    for n in range(1, 1000):
        candidate = f"{base}-mine" + (f"-{n}" if n > 1 else "")
        if candidate not in taken:
            return candidate
    raise RoutineError([f"routine {base!r}: no free id for a copy"])


# --- writing a person's exercises ----------------------------------------------------------------


def _toml_list(values: Iterable[str]) -> str:
    return "[" + ", ".join(_toml_string(v) for v in values) + "]"


def _toml_frames(frames: Iterable[tuple[str, ...]]) -> str:
    """Frames as TOML basic strings (escaped, so a backslash of a drawing stays one)."""
    return "[\n" + "".join(f"  {_toml_string(chr(10).join(line.rstrip() for line in frame))},\n"
                           for frame in frames) + "]"


def dump_exercise(exercise: Exercise) -> str:
    """One [[exercise]] table in the format of `exercises.toml`: reading it gives it back."""
    lines = ["[[exercise]]", f"id = {_toml_string(exercise.id)}", f"name = {_toml_string(exercise.name)}",
             f"sides = {_toml_string(exercise.sides)}",
             f"knee_friendly = {'true' if exercise.knee_friendly else 'false'}"]
    if exercise.side_lying:
        lines.append("side_lying = true")
    if exercise.hold_s is not None:
        lines.append(f"hold_s = {exercise.hold_s}")
    elif exercise.reps is not None:
        lines.append(f"reps = {exercise.reps}")
    lines.append(f"tempo_s = {exercise.tempo_s:g}")
    for key in ("muscles", "cues", "hold_cues", "steps", "mistakes"):
        values = getattr(exercise, key)
        if values:
            lines.append(f"{key} = {_toml_list(values)}")
    for key in ("feel", "alternative"):
        if getattr(exercise, key):
            lines.append(f"{key} = {_toml_string(getattr(exercise, key))}")
    figure = exercise.figure
    if exercise.figure_ref:
        lines.append(f"figure = {_toml_string(exercise.figure_ref)}")
    elif figure is not None and figure.id == exercise.id:  # its own frames
        lines.append("[exercise.figure]")
        if figure.unicode != figure.ascii:
            lines.append(f"unicode = {_toml_frames(figure.unicode)}")
        lines.append(f"ascii = {_toml_frames(figure.ascii)}")
    return "\n".join(lines) + "\n"


def dump_exercises(exercises: Iterable[Exercise]) -> str:
    """A person's exercises file."""
    head = ("# Your own exercises, in the format of glute-tui's exercises.toml "
            "(glute-tui exercises validate PATH).\n")
    return head + "".join("\n" + dump_exercise(e) for e in exercises)


def copy_exercise(exercise: Exercise, taken: Iterable[str]) -> Exercise:
    """A built-in move as the person's own, to change: `<id>-mine`, "… (mine)", same drawing."""
    from dataclasses import replace

    new_id = free_id(exercise.id, taken)
    ref = exercise.figure_ref or (exercise.figure.id if exercise.figure is not None and exercise.builtin else "")
    if ref == NEUTRAL_ID:
        ref = ""
    return replace(exercise, id=new_id, name=copy_name(exercise.name), builtin=False, figure_ref=ref)


def as_number(text: str) -> Any:
    """What a TOML file would hold for `text`: a number when it is one, else the text itself."""
    text = text.strip()
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text
