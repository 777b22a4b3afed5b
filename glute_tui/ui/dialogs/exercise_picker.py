"""Pick an exercise from the catalogue to add to a routine."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from glute_tui.core.routines import Exercise
from glute_tui.ui.plain import plain
from glute_tui.ui.widgets.key_footer import KeyFooter


class ExercisePicker(ModalScreen[str | None]):
    """Dismisses with the chosen exercise's id, or None."""
    CSS_PATH = ["dialog.tcss", "exercise_picker.tcss"]  # loaded when the screen is first shown, not at start

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, catalogue: dict[str, Exercise]) -> None:
        super().__init__()
        self.catalogue = catalogue

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static("Add which exercise?", id="dialog-title")
            yield OptionList(*[Option(plain(f"{e.name} ({e.sides})" + ("" if e.builtin else " · yours")), id=e.id)
                               for e in self.catalogue.values()], id="picker-list")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
