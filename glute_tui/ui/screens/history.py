"""History: streaks, a 26-week calendar, and every session, newest first."""

from __future__ import annotations

from typing import Iterator

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static
from textual.worker import get_current_worker

from glute_tui.core.coach import Imbalance, imbalance
from glute_tui.core.columns import Column
from glute_tui.core.digest import Row
from glute_tui.core.format import format_duration, plural, week_count
from glute_tui.core.records import Session
from glute_tui.core.routines import Routine
from glute_tui.core.stats import Stats
from glute_tui.ui import keys
from glute_tui.ui.context import AppContext
from glute_tui.ui.plain import plain
from glute_tui.ui.widgets.fitted_lines import FittedLines
from glute_tui.ui.widgets.fitting_table import FittingTable
from glute_tui.ui.widgets.heatmap import CalendarHeatmap
from glute_tui.ui.widgets.key_footer import KeyFooter
from glute_tui.ui.widgets.pain_row import PainRow
from glute_tui.ui.widgets.too_small import TooSmall


def top_sides(stats: Stats) -> dict[str, dict[str, int]]:
    """The three one-sided moves with the most reps: exercise id -> left and right reps."""
    return dict(sorted(stats.sides_by_exercise.items(), key=lambda kv: -sum(kv[1].values()))[:3])


def streak_line(stats: Stats) -> str:
    """The streaks; the weekly one says its goal, since it changes with it."""
    best = plural(stats.longest_weekly_streak, "week")
    return (f"Daily streak [b]{stats.current_daily_streak}[/b] (best {stats.longest_daily_streak}) · "
            f"Weekly [b]{stats.current_weekly_streak}[/b] (best {best} at goal {stats.weekly_goal}) · "
            f"This week: [b]{week_count(stats.this_week, stats.weekly_goal)}[/b]")


# On a narrow terminal the pain, how it felt, the reps and the time go, in that order; the date,
# the routine (shortened at a word), the sets and the status always stay.
SESSION_COLUMNS = (Column("Date", key="date"), Column("Routine", shorten=True, key="routine"),
                   Column("Sets", key="sets"), Column("Reps", 3, key="reps"),
                   Column("Felt", 2, key="felt"), Column("Pain", 1, key="pain"),
                   Column("Time", 4, key="minutes"), Column("Status", key="status"))

PAGE = 200  # rows added to the table at a time: a long history costs nothing until scrolled


