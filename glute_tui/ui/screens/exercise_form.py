"""The exercise form: create, edit or delete one of your own exercises; a built-in one is copied.

The form holds what the person types; the library checks it with the rules of the exercises
file (the same messages as `glute-tui exercises validate`) and saves it to `exercises.toml`.
Escape asks before dropping unsaved changes, as the routine editor does. Deleting is a button
of the form, not a key: every key a text field types (Ctrl+D deletes a character there) is
the field's.
"""

from __future__ import annotations

import json
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Label, Select, Static, Switch

from glute_tui.core.routines import SIDES, Exercise, RoutineError, as_number
from glute_tui.ui.context import AppContext
from glute_tui.ui.widgets.key_footer import KeyFooter
from glute_tui.ui.widgets.move_figure import MoveFigure
from glute_tui.ui.widgets.too_small import TooSmall

OWN_FRAMES = "(own)"
NEUTRAL = "(none)"
SIDE_LABELS = {"none": "both legs at once", "both": "each side", "alternate": "alternating"}
LIST_SEPARATOR = ";"


def split(text: str) -> list[str]:
    return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]


def row(label: str, widget, hint: str = "") -> Horizontal:
    return Horizontal(Label(label, classes="form-label"), widget, Static(hint, classes="form-hint"),
                      classes="form-row")


