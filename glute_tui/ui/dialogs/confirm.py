"""A yes-or-no question before something that cannot be taken back (leaving, deleting)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from glute_tui.ui.plain import plain
from glute_tui.ui.widgets.key_footer import KeyFooter


class Confirm(ModalScreen[bool]):
    """Dismisses with True for `y` (the action), False for `n` or Escape (the safe choice)."""
    CSS_PATH = "dialog.tcss"  # loaded when the screen is first shown, not at start

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, title: str, text: str, yes: str, no: str) -> None:
        super().__init__()
        self.title_text, self.text, self.yes, self.no = title, text, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(plain(self.title_text), id="dialog-title")
            yield Static(plain(self.text), id="dialog-text")  # may name a session: plain text
            with Horizontal(id="dialog-buttons"):
                yield Button(f"{self.yes} (y)", variant="error", id="yes")
                yield Button(f"{self.no} (n)", variant="primary", id="no")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()  # Enter on the dialog never does the harm

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