class HistoryScreen(Screen[None]):
    """The sessions are rows from the history's index (no session is read to list it), the
    newest years first, a year more each time the cursor nears the end: memory follows what
    was scrolled through, not the length of the history. A session is read whole only when
    it is opened."""

    CSS_PATH = "history.tcss"  # loaded when the screen is first shown, not at start
    BINDINGS = keys.HISTORY

    stats: var[Stats | None] = var(None)
    imbalances: var[dict[str, Imbalance]] = var(dict)  # exercise id -> the weaker side, lately

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._rows: list[Row] = []
        self._pending: Iterator[list[Row]] | None = None  # the older years, not read yet
        self._reading = False  # a worker is reading the next of them (one at a time)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="history"):
            yield Static("Loading your history…", id="streaks")
            with Horizontal(id="history-top"):
                with Vertical(id="calendar"):
                    yield CalendarHeatmap(id="heatmap")
                    yield PainRow(id="pain-row")
                yield FittedLines(id="totals")
            yield FittingTable(SESSION_COLUMNS, id="sessions", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()
        yield TooSmall()

    def on_mount(self) -> None:
        self.sub_title = "History"
        table = self.query_one("#sessions", DataTable)
        table.focus()
        self.reload()

    @work(thread=True, exclusive=True, group="history")
    def reload(self) -> None:
        """Read off the event loop: the newest rows first, then the figures."""
        worker = get_current_worker()  # a newer reload (after a delete) makes this one stale

        def show(*args: object) -> None:
            if not worker.is_cancelled:
                self.app.call_from_thread(*args)

        years = self.ctx.history.rows(newest_first=True)
        rows: list[Row] = []
        for chunk in years:
            rows += chunk
            if len(rows) >= PAGE:
                break
        show(self._show, rows, years)
        figures = self.ctx.history.figures()
        show(setattr, self, "stats", figures)
        show(setattr, self, "imbalances", self._find_imbalances(figures))

    def _show(self, rows: list[Row], pending: Iterator[list[Row]]) -> None:
        table = self.query_one("#sessions", DataTable)
        cursor = table.cursor_row
        table.clear()
        self._rows = rows
        self._pending = pending
        self._reading = False
        self._show_more(max(PAGE, cursor + 1))
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1))

    def _show_more(self, count: int = PAGE) -> None:
        table = self.query_one("#sessions", DataTable)
        start = table.row_count
        table.add_rows((r.when, r.routine_name, r.sets, r.reps, r.felt, r.pain, r.minutes, r.status)
                       for r in self._rows[start:start + count])
        self._more_if_near_the_end()

    def _more_if_near_the_end(self) -> None:
        table = self.query_one("#sessions", DataTable)
        if table.row_count >= len(self._rows) - PAGE and self._pending is not None and not self._reading:
            self._reading = True
            self._read_older(self._pending)

    @work(thread=True, group="history-older")
    def _read_older(self, pending: Iterator[list[Row]]) -> None:
        """The next older year's rows (one worker at a time reads the years, in order)."""
        older = next(pending, None)
        self.app.call_from_thread(self._older_read, pending, older)

    def _older_read(self, pending: Iterator[list[Row]], older: list[Row] | None) -> None:
        if pending is not self._pending:
            return  # read for a list that was reloaded since
        self._reading = False
        if older is None:
            self._pending = None
            return
        self._rows += older
        self._more_if_near_the_end()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= event.data_table.row_count - 5 and event.data_table.row_count < len(self._rows):
            self._show_more()

    def _find_imbalances(self, stats: Stats) -> dict[str, Imbalance]:
        """The coach's imbalance (the weaker side over the last 3 sessions) of each two-sided
        move the totals show. Reads files: from the worker."""
        items = {}
        for exercise in top_sides(stats):
            item = next((i for r in self.ctx.library.routines for i in r.exercises if i.id == exercise), None)
            if item is not None and item.side_mode == "both":
                items[exercise] = item
        if not items:
            return {}
        sessions = self.ctx.history.advice_sessions(Routine("-", "-", tuple(items.values())))
        found = {exercise: imbalance(item, sessions) for exercise, item in items.items()}
        return {exercise: weak for exercise, weak in found.items() if weak is not None}

    def watch_imbalances(self, imbalances: dict[str, Imbalance]) -> None:
        self.watch_stats(self.stats)

    def watch_stats(self, stats: Stats | None) -> None:
        if stats is None:
            return
        self.query_one("#streaks", Static).update(streak_line(stats))
        heatmap = self.query_one("#heatmap", CalendarHeatmap)
        heatmap.as_of = stats.as_of
        heatmap.work_by_day = stats.work_by_day
        # Bold figures assembled, not markup: nothing here is parsed
        sessions = stats.counted_sessions
        reps = Content.assemble((f"{stats.total_reps:,}", "bold"), " reps")
        time = format_duration(stats.total_minutes * 60)
        lines: list[Content | tuple[Content, Content]] = [
            Content.assemble((f"{sessions:,}", "bold"), f" session{'' if sessions == 1 else 's'}")]
        if self.imbalances:  # one line for both, to make room for the weaker sides
            lines.append((reps, Content.assemble(" · ", (time, "bold"))))
        else:
            lines += [reps, Content.assemble((time, "bold"), " in all")]
        sides = top_sides(stats)
        if sides:  # the blank line goes when an imbalance needs the room
            lines += [Content("")] * (not self.imbalances) + [Content("Left · right reps")]
        names = self.ctx.library.catalogue
        for exercise, lr in sides.items():  # an exercise id from a file (an import): plain text
            name = names[exercise].name if exercise in names else exercise
            lines.append(plain(f"{name[:11]:<11} {lr['left']}·{lr['right']}"))
            weak = self.imbalances.get(exercise)
            if weak is not None:  # beside the balance: which side is behind, lately
                lines.append((Content.assemble("  ", (f"{weak.weaker} weaker", "bold"), f", −{weak.share:.0%}"),
                              Content(" lately")))  # said when there is room
        pain = stats.pain_sides()
        if pain["left"] or pain["right"]:  # a weak side and a sore one, seen together
            lines.append(plain(f"Pain sides {pain['left']}·{pain['right']}"))
        pain_row = self.query_one("#pain-row", PainRow)
        pain_row.as_of = stats.as_of
        pain_row.pain_by_day = stats.pain_by_day
        self.query_one("#totals", FittedLines).show(lines)  # never cut at the edge, never wrapped

    def _selected(self) -> Row | None:
        table = self.query_one("#sessions", DataTable)
        if not table.row_count or table.cursor_row >= len(self._rows):
            return None
        return self._rows[table.cursor_row]

    def action_open(self) -> None:
        row = self._selected()
        if row is not None:
            self._open(row)

    @work(thread=True, exclusive=True, group="history-open")
    def _open(self, row: Row) -> None:
        """The whole session, read from its year file off the loop, then its detail."""
        session = self.ctx.history.find(row)
        if session is None:
            self.app.call_from_thread(self.notify, "That session is no longer in the history.",
                                      severity="warning")
            self.app.call_from_thread(self.reload)
            return
        self.app.call_from_thread(self._show_detail, session)

    def _show_detail(self, session: Session) -> None:
        from glute_tui.ui.dialogs.session_detail import SessionDetail

        def closed(edited: bool | None) -> None:
            if edited:
                self.reload()

        self.app.push_screen(SessionDetail(self.ctx.library.catalogue, session, self.ctx.history), closed)

    def action_delete(self) -> None:
        from glute_tui.ui.dialogs.confirm import Confirm

        row = self._selected()
        if row is None:
            return

        def decided(delete: bool | None) -> None:
            if delete:
                self._delete(row.id)

        text = f"{row.routine_name} on {row.when}. This cannot be undone (an export keeps a copy)."
        self.app.push_screen(Confirm("Delete this session?", text, "Delete", "Keep"), decided)

    @work(thread=True, group="history-write")
    def _delete(self, session_id: str) -> None:
        try:
            deleted = self.ctx.history.delete(session_id)
        except OSError as exc:
            self.app.call_from_thread(self.notify, f"Could not delete: {exc.strerror or exc}",
                                      severity="error")
            return
        if deleted:
            self.app.call_from_thread(self.notify, "Session deleted.", timeout=3)
        self.app.call_from_thread(self.reload)

    def action_progress(self) -> None:
        from glute_tui.ui.dialogs.progress import ProgressScreen

        if self.stats is not None:
            self.app.push_screen(ProgressScreen(self.ctx.library.catalogue, self.stats))

    def action_weekly_goal(self) -> None:
        """`g`: type or step the weekly goal; the weekly streaks are counted again with it."""
        from glute_tui.ui.dialogs.weekly_goal import WeeklyGoal

        def chosen(goal: int | None) -> None:
            if goal is None or goal == self.ctx.settings.current.weekly_goal:
                return
            problem = self.ctx.settings.update(weekly_goal=goal)
            if problem:
                self.notify(problem, severity="error", markup=False)
                return
            self.notify(f"Weekly goal: {plural(goal, 'session')} a week", timeout=3)
            self.reload()

        self.app.push_screen(WeeklyGoal(self.ctx.settings.current.weekly_goal), chosen)

    def action_help(self) -> None:
        """`?`: every screen's keys, this one's first."""
        from glute_tui.ui.dialogs.help import HelpScreen

        self.app.push_screen(HelpScreen(self.ctx.library.catalogue, None, screen="History"))
