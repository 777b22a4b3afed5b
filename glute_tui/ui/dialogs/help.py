"""`?`: every key, and how to do each exercise of the routine."""

from __future__ import annotations

import re
from typing import Callable

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from glute_tui.core.figures import Figure
from glute_tui.core.routines import Exercise, Routine, RoutineExercise
from glute_tui.core.text import visible
from glute_tui.ui import keys
from glute_tui.ui.ascii_output import unicode_terminal
from glute_tui.ui.widgets.key_footer import KeyFooter

WORKOUT_KEYS = """\
| Key | During a workout |
|---|---|
| Space | pause / resume (Help, Ctrl+P and questions pause it too) |
| Enter | finish the set now (or end a rest or the get-ready early) |
| ↑ / ↓ | correct the rep count (during a rest or a switch: of the set just done) |
| n | skip this step (a skipped set is followed by a short rest) |
| b | back one step |
| + | 15 more seconds of rest |
| m | sound on / off |
| q | stop the workout (asks first; what you did is saved) |
| ? | this help |
| Ctrl+P | every action: start a routine by name, history, sound, voice, theme |
"""

# Every screen's keys, in the order a person meets them; read from the screens' own BINDINGS,
# so this help never lists a key a screen does not have.
SCREENS = ("Home", "Workout", "Summary", "History", "Plan", "Editor", "Preferences")


SCREEN_KEYS = {"Home": keys.HOME, "Workout": keys.WORKOUT, "Summary": keys.SUMMARY,
               "History": keys.HISTORY, "Plan": keys.PLAN, "Editor": keys.EDITOR,
               "Preferences": keys.PREFERENCES}


KEY_NAMES = {"enter": "Enter", "escape": "Esc", "delete": "Delete", "space": "Space", "question_mark": "?",
             "plus": "+", "up": "↑", "down": "↓", "tab": "Tab"}
# What a screen's bindings cannot say: the keys of its fields.
EXTRA_ROWS = {
    "Editor": [("Tab / Shift+Tab", "move between the list and the fields"),
               ("↑ / ↓", "choose an exercise in the list")],
    "Preferences": [("Tab / Shift+Tab", "move between the settings"),
                    ("Enter", "save the weekly goal typed (leaving the field saves it too)"),
                    ("Space / Enter", "turn a switch on or off, open a list")],
    "History": [("↑ / ↓", "choose a session")],
    "Home": [("↑ / ↓", "choose a routine")],
    "Plan": [("↑ / ↓", "scroll")],
}


def readable(binding: Binding) -> str:
    """`Ctrl+S`, `Esc`, `Enter`: a key as the person reads it on the keyboard."""
    key = binding.key
    if key.startswith("ctrl+"):
        return "Ctrl+" + key[5:].upper()
    return KEY_NAMES.get(key, binding.key_display or key)


def key_table(bindings: list[BindingType], display: Callable[[Binding], str],
              extra: list[tuple[str, str]] = ()) -> str:
    """A screen's keys as a Markdown table: one row per action, its keys joined."""
    rows: dict[tuple[str, str], list[str]] = {}
    for binding in Binding.make_bindings(bindings):
        if not binding.description:
            continue
        key = (binding.action, binding.tooltip or binding.description)
        shown = display(binding)
        if shown not in rows.setdefault(key, []):
            rows[key].append(shown)
    lines = ["| Key | What it does |", "|---|---|"]
    lines += [f"| {' / '.join(keys)} | {description} |" for (_, description), keys in rows.items()]
    lines += [f"| {keys} | {description} |" for keys, description in extra]
    return "\n".join(lines)


def keys_markdown(display: Callable[[Binding], str], first: str = "") -> str:
    """Every screen's keys; `first` (the screen Help was opened from) comes first."""
    order = sorted(SCREENS, key=lambda name: name != first)
    parts = []
    for name in order:
        table = WORKOUT_KEYS if name == "Workout" else key_table(SCREEN_KEYS[name], display,
                                                                 EXTRA_ROWS.get(name, []))
        parts += [f"### {name}", table]
    parts += ["### Questions and dialogs", "| Key | What it does |\n|---|---|\n"
              "| y / n | answer a question (Enter presses the button in focus) |\n"
              "| Esc | close, or No |\n| Ctrl+P | every action of the screen |\n| Ctrl+Q | quit at once "
              "(a running workout is saved) |"]
    return "\n\n".join(parts)


def figure_block(figure: Figure, unicode: bool = True) -> list[str]:
    """The figure's frames side by side, start first, as a fenced block: shown as drawn."""
    frames = figure.frames(unicode)
    rows = ["   ".join(frame[row] for frame in frames).rstrip() for row in range(len(frames[0]))]
    ticks = max((len(run) for run in re.findall("`+", "\n".join(rows))), default=0)
    fence = "`" * max(3, ticks + 1)
    return [fence + "text", *rows, fence]


def md(text: str) -> str:
    """A text from a file as Markdown that shows it as written (its punctuation escaped)."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~&])", r"\\\1", visible(text))


def how_to(item: RoutineExercise, catalogue: dict | None = None, unicode: bool = True) -> str:
    ex = item.exercise
    parts = [f"### {md(ex.name)}", f"*{item.target_label} · {md(item.load.label)}*", ""]
    if ex.figure is not None:
        parts += figure_block(ex.figure, unicode) + [""]
    parts += [f"{n}. {md(step)}" for n, step in enumerate(ex.steps, start=1)]
    if ex.feel:
        parts += ["", f"**Feel it:** {md(ex.feel)}"]
    if ex.mistakes:
        parts += ["", "**Avoid:** " + "; ".join(md(m.lower()) for m in ex.mistakes) + "."]
    if ex.muscles:
        parts += ["", "**Works:** " + ", ".join(md(m) for m in ex.muscles) + "."]
    if ex.alternative and catalogue and ex.alternative in catalogue:
        parts += ["", f"**If your knees complain:** {md(catalogue[ex.alternative].name)} instead."]
    return "\n".join(parts)


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"  # loaded when the screen is first shown, not at start
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, catalogue: dict[str, Exercise], routine: Routine | None = None,
                 current: RoutineExercise | None = None, screen: str = "") -> None:
        super().__init__()
        self.catalogue = catalogue
        self.routine = routine
        self.current = current
        self.screen_name = screen

    def compose(self) -> ComposeResult:
        sections = ["## Keys", keys_markdown(readable, self.screen_name)]
        if self.routine is not None:
            unicode = unicode_terminal()
            items = list(self.routine.exercises)
            if self.current in items:  # during a workout: the move under way, then the keys
                items.remove(self.current)
                sections[:0] = ["## Now", how_to(self.current, self.catalogue, unicode)]
            if items:
                sections.append(f"## How to do it: {md(self.routine.name)}")
            sections += [how_to(item, self.catalogue, unicode) for item in items]
        with VerticalScroll(id="help"):
            yield Markdown("\n\n".join(sections))
        yield KeyFooter()
