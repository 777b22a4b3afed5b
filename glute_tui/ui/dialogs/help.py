"""`?`: every key, and how to do each exercise of the routine."""

from __future__ import annotations

import io
from typing import Callable

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from glute_tui.core.routines import Exercise, Routine, RoutineExercise
from glute_tui.core.text import visible
from glute_tui.ui import keys
from glute_tui.ui.ascii_output import unicode_terminal
from glute_tui.ui.widgets.key_footer import KeyFooter

WORKOUT_ROWS = [
    ("Space", "pause / resume (Help, Ctrl+P and questions pause it too)"),
    ("Enter", "finish the set now (or end a rest or the get-ready early)"),
    ("↑ / ↓", "correct the rep count (during a rest or a switch: of the set just done)"),
    ("n", "skip this step (a skipped set is followed by a short rest)"),
    ("b", "back one step"),
    ("+", "15 more seconds of rest"),
    ("m", "sound on / off"),
    ("q", "stop the workout (asks first; what you did is saved)"),
    ("?", "this help"),
    ("Ctrl+P", "every action: start a routine by name, history, sound, voice, theme"),
]
DIALOG_ROWS = [
    ("y / n", "answer a question (Enter presses the button in focus)"),
    ("Esc", "close, or No"),
    ("Ctrl+P", "every action of the screen"),
    ("Ctrl+Q", "quit (in a workout it asks, as q does; Ctrl+Q again leaves at once, saving it)"),
]

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


def key_rows(bindings: list[BindingType], display: Callable[[Binding], str],
             extra: list[tuple[str, str]] = ()) -> list[tuple[str, str]]:
    """A screen's keys, one row per action, its keys joined: (keys, what it does)."""
    rows: dict[tuple[str, str], list[str]] = {}
    for binding in Binding.make_bindings(bindings):
        if not binding.description:
            continue
        key = (binding.action, binding.tooltip or binding.description)
        shown = display(binding)
        if shown not in rows.setdefault(key, []):
            rows[key].append(shown)
    return [(" / ".join(shown), description) for (_, description), shown in rows.items()] + list(extra)


def keys_by_screen(display: Callable[[Binding], str], first: str = "") -> list[tuple[str, list[tuple[str, str]]]]:
    """Every screen's keys, `first` (the screen Help was opened from) first, then the dialogs'."""
    order = sorted(SCREENS, key=lambda name: name != first)
    found = [(name, WORKOUT_ROWS if name == "Workout" else
              key_rows(SCREEN_KEYS[name], display, EXTRA_ROWS.get(name, []))) for name in order]
    return found + [("Questions and dialogs", DIALOG_ROWS)]


def key_table(name: str, rows: list[tuple[str, str]]) -> Table:
    table = Table(title=name, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                  show_edge=False, pad_edge=False, expand=True, header_style="bold")
    table.add_column("Key", style="bold", no_wrap=True)
    table.add_column("What it does", ratio=1)
    for shown, description in rows:
        table.add_row(Text(shown), Text(description))
    return table


def how_to(item: RoutineExercise, catalogue: dict | None = None, unicode: bool = True) -> list[RenderableType]:
    """How to do one exercise: its name and target, its figure, its steps, then what to feel
    and avoid. Every value from a file is plain text here (Rich's Text reads no markup), made
    visible."""
    ex = item.exercise
    title = Text.assemble((visible(ex.name), "bold"), "\n",
                          (f"{item.target_label} · {visible(item.load.label)}", "italic"))
    parts: list[RenderableType] = [title]
    if ex.figure is not None:
        parts.append(Text("\n".join(ex.figure.side_by_side(unicode)), no_wrap=True, overflow="crop"))
    parts.append(Text("\n".join(f"{n}. {visible(step)}" for n, step in enumerate(ex.steps, start=1))))
    notes: list[tuple[str, str]] = []
    if ex.feel:
        notes.append(("Feel it: ", visible(ex.feel)))
    if ex.mistakes:
        notes.append(("Avoid: ", "; ".join(visible(m.lower()) for m in ex.mistakes) + "."))
    if ex.muscles:
        notes.append(("Works: ", ", ".join(visible(m) for m in ex.muscles) + "."))
    if ex.alternative and catalogue and ex.alternative in catalogue:
        notes.append(("If your knees complain: ", f"{visible(catalogue[ex.alternative].name)} instead."))
    if notes:
        parts.append(Text("\n").join(Text.assemble((label, "bold"), text) for label, text in notes))
    return parts


def heading(text: str) -> Text:
    return Text(text, style="bold underline")


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
        """One Static of Rich renderables: the keys' tables and the moves are about 1,500
        widgets as Markdown (a second to open on a 2-core machine), a few here."""
        blocks: list[RenderableType] = [heading("Keys")]
        for name, rows in keys_by_screen(readable, self.screen_name):
            blocks.append(key_table(name, rows))
        if self.routine is not None:
            unicode = unicode_terminal()
            items = list(self.routine.exercises)
            if self.current in items:  # during a workout: the move under way, then the keys
                items.remove(self.current)
                blocks[:0] = [heading("Now"), *how_to(self.current, self.catalogue, unicode)]
            if items:
                blocks.append(heading(f"How to do it: {visible(self.routine.name)}"))
            for item in items:
                blocks += how_to(item, self.catalogue, unicode)
        with VerticalScroll(id="help"):
            yield Static(Group(*spaced(blocks)), id="help-text")
        yield KeyFooter()

    @property
    def text(self) -> str:
        """The help as plain text, 120 columns wide (each table row on a line of its own)."""
        console = Console(width=120, record=True, file=io.StringIO(), color_system=None)
        console.print(self.query_one("#help-text", Static).content)
        return console.export_text()


def spaced(blocks: list[RenderableType]) -> list[RenderableType]:
    """A blank line between blocks."""
    out: list[RenderableType] = []
    for block in blocks:
        if out:
            out.append(Text(""))
        out.append(block)
    return out
