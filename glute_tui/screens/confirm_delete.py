"""Asked before a session is deleted from history: it cannot be undone."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..record import Session


class ConfirmDelete(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "Delete"),
        Binding("n,escape", "answer(False)", "Keep"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        when = self.session.started_at[:16].replace("T", " ")
        with Vertical(id="dialog"):
            yield Static("Delete this session?", id="dialog-title")
            yield Static(f"{self.session.routine_name} on {when}. This cannot be undone "
                         "(an export keeps a copy).", id="dialog-text")
            with Horizontal(id="dialog-buttons"):
                yield Button("Delete (y)", variant="error", id="yes")
                yield Button("Keep (n)", variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, delete: bool) -> None:
        self.dismiss(delete)
