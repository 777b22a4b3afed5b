"""One session's sets: what was done on which side, against the target, and how it felt; the
pain reported after it, which `a` answers (or corrects) later, saved back into its year's file."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from glute_tui.core.columns import Column
from glute_tui.core.effort import EFFORT_LABELS, PAIN_AREAS
from glute_tui.core.format import format_duration, plural
from glute_tui.core.records import Session, SetRecord, done_set_keys
from glute_tui.core.results import set_status
from glute_tui.core.routines import Exercise, Load
from glute_tui.core.stats import SHORT_SIDE, session_felt, session_pain
from glute_tui.core.text import visible
from glute_tui.services.history import HistoryService
from glute_tui.ui.dialogs.pain_check import PainAnswer, PainCheck
from glute_tui.ui.plain import plain_text
from glute_tui.ui.widgets.fitting_table import FittingTable
from glute_tui.ui.widgets.key_footer import KeyFooter


def pain_line(session: Session) -> Text:
    """`Pain: R knee 5/10 · note: sore after the long run`, plain text whatever the note holds."""
    pain = session_pain(session)
    if session.pain:  # how much it hurt, where it was said (format 3)
        pain = ", ".join(f"{SHORT_SIDE[p.side]} {PAIN_AREAS[p.area]}"
                         + ("" if p.severity is None else f" {p.severity}/10") for p in session.pain)
    line = Text.assemble(("Pain: ", "bold"), pain or "not asked", "  ·  ", ("Felt: ", "bold"),
                         session_felt(session))
    if session.note:
        line.append("\n")
        line.append("Note: ", style="bold")
        line.append(visible(session.note))
    return line


# "Status" says what happened to each set, in the history's words (done, skipped: results.py).
# On a narrow terminal how it felt goes first, then the time and the load; a long name is shortened
# (at a word) before the amount goes.
DETAIL_COLUMNS = (Column("Exercise", shorten=True), Column("Leg"), Column("Set"), Column("Status"),
                  Column("Done"), Column("Felt", 1), Column("Load", 3), Column("Time", 2))


def set_cells(r: SetRecord, done_sets: set[tuple[str, int]] | None = None) -> tuple[str, ...]:
    """A set's cells after its exercise: a skipped set shows no amount and no answer ("0/10 hard"
    for a skipped set read as a set done badly). With `done_sets` (records.done_set_keys), one side
    done of a two-sided set whose other side was not reads "left only": the title's count of sets
    done leaves that set out, and the rows say why."""
    status = set_status(r) + (" (too fast)" if r.too_fast and r.done else "")
    if done_sets is not None and r.done and r.side in ("left", "right") and (r.exercise, r.set) not in done_sets:
        status = f"{r.side} only"
    if not r.done:
        amount = felt = "—"
    else:
        amount = f"{r.hold_s:.0f} s" if r.hold_s is not None else f"{r.reps}/{r.target_reps}"
        felt = EFFORT_LABELS[r.effort] if r.effort else "—"
    return (r.side if r.side != "none" else "", str(r.set), status, amount, felt, Load.describe(r.load),
            format_duration(r.seconds))


class SessionDetail(ModalScreen[bool]):
    """Dismissed with True when the pain check was changed (the list should be read again)."""

    CSS_PATH = "dialog.tcss"  # loaded when the screen is first shown, not at start
    BINDINGS = [
        Binding("escape,enter,q", "close", "Close"),
        Binding("a", "pain_check", "Any pain?"),
    ]

    def __init__(self, catalogue: dict[str, Exercise], session: Session,
                 history: HistoryService | None = None) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.session = session
        self.history = history  # None: nothing to save an edit to
        self.edited = False

    def compose(self) -> ComposeResult:
        s = self.session
        with Vertical(id="detail"):
            yield Static(Text.assemble((visible(s.routine_name), "bold"), f" · {s.when} · {s.status} · "
                                       f"{s.sets_done} of {plural(s.sets_planned, 'set')} done"),
                         id="detail-title")
            yield Static(pain_line(s), id="detail-pain")
            if self.history is not None:
                yield Static("a: Any pain? (answer or correct it) · Esc: close", id="detail-keys")
            table = FittingTable(DETAIL_COLUMNS, id="detail-table", cursor_type="row", zebra_stripes=True)
            names = self.catalogue
            done_sets = done_set_keys(s.sets)
            table.set_rows((plain_text(names[r.exercise].name if r.exercise in names else r.exercise),
                            *set_cells(r, done_sets)) for r in s.sets)
            yield table
        yield KeyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.history is not None if action == "pain_check" else True

    def action_pain_check(self) -> None:
        self.app.push_screen(PainCheck(self.session.pain, self.session.note), self._answered)

    def _answered(self, answer: PainAnswer | None) -> None:
        if answer is None:
            return
        edited = replace(self.session, pain=answer.pain, note=answer.note)
        self._save(edited)

    @work(thread=True, exclusive=True, group="detail-save")
    def _save(self, edited: Session) -> None:
        assert self.history is not None
        try:
            saved = self.history.update(edited)
        except OSError as exc:
            self.app.call_from_thread(self.notify, f"Could not save: {exc.strerror or exc}",
                                      severity="error", markup=False)
            return
        self.app.call_from_thread(self._saved, edited, saved)

    def _saved(self, edited: Session, saved: bool) -> None:
        if not saved:
            self.notify("This session is no longer in your history (deleted elsewhere?).", severity="warning")
            return
        self.session = edited
        self.edited = True
        self.query_one("#detail-pain", Static).update(pain_line(edited))
        self.notify("Saved.", timeout=2)

    def action_close(self) -> None:
        self.dismiss(self.edited)
