"""`g` on History: type the weekly goal (or step it with ↑/↓), Enter to keep it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from glute_tui.core.preferences import WEEKLY_GOAL_RANGE
from glute_tui.ui.widgets.key_footer import KeyFooter

LOW, HIGH = WEEKLY_GOAL_RANGE


class WeeklyGoal(ModalScreen[int | None]):
    """Dismisses with the goal typed (a whole number in range), or None for Esc."""
    CSS_PATH = "dialog.tcss"  # loaded when the screen is first shown, not at start
    BINDINGS = [
        Binding("enter", "keep", "Keep", priority=True),
        Binding("up", "step(1)", "+1", key_display="↑"),
        Binding("down", "step(-1)", "-1", key_display="↓"),
        Binding("escape", "dismiss(None)", "Cancel"),
    ]

    def __init__(self, goal: int) -> None:
        super().__init__()
        self.goal = goal

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="-question"):
            yield Static("Weekly goal", id="dialog-title")
            yield Static(f"Sessions a week that keep the weekly streak going, {LOW} to {HIGH}.",
                         id="dialog-text")
            yield Input(str(self.goal), id="goal", type="integer", select_on_focus=False)
            yield Static("", id="goal-problem")
        yield KeyFooter()

    def on_mount(self) -> None:
        goal = self.query_one("#goal", Input)
        goal.focus()
        goal.cursor_position = len(goal.value)

    def _typed(self) -> int | None:
        text = self.query_one("#goal", Input).value.strip()
        return int(text) if text.isdigit() and LOW <= int(text) <= HIGH else None

    @on(Input.Changed, "#goal")
    def typed(self) -> None:
        self.query_one("#goal-problem", Static).update(
            "" if self._typed() is not None else f"A whole number from {LOW} to {HIGH}.")

    def action_step(self, delta: int) -> None:
        goal = self._typed() or self.goal
        goal = max(LOW, min(HIGH, goal + delta))
        field = self.query_one("#goal", Input)
        field.value = str(goal)
        field.cursor_position = len(field.value)

    def action_keep(self) -> None:
        goal = self._typed()
        if goal is not None:
            self.dismiss(goal)
