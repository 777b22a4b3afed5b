"""Every screen's keys, in one place: the screens bind them, and Help lists them from here
(so Help never shows a key a screen lacks, and never needs to import the screens)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

# Short descriptions fit the footer at 80 (and the first keys at 60) columns; `?` comes early so
# that it shows even where the footer is cut; the tooltip is what Help says.
HOME: list[BindingType] = [
    Binding("enter", "start", "Start", priority=True, tooltip="Start the routine shown"),
    Binding("question_mark", "help", "Help", key_display="?", tooltip="Every key, and how to do each move"),
    Binding("q", "app.quit", "Quit"),
    # Not in the footer, which at 80 columns ended in a bare "m" and lost "w Plan": Home's own
    # "Counting: … · c to change" line says it, and Help and the palette list it.
    Binding("c", "toggle_counting", "Counting", show=False, tooltip="Paced or self-paced (remembered)"),
    Binding("h", "history", "History"),
    Binding("e", "edit", "Edit", tooltip="Edit the routine (a built-in one is saved as your copy)"),
    Binding("p", "preferences", "Prefs", tooltip="Preferences"),
    Binding("m", "app.toggle_mute", "Mute", tooltip="Sound on / off (remembered)"),
    Binding("w", "plan", "Plan", tooltip="The plan over weeks: each move's next step and what earns it"),
]

WORKOUT: list[BindingType] = [
    # One key, said as what it does now: "Pause", and "Resume" while paused (check_action).
    Binding("space", "toggle_pause('pause')", "Pause", key_display="Space"),
    Binding("space", "toggle_pause('resume')", "Resume", key_display="Space"),
    Binding("enter", "finish", "Done", key_display="Enter"),
    Binding("question_mark", "help", "Help", key_display="?"),
    Binding("q", "quit_workout", "Quit"),
    Binding("up", "reps(1)", "Reps ±", key_display="↑↓"),
    Binding("down", "reps(-1)", "Reps -1", show=False),
    Binding("n", "skip", "Skip"),
    Binding("b", "back", "Back"),
    Binding("plus", "add_rest", "+15 s", key_display="+"),
    Binding("m", "app.toggle_mute", "Mute"),
    # "How was it?" after the last set of an exercise (the prompt on the screen shows them)
    Binding("1", "effort('easy')", "How was it: easy", show=False),
    Binding("2", "effort('right')", "How was it: right", show=False),
    Binding("3", "effort('hard')", "How was it: hard", show=False),
    Binding("4", "effort('failed')", "How was it: could not finish", show=False),
]

SUMMARY: list[BindingType] = [
    Binding("enter", "home", "Home", priority=True),  # the table has focus and would keep Enter
    Binding("escape", "home", "Home", show=False),
    Binding("question_mark", "help", "Help", key_display="?"),
    Binding("p", "progress", "Next step", tooltip="Take the next step into your routine"),
    Binding("a", "pain_check", "Any pain?"),
    Binding("q", "app.quit", "Quit"),
]

HISTORY: list[BindingType] = [
    Binding("enter", "open", "Open", priority=True, tooltip="Open the session: its sets"),
    Binding("question_mark", "help", "Help", key_display="?"),
    Binding("escape,h", "app.pop_screen", "Back"),
    Binding("g", "weekly_goal", "Goal", tooltip="Type or step the weekly goal"),
    Binding("r", "progress", "Trends", tooltip="Reps and load over time"),
    Binding("d,delete", "delete", "Delete", tooltip="Delete the session (asks first)"),
]

PLAN: list[BindingType] = [
    Binding("escape,w", "app.pop_screen", "Back"),
    Binding("question_mark", "help", "Help", key_display="?"),
]

EDITOR: list[BindingType] = [
    Binding("ctrl+s", "save", "Save", priority=True),
    Binding("escape", "leave", "Back", tooltip="Back (asks first when there are unsaved changes)"),
    Binding("question_mark", "help", "Help", key_display="?", tooltip="Help (from the list of exercises)"),
    Binding("a", "add", "Add", tooltip="Add an exercise (from the list)"),
    Binding("x,delete", "remove", "Remove", tooltip="Remove the exercise (from the list)"),
    Binding("u", "move(-1)", "Up", tooltip="Move the exercise up (from the list)"),
    Binding("d", "move(1)", "Down", tooltip="Move the exercise down (from the list)"),
    Binding("e", "exercise_form", "Move…", tooltip="Edit your exercise, or copy a built-in one (from the list)"),
    Binding("n", "new_exercise", "New move", tooltip="Make a new exercise of your own"),
]

PREFERENCES: list[BindingType] = [
    Binding("escape", "back", "Back"),
    Binding("question_mark", "help", "Help", key_display="?"),
]
