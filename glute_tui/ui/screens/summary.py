"""After a workout: per exercise, what was done against the targets, and whether it was saved."""

from __future__ import annotations

import asyncio
from concurrent.futures import Future

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from glute_tui.ui.widgets.plain_table import PlainTable
from glute_tui.core.plan import Plan
from glute_tui.core.format import format_clock
from glute_tui.core.records import SetRecord, sets_done
from glute_tui.store.recorder import SaveResult
from glute_tui.core.progression import suggest
from glute_tui.core.routines import RoutineError
from glute_tui.ui import keys
from glute_tui.ui.context import AppContext
from glute_tui.core.results import overall, summarize
from glute_tui.ui.widgets.too_small import TooSmall
from glute_tui.core.text import visible
from glute_tui.ui.plain import plain, plain_text


class SummaryScreen(Screen[None]):
    CSS_PATH = "summary.tcss"  # loaded when the screen is first shown, not at start
    BINDINGS = keys.SUMMARY

    save_status: var[str] = var("Saving…")

    def __init__(self, ctx: AppContext, plan: Plan, records: list[SetRecord], saved: Future[SaveResult],
                 status: str, elapsed_s: float) -> None:
        super().__init__()
        self.ctx = ctx
        self.plan = plan
        self.records = records
        self.saved = saved
        self.status = status
        self.elapsed_s = elapsed_s

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="summary"):
            yield Static("", id="summary-title")
            yield Static("", id="summary-totals")
            yield PlainTable(id="summary-table", cursor_type="none", zebra_stripes=True)
            yield Static("", id="save-status")
            yield Static("", id="progression")
        yield Footer()
        yield TooSmall()

    def on_mount(self) -> None:
        self.sub_title = "Summary"
        done = sets_done(self.records)
        planned = self.plan.sets_planned
        if self.status == "completed":
            title = "Workout complete. Well done!"
        else:
            title = "Workout stopped: what you did is kept." if done else "Workout stopped."
        self.query_one("#summary-title", Static).update(title)
        self.query_one("#summary-totals", Static).update(  # the routine's name: plain text
            plain(f"{self.plan.routine.name} · {done} of {planned} sets · {format_clock(self.elapsed_s)}"))
        table = self.query_one("#summary-table", DataTable)
        table.add_columns("Exercise", "Sets", "Done / target", "Time", "Target")
        self.results = summarize(self.plan, self.records)
        self.suggestions = suggest(self.plan.routine, self.results) if self.status == "completed" else []
        self._show_suggestions()
        for row in self.results:
            if row.hold_target_s:
                amount = f"{row.hold_done_s:.0f} / {row.hold_target_s:.0f} s"
            else:
                amount = f"{row.reps_done} / {row.reps_target} reps"
            mark = "met ✓" if row.met_target else "not met"
            table.add_row(plain_text(row.name), f"{row.sets_done} / {row.sets_planned}", amount,
                          format_clock(row.seconds), mark)
        self.run_worker(self._wait_for_save(), exclusive=True)

    async def _wait_for_save(self) -> None:
        try:
            result = await asyncio.wrap_future(self.saved)
            self.save_status = result.message
        except Exception as exc:  # never a traceback: the journal keeps the sets
            self.save_status = f"Could not save: {exc}. The sets will be recovered at the next start."

    def watch_save_status(self, text: str) -> None:
        self.query_one("#save-status", Static).update(plain(text))  # may quote a path or an error

    def _show_suggestions(self, taken: Text | None = None) -> None:
        widget = self.query_one("#progression", Static)
        if taken:
            widget.update(taken)
            self.refresh_bindings()
            return
        # Per exercise what was met and what was not: "Every target met" only when it is true.
        text = Text()
        text.append(overall(self.results), style="bold")
        widget.set_class(all(r.met_target for r in self.results), "-all-met")
        for row in self.results:
            if not row.met_target:
                text.append(f"\n  {visible(row.verdict)}")
        if self.suggestions:
            text.append("\nReady for more next time (targets met):", style="bold")
            for suggestion in self.suggestions:
                text.append(f"\n  • {visible(suggestion.text)}")
            text.append("\n")
            text.append("p", style="bold")
            text.append(" takes these into your routine")
        widget.update(text)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "progress":
            return bool(self.suggestions)
        return True

    def action_progress(self) -> None:
        """Save the next step into the person's routine (a copy, when it is a built-in one)."""
        try:
            saved = self.ctx.library.take_progression(self.plan.routine, self.suggestions)
        except (OSError, RoutineError) as exc:
            self.notify(f"Could not save the routine: {exc}", severity="error", markup=False)
            return
        self.suggestions = []
        self._show_suggestions(Text.assemble("Saved to ", (visible(saved.name), "bold"),
                                             f" ({visible(saved.id)}): the next workout starts there."))

    def action_home(self) -> None:
        self.app.pop_screen()

    def action_help(self) -> None:
        """`?`: every screen's keys, this one's first."""
        from glute_tui.ui.dialogs.help import HelpScreen

        self.app.push_screen(HelpScreen(self.ctx.library.catalogue, self.plan.routine, screen="Summary"))
