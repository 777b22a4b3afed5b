"""Reps and load over time, per exercise: the climb the progression is for."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Sparkline, Static

from glute_tui.core.routines import Exercise, Load
from glute_tui.core.stats import LoadPoint, Stats
from glute_tui.ui.plain import plain
from glute_tui.ui.widgets.key_footer import KeyFooter

LAST = 30  # sessions shown per exercise


def trend_text(points: list[LoadPoint]) -> str:
    first, last = points[0], points[-1]
    loads = f"{Load.describe(first.load)} → {Load.describe(last.load)}" if first.load != last.load \
        else Load.describe(last.load)
    return f"{first.reps} → {last.reps} a session · {loads}"


class ProgressScreen(ModalScreen[None]):
    CSS_PATH = ["dialog.tcss", "progress.tcss"]  # loaded when the screen is first shown, not at start
    BINDINGS = [Binding("escape,r,q", "dismiss", "Close")]

    def __init__(self, catalogue: dict[str, Exercise], stats: Stats) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.stats = stats

    def compose(self) -> ComposeResult:
        names = self.catalogue
        with VerticalScroll(id="progress-panel"):
            yield Static(f"[b]Reps (seconds, for a hold) and load over the last {LAST} sessions "
                         "of each exercise[/b]",
                         id="progress-title")
            if not self.stats.progress_by_exercise:
                yield Static("No sets done yet.")
            for exercise, points in sorted(self.stats.progress_by_exercise.items(),
                                           key=lambda kv: -len(kv[1])):
                points = points[-LAST:]
                name = names[exercise].name if exercise in names else exercise
                with Horizontal(classes="trend-row"):
                    yield Static(plain(name), classes="trend-name")
                    yield Sparkline([p.reps for p in points], classes="trend-spark")
                    yield Static(plain(trend_text(points)), classes="trend-text")
        yield KeyFooter()
