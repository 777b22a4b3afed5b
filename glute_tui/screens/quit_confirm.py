"""Asked before leaving a workout halfway: what was done is saved either way."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..plan import plural


class QuitConfirm(ModalScreen[bool]):
    """Dismisses with True to stop the workout, False to keep going."""

    BINDINGS = [
        Binding("y", "stop", "Stop and save"),
        Binding("n,escape", "keep_going", "Keep going"),
    ]

    def __init__(self, sets_done: int) -> None:
        super().__init__()
        self.sets_done = sets_done

    def compose(self) -> ComposeResult:
        sets = plural(self.sets_done, "set")
        with Vertical(id="dialog"):
            yield Static("Stop this workout?", id="dialog-title")
            text = (f"The {sets} done so far will be saved to your history." if self.sets_done
                    else "No set is finished yet; skipped sets are kept as skipped.")
            yield Static(text, id="dialog-text")
            with Horizontal(id="dialog-buttons"):
                yield Button("Stop and save (y)", variant="error", id="stop")
                yield Button("Keep going (n)", variant="primary", id="keep")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "stop")

    def action_stop(self) -> None:
        self.dismiss(True)

    def action_keep_going(self) -> None:
        self.dismiss(False)
