"""After a workout: per exercise, what was done against the targets, how it felt, what to do
next time and why; whether it was saved; and "Any pain?", asked once at the end."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Button, DataTable, Header, Static

from glute_tui.core.coach import Coaching, advise, coach
from glute_tui.core.columns import Column
from glute_tui.core.effort import EFFORT_LABELS
from glute_tui.core.format import format_duration
from glute_tui.core.pain import GUIDANCE
from glute_tui.core.progression import BACK, HOLD, REFER, SWAP, UP, Advice, steps_to_take
from glute_tui.core.records import Session, sets_done, sides_apart
from glute_tui.core.results import ExerciseResult, ending_title, overall, summarize
from glute_tui.core.routines import RoutineError
from glute_tui.ui import keys
from glute_tui.ui.context import AppContext
from glute_tui.ui.widgets.fitting_table import FittingTable

if TYPE_CHECKING:  # the dialog and the workout's module are loaded when needed, not with this screen
    from glute_tui.services.workout import Workout
    from glute_tui.ui.dialogs.pain_check import PainAnswer
from glute_tui.core.text import visible
from glute_tui.ui.plain import plain, plain_text
from glute_tui.ui.widgets.key_footer import KeyFooter
from glute_tui.ui.widgets.too_small import TooSmall
from glute_tui.ui.widgets.touch_bar import touch_button


class SummaryScreen(Screen[None]):
    CSS_PATH = "summary.tcss"  # loaded when the screen is first shown, not at start
    BINDINGS = keys.SUMMARY

    save_status: var[str] = var("Saving…")

    def __init__(self, ctx: AppContext, workout: Workout) -> None:
        super().__init__()
        self.ctx = ctx
        self.workout = workout  # finished: its plan, sets, status, time, save; and the end check
        self.plan = workout.plan
        self.records = workout.records
        self.status = workout.status
        self.pain_answered = False
        self.results: list[ExerciseResult] = []
        self.advice: list[Advice] = []
        self.coaching: Coaching | None = None  # over the weeks, once the history is read
        self.steps: list[Advice] = []
        self._previous: dict[str, str | None] = {}
        self._history: list[Session] | None = None  # the sessions before this one the coach needs
        self._pain_session: Session | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="summary"):  # ↑↓ scroll it on a small terminal
            yield Static("", id="summary-title")
            yield Static("", id="summary-totals")
            yield Static("", id="summary-referral")  # see a professional: above all the rest
            yield FittingTable(SUMMARY_COLUMNS, id="summary-table", cursor_type="none", zebra_stripes=True)
            yield Static("", id="save-status")
            yield Static("", id="progression")
        if self.ctx.touch:
            with Horizontal(id="summary-touch"):  # by touch (in a browser): the Footer's keys as buttons
                yield touch_button("Any pain?", "screen.pain_check", id="touch-pain")
                yield touch_button("Next step", "screen.progress", id="touch-progress")
                yield touch_button("Home", "screen.home", id="touch-home")
        yield KeyFooter()
        yield TooSmall()

    def on_mount(self) -> None:
        self.sub_title = "Summary"
        self.set_class(self.ctx.touch, "-touch")
        done = sets_done(self.records)
        planned = self.plan.sets_planned
        self.query_one("#summary-title", Static).update(ending_title(self.status, done, planned,
                                                                     sides_apart(self.records)))
        # the sets once: in the title when it counts them (anything short of every set done)
        sets = f" · {done} of {planned} sets" if self.status == "completed" and done >= planned else ""
        self.query_one("#summary-totals", Static).update(  # the routine's name: plain text
            plain(f"{self.plan.routine.name}{sets} · {format_duration(self.workout.length_s)}"))
        self._show_results()
        self.run_worker(self._wait_for_save(), exclusive=True)
        self._read_previous()
        if any(r.done for r in self.records):
            self.call_after_refresh(self.action_pain_check)

    def _show_results(self, pain_session: Session | None = None) -> None:
        """The table and the advice, from the records as they are now (answers included)."""
        results = summarize(self.plan, self.records)
        pain = pain_session.pain if pain_session is not None else None
        current = pain_session or self.workout.session
        if self._history is not None and current is not None:  # the coach, over the weeks
            library = self.ctx.library
            current = replace(current, sets=list(self.records))  # as answered so far
            self.coaching = coach(self.plan.routine, self._history + [current],
                                  now=datetime.fromisoformat(current.ended_at), loads=library.loads,
                                  catalogue=library.catalogue, ladder=library.ladder)
            self.advice = self.coaching.advice
        else:  # until the history is read: this workout alone (never a step up on one session)
            self.advice = advise(self.plan.routine, results, pain=pain, loads=self.ctx.library.loads,
                                 previous_effort=self._previous, catalogue=self.ctx.library.catalogue)
        self.steps = steps_to_take(self.advice) if self.status == "completed" else []
        table = self.query_one("#summary-table", DataTable)
        self.results = results
        rows: list[tuple[Text | str, ...]] = []
        for row in results:
            rows.append((plain_text(row.name), f"{row.sets_done} / {row.sets_planned}", row.status,
                         row.amount(), _felt(row), _met(row)))
            for side in row.per_side:  # a two-sided move is judged side by side
                rows.append((Text(f"  {side.side}", style="italic"), "", side.status, side.amount(), "",
                             _met(side)))
        # Columns anew, each fitted to its cells and the width: a DataTable that measures its
        # columns later (when idle) drew rows it had already drawn at the old width ("righ" for
        # "right" once "How was it?" was answered at the end).
        assert isinstance(table, FittingTable)
        table.set_rows(rows)
        self._show_referrals()
        self._show_suggestions()

    def _show_referrals(self) -> None:
        """Pain that needs a professional, said first and plainly (never a diagnosis)."""
        referrals = self.coaching.referrals if self.coaching is not None else []
        widget = self.query_one("#summary-referral", Static)
        widget.display = bool(referrals)
        if referrals:
            text = Text("See a physiotherapist or doctor before loading it again:", style="bold")
            for referral in referrals:
                text.append("\n ! ")
                text.append(visible(referral.label), style="bold")
                text.append(f": {visible(referral.why)}")
            text.append(f"\n{GUIDANCE} Until then, leave out what hurts; stop any move that makes it worse.")
            widget.update(text)

    @work(thread=True, group="summary-previous")
    def _read_previous(self) -> None:
        """The sessions before this one that the coach needs (this session left out: it is
        added as it is now, answers included), through the history service."""
        current = self.workout.session.id if self.workout.session else ""
        sessions = self.ctx.history.advice_sessions(self.plan.routine, exclude=current)
        self.app.call_from_thread(self._previous_read, sessions)

    def _previous_read(self, sessions: list[Session]) -> None:
        self._history = sessions
        self._show_results(self._pain_session)

    async def _wait_for_save(self) -> None:
        try:
            assert self.workout.saved is not None, "the Summary of a workout not finished"
            result = await asyncio.wrap_future(self.workout.saved)
            self.save_status = result.message
        except Exception as exc:  # never a traceback: the journal keeps the sets
            self.save_status = f"Could not save: {exc}. The sets will be recovered at the next start."

    def watch_save_status(self, text: str) -> None:
        self.query_one("#save-status", Static).update(plain(text))  # may quote a path or an error

    def _show_suggestions(self, taken: Text | None = None) -> None:
        """Per exercise: what was met and what was not, how it felt, and the next step, with why."""
        widget = self.query_one("#progression", Static)
        if taken:
            widget.update(taken)
        elif self.advice:
            # Per exercise what was met and what was not, how it felt, and the next step with why:
            # "Every target met" only when it is true, and a count nobody vouched for is not met.
            lines = Text(overall(self.results, honest=True), style="bold")
            widget.set_class(all(r.met_honestly for r in self.results), "-all-met")
            lines.append("\nNext time:", style="bold")
            for advice in self.advice:
                mark = {UP: "↑", BACK: "↓", SWAP: "⇄", HOLD: "‖", REFER: "!"}.get(advice.kind, "·")
                lines.append(f"\n {mark} ")
                lines.append(visible(advice.name), style="bold")
                lines.append(f": {visible(advice.change)} ", style="bold" if advice.kind != "stay" else "")
                lines.append(f"({advice.why})", style="dim" if advice.kind == "stay" else "")
            imbalances = self.coaching.imbalances if self.coaching is not None else {}
            if imbalances:
                lines.append("\nLeft and right:", style="bold")
                for advice in self.advice:
                    if advice.exercise_id in imbalances:
                        lines.append("\n ≠ ")
                        lines.append(visible(advice.name), style="bold")
                        lines.append(f": {visible(imbalances[advice.exercise_id].text)}")
            touch = self.ctx.touch  # by touch the buttons are named, not the keys
            if self.steps:
                lines.append("\nTap " if touch else "\n")
                lines.append("Next step" if touch else "p", style="bold")
                lines.append(" to take" if touch else " takes")
                lines.append(" the steps up and back into your routine")
            if not self.pain_answered and any(r.done for r in self.records):
                lines.append("\nTap " if touch else "\n")
                lines.append("Any pain?" if touch else "a", style="bold")
                lines.append(" to say where it hurt, if it did" if touch else " answers \"Any pain?\"")
            widget.update(lines)
        if self.ctx.touch:
            self.query_one("#touch-progress", Button).display = bool(self.steps)
            self.query_one("#touch-pain", Button).display = any(r.done for r in self.records)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "progress":
            return bool(self.steps)
        if action == "pain_check":
            return any(r.done for r in self.records)
        return True

    def action_pain_check(self) -> None:
        """"Any pain?" (and "How was it?" for the last exercise, when it was not answered)."""
        from glute_tui.ui.dialogs.pain_check import PainCheck

        workout = self.workout
        if not self.is_attached:
            return
        session = workout.session
        ask = workout.rating_due() if workout.rating() is None else ""
        self.app.push_screen(PainCheck(session.pain if session else None, session.note if session else None,
                                       ask_effort_for=ask), self._pain_answered)

    def _pain_answered(self, answer: PainAnswer | None) -> None:
        if answer is None:
            return
        session = self.workout.end_check(answer.pain, answer.note, answer.effort)
        if session is None:
            return
        self.pain_answered = True
        self._pain_session = session
        self.records = [r for r in session.sets]
        self._show_results(session)
        self._save_answers(session)

    @work(thread=True, group="end-check")
    def _save_answers(self, session: Session) -> None:
        try:
            saved = self.workout.save_end_check(session)
        except Exception as exc:  # never a traceback: the session itself is saved
            saved, why = False, str(exc)
        else:
            why = "" if saved else "the session was not saved"
        message = "Saved your answers with the session." if saved else f"Could not save your answers: {why}."
        self.app.call_from_thread(self.notify, message, severity="information" if saved else "error",
                                  timeout=3, markup=False)

    def action_progress(self) -> None:
        """Save the next step into the person's routine (a copy, when it is a built-in one)."""
        try:
            saved = self.ctx.library.take_progression(self.plan.routine, self.steps)
        except (OSError, RoutineError) as exc:
            self.notify(f"Could not save the routine: {exc}", severity="error", markup=False)
            return
        self.steps = []
        self._show_suggestions(Text.assemble("Saved to ", (visible(saved.name), "bold"),
                                             f" ({visible(saved.id)}): the next workout starts there."))

    def action_home(self) -> None:
        self.app.pop_screen()

    def action_help(self) -> None:
        """`?`: every screen's keys, this one's first."""
        from glute_tui.ui.dialogs.help import HelpScreen

        self.app.push_screen(HelpScreen(self.ctx.library.catalogue, self.plan.routine, screen="Summary"))


# "Status" says what happened, in the history's words (done, skipped, stopped: results.py). On a
# narrow terminal how it felt goes first, then the target's verdict; a long name is shortened (at a
# word) before the amounts go.
SUMMARY_COLUMNS = (Column("Exercise", shorten=True), Column("Sets"), Column("Status"),
                   Column("Done / target"), Column("Felt", 1), Column("Target", 2))


def _met(row: ExerciseResult) -> str:
    """`met ✓` only when the count can be trusted (see results.met_honestly)."""
    return "met ✓" if row.met_honestly else "not met"


def _felt(row: ExerciseResult) -> str:
    """How it felt, as answered; `—` when nobody said."""
    return EFFORT_LABELS[row.effort] if row.effort is not None else "—"