class ExerciseFormScreen(Screen[str | None]):
    """Dismisses with the id saved, or None (left without saving, or deleted)."""

    CSS_PATH = "exercise_form.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "leave", "Back"),
    ]

    def __init__(self, ctx: AppContext, exercise: Exercise | None = None) -> None:
        """`exercise`: one of yours to edit, a built-in one to copy, or None for a new one."""
        super().__init__()
        self.ctx = ctx
        library = ctx.library
        if exercise is None:
            self.base = Exercise(id="", name="", sides="none", reps=12, builtin=False)
            self.original_id: str | None = None
        elif exercise.builtin:
            self.base = library.draft_copy(exercise)
            self.original_id = None
        else:
            self.base = exercise
            self.original_id = exercise.id
        self.copied_from = exercise.name if exercise is not None and exercise.builtin else ""
        self.opened_as = ""  # the form's values when it opened: any difference is unsaved

    # --- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        base = self.base
        figures = [(fid, fid) for fid in self._figure_ids()]
        own = base.figure is not None and not base.figure_ref and base.figure.id == base.id and base.id != ""
        choices = ([("its own frames", OWN_FRAMES)] if own else []) + [("neutral figure", NEUTRAL)] + figures
        chosen = OWN_FRAMES if own else (base.figure_ref or NEUTRAL)
        amount = base.default_amount
        yield Header()
        with Horizontal(id="exercise-form"):
            with VerticalScroll(id="exercise-fields"):
                yield row("Id", Input(base.id, compact=True, id="ex-id", placeholder="monster-walk"), "a-z 0-9 -")
                yield row("Name", Input(base.name, compact=True, id="ex-name", placeholder="Monster walks"))
                yield row("Sides", Select([(SIDE_LABELS[s], s) for s in SIDES], value=base.sides,
                                          allow_blank=False, compact=True, id="ex-sides"))
                yield row("Knee-friendly", Switch(value=base.knee_friendly, id="ex-knee"))
                yield row("Count", Select([("reps", "reps"), ("timed hold (s)", "hold_s")],
                                          value="hold_s" if "hold_s" in amount else "reps", allow_blank=False,
                                          compact=True, id="ex-kind"))
                yield row("Reps / hold", Input(str(next(iter(amount.values()))), compact=True, id="ex-amount"), "default")
                yield row("Tempo (s a rep)", Input(f"{base.tempo_s:g}", compact=True, id="ex-tempo"), "1-10")
                yield row("Areas it loads", Input(", ".join(base.muscles), compact=True, id="ex-muscles"), "a, b")
                yield row("Cues", Input("; ".join(base.cues), compact=True, id="ex-cues"), "a; b")
                yield row("Feel", Input(base.feel, compact=True, id="ex-feel"))
                yield row("Mistakes", Input("; ".join(base.mistakes), compact=True, id="ex-mistakes"), "a; b")
                yield row("Figure", Select(choices, value=chosen, allow_blank=False, compact=True, id="ex-figure"))
                if self.original_id is not None:  # only a saved exercise of yours can go
                    yield Button("Delete this exercise…", variant="error", compact=True, id="ex-delete")
            with Vertical(id="exercise-side"):
                yield Static("Figure", classes="section-title")
                yield MoveFigure(id="form-figure")
        yield Static("", id="form-status")
        yield KeyFooter()
        yield TooSmall()

    def on_mount(self) -> None:
        if self.original_id is not None:
            self.sub_title = f"Your exercise: {self.base.name}"
        elif self.copied_from:
            self.sub_title = f"New exercise, from {self.copied_from}"
        else:
            self.sub_title = "New exercise"
        self._show_figure()
        self._check()
        self.opened_as = self._values()
        self.query_one("#ex-id", Input).focus()

    def on_resize(self, event) -> None:
        """Below 80 columns the fields take the whole width; the figure pane goes."""
        self.query_one("#exercise-side").display = event.size.width >= 80

    def _figure_ids(self) -> list[str]:
        from glute_tui.store.routine_files import load_figures

        return [fid for fid in load_figures() if fid != "neutral"]

    # --- the form as a file's table ----------------------------------------------------------------

    def table(self) -> dict[str, Any]:
        """The form's values as an [[exercise]] table of the file would hold them."""
        def value(widget_id: str) -> str:
            return self.query_one(f"#{widget_id}", Input).value

        table: dict[str, Any] = {
            "id": value("ex-id").strip(),
            "name": value("ex-name").strip(),
            "sides": self.query_one("#ex-sides", Select).value,
            "knee_friendly": self.query_one("#ex-knee", Switch).value,
            str(self.query_one("#ex-kind", Select).value): as_number(value("ex-amount")),
            "tempo_s": as_number(value("ex-tempo")),
        }
        muscles = [m.strip() for m in value("ex-muscles").split(",") if m.strip()]
        for key, values in (("muscles", muscles), ("cues", split(value("ex-cues"))),
                            ("mistakes", split(value("ex-mistakes")))):
            if values:
                table[key] = values
        if value("ex-feel").strip():
            table["feel"] = value("ex-feel").strip()
        for key in ("steps", "hold_cues"):  # kept as they were: the form does not show them
            if getattr(self.base, key):
                table[key] = list(getattr(self.base, key))
        if self.base.side_lying:
            table["side_lying"] = True
        if self.base.alternative:
            table["alternative"] = self.base.alternative
        figure = self.query_one("#ex-figure", Select).value
        if figure == OWN_FRAMES and self.base.figure is not None:
            table["figure"] = {"ascii": ["\n".join(f) for f in self.base.figure.ascii]}
            if self.base.figure.unicode != self.base.figure.ascii:
                table["figure"]["unicode"] = ["\n".join(f) for f in self.base.figure.unicode]
        elif figure != NEUTRAL:
            table["figure"] = figure
        return table

    def _values(self) -> str:
        return json.dumps(self.table(), sort_keys=True, default=str)

    @property
    def dirty(self) -> bool:
        """Unsaved when a field differs from what the form opened with: typing a letter and
        taking it back is no change."""
        return self._values() != self.opened_as

    def _check(self) -> Exercise | None:
        exercise, faults = self.ctx.library.parse_exercise(self.table(), self.original_id)
        status = self.query_one("#form-status", Static)
        status.set_class(bool(faults), "-error")
        if faults:
            status.update(Text("\n".join(faults[:4]) + (f"\n… and {len(faults) - 4} more" if len(faults) > 4 else "")))
        else:
            status.update(Text(f"Ready: Ctrl+S saves it to {self.ctx.library.exercises_file.name} "
                               "in your config folder"))
        return exercise

    def _show_figure(self) -> None:
        figures = {}
        from glute_tui.store.routine_files import load_figures

        figures = load_figures()
        choice = self.query_one("#ex-figure", Select).value
        if choice == OWN_FRAMES:
            figure = self.base.figure
        else:
            figure = figures.get(str(choice)) if choice != NEUTRAL else figures.get("neutral")
        self.query_one("#form-figure", MoveFigure).show(figure, 1 if figure is not None else 0)

    @on(Input.Changed)
    @on(Switch.Changed)
    def changed(self) -> None:
        self._check()

    @on(Select.Changed)
    def select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "ex-figure":
            self._show_figure()
        self._check()

    @on(Button.Pressed, "#ex-delete")
    def delete_pressed(self) -> None:
        self.action_delete()

    # --- actions -------------------------------------------------------------------------------

    def action_save(self) -> None:
        exercise = self._check()
        if exercise is None:
            self.notify("Not saved: fix the fields named below first.", severity="error", timeout=4)
            return
        try:
            saved = self.ctx.library.save_exercise(exercise, self.original_id)
        except (RoutineError, OSError) as exc:
            message = "\n".join(exc.faults) if isinstance(exc, RoutineError) else str(exc)
            self.notify(message, title="Not saved", severity="error", timeout=10, markup=False)
            return
        self.notify(f"Saved {saved.name}", timeout=3, markup=False)
        self.dismiss(saved.id)

    def action_delete(self) -> None:
        if self.original_id is None:
            self.notify("Nothing to delete: this exercise is not saved yet.", timeout=3)
            return
        from glute_tui.ui.dialogs.confirm import Confirm

        def decided(yes: bool | None) -> None:
            if not yes or self.original_id is None:
                return
            try:
                self.ctx.library.delete_exercise(self.original_id)
            except (RoutineError, OSError) as exc:
                message = "\n".join(exc.faults) if isinstance(exc, RoutineError) else str(exc)
                self.notify(message, title="Not deleted", severity="error", timeout=10, markup=False)
                return
            self.notify("Exercise deleted", timeout=3)
            self.dismiss(None)

        self.app.push_screen(Confirm("Delete this exercise?", "It is removed from your exercises file.",
                                     "Delete", "Keep it"), decided)

    def action_leave(self) -> None:
        """Escape: at once when nothing changed; otherwise the editor's question first."""
        from glute_tui.ui.dialogs.confirm import Confirm

        if not self.dirty:
            self.dismiss(None)
            return

        def decided(leave: bool | None) -> None:
            if leave:
                self.dismiss(None)

        self.app.push_screen(Confirm("Leave without saving?", "Your changes to this exercise will be lost.",
                                     "Leave", "Keep editing"), decided)
