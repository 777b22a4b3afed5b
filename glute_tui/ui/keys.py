"""Every screen's keys, in one place: the screens bind them, and Help lists them from here
(so Help never shows a key a screen lacks, and never needs to import the screens)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

HOME: list[BindingType] = [
    Binding("enter", "start", "Start workout", priority=True),
    Binding("c", "toggle_counting", "Counting mode"),
    Binding("h", "history", "History"),
    Binding("e", "edit", "Edit routine"),
    Binding("p", "preferences", "Preferences"),
    Binding("question_mark", "help", "Help", key_display="?"),
    Binding("m", "app.toggle_mute", "Mute"),
    Binding("q", "app.quit", "Quit"),
]

WORKOUT: list[BindingType] = [
    Binding("space", "toggle_pause", "Pause", key_display="Space"),
    Binding("enter", "finish", "Done", key_display="Enter"),
    Binding("up", "reps(1)", "Reps ±", key_display="↑↓"),
    Binding("down", "reps(-1)", "Reps -1", show=False),
    Binding("n", "skip", "Skip"),
    Binding("b", "back", "Back"),
    Binding("plus", "add_rest", "+15 s", key_display="+"),
    Binding("m", "app.toggle_mute", "Mute"),
    Binding("q", "quit_workout", "Quit"),
    Binding("question_mark", "help", "Help", key_display="?"),
]

SUMMARY: list[BindingType] = [
    Binding("enter", "home", "Home", priority=True),  # the table has focus and would keep Enter
    Binding("escape", "home", "Home", show=False),
    Binding("p", "progress", "Take the next step"),
    Binding("q", "app.quit", "Quit"),
    Binding("question_mark", "help", "Help", key_display="?"),
]

HISTORY: list[BindingType] = [
    Binding("enter", "open", "Open session", priority=True),
    Binding("d,delete", "delete", "Delete"),
    Binding("g", "weekly_goal", "Weekly goal"),
    Binding("r", "progress", "Reps & load"),
    Binding("escape,h", "app.pop_screen", "Back"),
    Binding("question_mark", "help", "Help", key_display="?"),
]

EDITOR: list[BindingType] = [
    Binding("ctrl+s", "save", "Save", priority=True),
    Binding("escape", "leave", "Back"),
    Binding("a", "add", "Add exercise"),
    Binding("x,delete", "remove", "Remove"),
    Binding("u", "move(-1)", "Move up"),
    Binding("d", "move(1)", "Move down"),
    Binding("question_mark", "help", "Help", key_display="?"),
]

PREFERENCES: list[BindingType] = [Binding("escape", "back", "Back"), Binding("question_mark", "help", "Help", key_display="?")]
