"""The workout's actions as buttons a finger can hit, for a phone in the browser.

In a terminal the keys are at hand and the Footer lists them. In a browser (`glute-tui serve`)
the person is usually on a phone: the Footer is one row of small keys that runs off-screen at
46 columns, and there is no keyboard. There the touch bar takes the Footer's place: every
action of the workout (the keys of keys.WORKOUT but Help's) is one tap away. The buttons never
take the focus, so a keyboard still drives the screen through its bindings.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid
from textual.widgets import Button

# (id, label, action): the screen's own actions, as its keys run them.
TOUCH_ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("pause", "Pause", "screen.toggle_pause"),
    ("done", "Done", "screen.finish"),
    ("skip", "Skip", "screen.skip"),
    ("back", "Back", "screen.back"),
    ("add-rest", "+15 s", "screen.add_rest"),
    ("reps-down", "Rep −", "screen.reps(-1)"),
    ("reps-up", "Rep +", "screen.reps(1)"),
    ("mute", "Mute", "app.toggle_mute"),
    ("help", "Help", "screen.help"),
    ("quit", "Quit", "screen.quit_workout"),
)


def touch_button(label: str, action: str, id: str, classes: str = "") -> Button:
    """A button that runs `action` when tapped and never takes the keyboard's focus."""
    button = Button(label, id=id, action=action, classes=classes)
    button.can_focus = False
    return button


class TouchBar(Grid):
    """Ten buttons in a grid: one row on a wide screen, two on a phone held upright. The
    workout screen makes it by touch only, so it shows wherever it is."""

    DEFAULT_CSS = """
    TouchBar { height: auto; grid-size: 10 1; grid-gutter: 0 1; }
    TouchBar Button { width: 1fr; min-width: 0; }
    """

    def compose(self) -> ComposeResult:
        for name, label, action in TOUCH_ACTIONS:
            yield touch_button(label, action, id=f"touch-{name}")

    def show(self, *, paused: bool, muted: bool) -> None:
        """The two buttons that change with the state: Pause/Resume and Mute/Sound on."""
        self.query_one("#touch-pause", Button).label = "Resume" if paused else "Pause"
        self.query_one("#touch-mute", Button).label = "Sound" if muted else "Mute"
