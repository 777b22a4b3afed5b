"""The routine editor: names, targets, rests and loads, checked as they are typed.

The draft is kept in the very shape of a routine file, and the core's validator checks it on
every change: the same messages as for a hand-edited file, the planned length updated live,
and Save refused while anything is wrong. A built-in routine is saved as a copy.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from glute_tui.core.format import about, plural
from glute_tui.core.limits import NAME_MAX
from glute_tui.core.plan import build_plan
from glute_tui.core.routines import BANDS, LIMITS, Routine, RoutineError, as_number, parse_routine
from glute_tui.core.text import visible
from glute_tui.ui import keys
from glute_tui.ui.context import AppContext
from glute_tui.ui.plain import NO_CONTROLS, plain
from glute_tui.ui.widgets.key_footer import KeyFooter
from glute_tui.ui.widgets.too_small import TooSmall

ROUTINE_FIELDS = ("get_ready_s", "switch_sides_s", "rest_between_exercises_s")
EXERCISE_FIELDS = ("sets", "amount", "tempo_s", "rest_s")
LOAD_CHOICES = [("body weight", "bodyweight")] + [(f"{b} band", f"band:{b}") for b in BANDS] + [("kg", "kg")]
SIDE_CHOICES = [("as the catalogue says", ""), ("both legs together", "none"),
                ("each side in turn", "both"), ("alternating", "alternate")]


ROUTINE_LABELS = dict(zip(ROUTINE_FIELDS, ("Get ready (s)", "Switch sides (s)", "Between exercises (s)")))
# A fault names a field of the file (exercise[2].rest_s); the person reads the form's label,
# and the field's input (form id) is highlighted.
FIELD_LABELS = {"sets": ("Sets", "sets"), "reps": ("Reps", "amount"), "hold_s": ("Hold (s)", "amount"),
                "tempo_s": ("Tempo (s a rep)", "tempo_s"), "rest_s": ("Rest (s)", "rest_s"),
                "load": ("Load", "kg"), "sides": ("Sides", "sides"), "max_reps": ("Most reps", "")}
FAULT_RE = re.compile(r"(?:(?P<routine>name|description|get_ready_s|switch_sides_s|rest_between_exercises_s)"
                      r"|exercise\[(?P<n>\d+)\](?:\.(?P<key>\w+))?|exercise): (?P<problem>.*)", re.S)
NUMBER_TYPES = {"sets": "integer", "amount": "integer", "rest_s": "integer", "tempo_s": "number",
                "kg": "number", **{key: "integer" for key in ROUTINE_FIELDS}}


def number_input(key: str, value: str = "") -> Input:
    """Letters never reach a number field (as in Preferences); tabbing in does not select all."""
    return Input(value, id=key, type=NUMBER_TYPES[key], select_on_focus=False)  # type: ignore[arg-type]


def allowed(key: str) -> str:
    low, high = LIMITS[key]
    return f"{low:g}–{high:g}"


def routine_doc(routine: Routine) -> dict[str, Any]:
    items = []
    for item in routine.exercises:
        entry: dict[str, Any] = {"id": item.id, "sets": item.sets, "rest_s": item.rest_s,
                                 "load": str(item.load)}
        if item.is_hold:
            entry["hold_s"] = item.hold_s
        else:
            entry["reps"] = item.reps
            entry["tempo_s"] = item.tempo_s
        if item.sides:
            entry["sides"] = item.sides
        items.append(entry)
    return {"name": routine.name, "description": routine.description, "get_ready_s": routine.get_ready_s,
            "switch_sides_s": routine.switch_sides_s,
            "rest_between_exercises_s": routine.rest_between_exercises_s, "exercise": items}


def field_row(label: str, widget, hint: str, hint_id: str) -> Horizontal:
    return Horizontal(Label(label, classes="edit-label"), widget, Static(hint, id=hint_id, classes="edit-hint"),
                      classes="edit-row")


class EditorScreen(Screen[None]):
    CSS_PATH = "editor.tcss"  # loaded when the screen is first shown, not at start
    BINDINGS = keys.EDITOR

    def __init__(self, ctx: AppContext, routine: Routine) -> None:
        super().__init__()
        self.ctx = ctx
        self.routine = routine
        self.doc = routine_doc(routine)
        self.saved_doc = json.dumps(self.doc, sort_keys=True)
        self.current = 0
        self.faults: list[str] = []

    # --- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="editor"):
            with Vertical(id="editor-left"):
                yield Static("Exercises", classes="section-title")
                yield OptionList(id="editor-exercises")
                yield Static("a add · x remove · u/d move\ne edit move · n new move", id="editor-keys")
            with VerticalScroll(id="editor-form"):
                yield field_row("Name", Input(self.doc["name"], id="name", select_on_focus=False,
                                                      restrict=NO_CONTROLS, max_length=NAME_MAX), "", "name-hint")
                for key, label in ROUTINE_LABELS.items():
                    yield field_row(label, number_input(key, str(self.doc[key])), allowed(key), f"{key}-hint")
                yield Static("", id="exercise-title", classes="section-title")
                yield field_row("Sets", number_input("sets"), allowed("sets"), "sets-hint")
                yield field_row("Count", Select([("reps", "reps"), ("timed hold (s)", "hold_s")],
                                                allow_blank=False, id="amount-kind"), "", "kind-hint")
                yield field_row("Reps / hold", number_input("amount"), "", "amount-hint")
                yield field_row("Tempo (s a rep)", number_input("tempo_s"), allowed("tempo_s"), "tempo_s-hint")
                yield field_row("Rest (s)", number_input("rest_s"), allowed("rest_s"), "rest_s-hint")
                yield field_row("Sides", Select(SIDE_CHOICES, allow_blank=False, id="sides"), "", "sides-hint")
                yield field_row("Load", Select(LOAD_CHOICES, allow_blank=False, id="load-kind"), "", "load-hint")
                yield field_row("kg", number_input("kg"), allowed("kg"), "kg-hint")
        yield Static("", id="editor-status")
        yield KeyFooter()
        yield TooSmall()

    def on_mount(self) -> None:
        # Short enough for the Header at 80 columns ("(built in: saved as a copy)" was cut off).
        self.sub_title = ("Edit a copy: " if self.routine.builtin else "Edit: ") + self.routine.name
        self._refresh_list()
        self._show_exercise()
        self._validate()
        self.query_one("#editor-form", VerticalScroll).can_focus = False  # no invisible Tab stop
        self.query_one("#editor-exercises", OptionList).focus()

    # --- the draft -----------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Unsaved when the draft differs from what was saved: adding, then removing the same
        exercise is no change."""
        return json.dumps(self.doc, sort_keys=True) != self.saved_doc

    @property
    def items(self) -> list[dict[str, Any]]:
        return self.doc["exercise"]

    def _refresh_list(self) -> None:
        options = self.query_one("#editor-exercises", OptionList)
        options.clear_options()
        names = self.ctx.library.catalogue
        options.add_options([Option(plain(f"{n + 1}. {names[e['id']].name}")) for n, e in enumerate(self.items)])
        if self.items:
            self.current = max(0, min(self.current, len(self.items) - 1))
            options.highlighted = self.current

    def _show_exercise(self) -> None:
        """Fill the form with the selected exercise. The change handlers see the same values as
        the draft's and so change nothing: filling the form is never an edit."""
        if not self.items:
            self.query_one("#exercise-title", Static).update("No exercise: press a to add one")
            return
        entry = self.items[self.current]
        self.query_one("#exercise-title", Static).update(plain(self.ctx.library.catalogue[entry["id"]].name))
        hold = "hold_s" in entry
        self.query_one("#sets", Input).value = str(entry.get("sets", ""))
        self.query_one("#amount-kind", Select).value = "hold_s" if hold else "reps"
        self.query_one("#amount", Input).value = str(entry.get("hold_s" if hold else "reps", ""))
        self.query_one("#amount-hint", Static).update(allowed("hold_s" if hold else "reps"))
        self.query_one("#tempo_s", Input).value = f"{entry.get('tempo_s', 3):g}" if not hold else ""
        self.query_one("#tempo_s", Input).disabled = hold
        self.query_one("#rest_s", Input).value = str(entry.get("rest_s", ""))
        self.query_one("#sides", Select).value = entry.get("sides", "")
        load = str(entry.get("load", "bodyweight"))
        self.query_one("#load-kind", Select).value = "kg" if load.startswith("kg:") else load
        self.query_one("#kg", Input).value = load[3:] if load.startswith("kg:") else ""
        self.query_one("#kg", Input).disabled = not load.startswith("kg:")

    def _edit(self, change) -> None:
        """Apply `change` to the draft; only a difference from the saved routine is unsaved."""
        change()
        self._validate()

    def _validate(self) -> None:
        """Check the whole draft with the core's validator; show the length or the faults."""
        status = self.query_one("#editor-status", Static)
        try:
            draft = parse_routine(self.doc, self.routine.path or Path(f"{self.routine.id}.toml"), self.ctx.library.catalogue,
                                  routine_id=self.routine.id)
        except RoutineError as exc:
            found = [self._labelled(f.split(": ", 1)[1] if ": " in f else f) for f in exc.faults]
            self.faults = [text for text, _ in found]
            self._highlight({field for _, field in found if field})
            status.update(Text.assemble(("Not saved while wrong: ", "bold"), visible(" · ".join(self.faults[:3]))))  # faults quote values
            status.set_class(True, "-error")
            return
        self.faults = []
        self._highlight(set())
        status.set_class(False, "-error")
        changed = " · unsaved changes, Ctrl+S saves" if self.dirty else ""
        plan = build_plan(draft)
        status.update(f"About {about(plan.total_s)} · {plural(plan.sets_planned, 'set')}{changed}")

    def _labelled(self, fault: str) -> tuple[str, str]:
        """`exercise[1].rest_s: must be …` as the form says it: `Squats · Rest (s): must be …`,
        with the id of the input to highlight when it is on screen now ("" when not)."""
        match = FAULT_RE.fullmatch(fault)
        if match is None:
            return fault, ""
        problem = match["problem"]
        if match["routine"]:
            key = match["routine"]
            return f"{ROUTINE_LABELS.get(key, key.capitalize())}: {problem}", key
        if match["n"] is None:
            return f"Exercises: {problem}", ""
        index = int(match["n"]) - 1
        entry = self.items[index] if 0 <= index < len(self.items) else {}
        exercise = self.ctx.library.catalogue.get(str(entry.get("id")))
        name = exercise.name if exercise is not None else f"Exercise {index + 1}"
        if match["key"] is None:
            return f"{name}: {problem}", ""
        label, field = FIELD_LABELS.get(match["key"], (match["key"], ""))
        return f"{name} · {label}: {problem}", field if index == self.current else ""

    def _highlight(self, fields: set[str]) -> None:
        for widget in self.query(".edit-row Input, .edit-row Select"):
            widget.set_class(widget.id in fields, "-fault")

    # --- edits ---------------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#editor-exercises")
    def select_exercise(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != self.current:
            self.current = event.option_index
            self._show_exercise()
            self._validate()

    @on(Input.Changed)
    def input_changed(self, event: Input.Changed) -> None:
        self._edit(lambda: self._apply_input(event.input.id, event.value))

    def _apply_input(self, key: str | None, value: str) -> None:
        def put(table: dict[str, Any], name: str, new: Any) -> None:
            if table.get(name) != new:  # 3 and 3.0 are the same tempo: no change
                table[name] = new

        if key == "name":
            put(self.doc, "name", value)
        elif key in ROUTINE_FIELDS:
            put(self.doc, key, as_number(value))
        elif self.items:
            entry = self.items[self.current]
            if key == "amount":
                put(entry, "hold_s" if "hold_s" in entry else "reps", as_number(value))
            elif key == "kg" and str(entry.get("load", "")).startswith("kg:"):
                if as_number(entry["load"][3:]) != as_number(value):
                    entry["load"] = f"kg:{value.strip()}"
            elif key in ("sets", "tempo_s", "rest_s") and not (key == "tempo_s" and "hold_s" in entry):
                put(entry, key, as_number(value))

    @on(Select.Changed)
    def select_changed(self, event: Select.Changed) -> None:
        if self.items:
            self._edit(lambda: self._apply_select(event.select.id, str(event.value)))

    def _apply_select(self, key: str | None, value: str) -> None:
        entry = self.items[self.current]
        if key == "amount-kind" and (value == "hold_s") != ("hold_s" in entry):
            for old in ("hold_s", "reps", "tempo_s"):
                entry.pop(old, None)
            if value == "hold_s":
                entry["hold_s"] = 30
            else:
                entry["reps"], entry["tempo_s"] = 12, 3
            self.call_after_refresh(self._show_exercise)
        elif key == "sides" and value != entry.get("sides", ""):
            if value:
                entry["sides"] = value
            else:
                entry.pop("sides", None)
        elif key == "load-kind":
            load = str(entry.get("load", "bodyweight"))
            if value == "kg" and not load.startswith("kg:"):
                entry["load"] = "kg:5"
                self.call_after_refresh(self._show_exercise)
            elif value != "kg" and value != load:
                entry["load"] = value
                self.call_after_refresh(self._show_exercise)

    def action_add(self) -> None:
        from glute_tui.ui.dialogs.exercise_picker import ExercisePicker

        def picked(exercise_id: str | None) -> None:
            if exercise_id:
                exercise = self.ctx.library.catalogue[exercise_id]
                entry: dict = {"id": exercise_id, "sets": 3, **exercise.default_amount}
                if "reps" in entry:
                    entry["tempo_s"] = exercise.tempo_s
                self.items.append({**entry, "rest_s": 45, "load": "bodyweight"})
                self.current = len(self.items) - 1
                self._refresh_list()
                self._show_exercise()
                self._validate()

        self.app.push_screen(ExercisePicker(self.ctx.library.catalogue), picked)

    def action_exercise_form(self) -> None:
        """Your exercise: edit it; a built-in one: a copy of it, as a new exercise of yours."""
        if not self.items:
            self.action_new_exercise()
            return
        self._open_form(self.ctx.library.catalogue.get(self.items[self.current]["id"]))

    def action_new_exercise(self) -> None:
        self._open_form(None)

    def _open_form(self, exercise) -> None:
        from glute_tui.ui.screens.exercise_form import ExerciseFormScreen

        def closed(saved_id: str | None) -> None:
            self._refresh_list()  # a renamed or new move shows under its new name
            self._show_exercise()
            self._validate()

        self.app.push_screen(ExerciseFormScreen(self.ctx, exercise), closed)

    def action_remove(self) -> None:
        if self.items:
            del self.items[self.current]
            self._refresh_list()
            self._show_exercise()
            self._validate()

    def action_move(self, step: int) -> None:
        target = self.current + step
        if self.items and 0 <= target < len(self.items):
            self.items[self.current], self.items[target] = self.items[target], self.items[self.current]
            self.current = target
            self._refresh_list()
            self._validate()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Letters go to a field being typed in; the list keys work when the list has focus."""
        if action in ("add", "remove", "move"):
            return isinstance(self.focused, OptionList)
        return True

    # --- save and leave ------------------------------------------------------------------------

    def action_save(self) -> None:
        self._validate()
        if self.faults:
            self.notify("Not saved: " + "; ".join(self.faults[:3]), severity="error", timeout=8, markup=False)
            return
        draft = parse_routine(self.doc, self.routine.path or Path(f"{self.routine.id}.toml"), self.ctx.library.catalogue,
                              routine_id=self.routine.id)
        draft = replace(draft, builtin=self.routine.builtin, path=self.routine.path)
        try:
            saved = self.ctx.library.save(draft)
        except (OSError, RoutineError) as exc:
            self.notify(f"Could not save: {exc}", severity="error", timeout=8, markup=False)
            return
        self.routine = saved
        self.doc = routine_doc(saved)
        self.saved_doc = json.dumps(self.doc, sort_keys=True)
        self.sub_title = f"Edit: {saved.name}"
        self._validate()
        self.notify(f"Saved {saved.name} ({saved.id}).", timeout=4, markup=False)

    def action_leave(self) -> None:
        from glute_tui.ui.dialogs.confirm import Confirm

        if not self.dirty:
            self.app.pop_screen()
            return

        def decided(leave: bool | None) -> None:
            if leave:
                self.app.pop_screen()

        self.app.push_screen(Confirm("Leave without saving?", "Your changes to this routine will be lost.",
                                     "Leave", "Keep editing"), decided)

    def action_help(self) -> None:
        """`?`: every screen's keys, this one's first."""
        from glute_tui.ui.dialogs.help import HelpScreen

        self.app.push_screen(HelpScreen(self.ctx.library.catalogue, self.routine, screen="Editor"))
