"""One session's sets: what was done on which side, against the target."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from glute_tui.ui.widgets.plain_table import PlainTable
from glute_tui.ui.plain import plain_text
from glute_tui.core.format import format_clock, plural
from glute_tui.core.records import Session
from glute_tui.core.routines import Exercise, Load
from glute_tui.core.text import visible



class SessionDetail(ModalScreen[None]):
    CSS_PATH = "dialog.tcss"  # loaded when the screen is first shown, not at start
    BINDINGS = [Binding("escape,enter,q", "dismiss", "Close")]

    def __init__(self, catalogue: dict[str, Exercise], session: Session) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.session = session

    def compose(self) -> ComposeResult:
        s = self.session
        with Vertical(id="detail"):
            yield Static(Text.assemble((visible(s.routine_name), "bold"), f" · {s.when} · {s.status} · "
                                       f"{s.sets_done} of {plural(s.sets_planned, 'set')} done"),
                         id="detail-title")
            table = PlainTable(id="detail-table", cursor_type="row", zebra_stripes=True)
            table.add_columns("Exercise", "Leg", "Set", "Done", "Load", "Time", "")
            names = self.catalogue
            for r in s.sets:
                amount = f"{r.hold_s:.0f} s" if r.hold_s is not None else f"{r.reps}/{r.target_reps}"
                table.add_row(plain_text(names[r.exercise].name if r.exercise in names else r.exercise),
                              r.side if r.side != "none" else "", str(r.set), amount,
                              Load.describe(r.load), format_clock(r.seconds), "skipped" if r.skipped else "")
            yield table
        yield Footer()
