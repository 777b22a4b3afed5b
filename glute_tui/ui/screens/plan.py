"""The plan over weeks (key `w` on Home): for each exercise of the routine where it stands on
its ladder, the next rung and what earns it; the sessions this week against the weekly goal;
and any hold or referral. The rules are the coach's (core/weekplan.py); this screen only shows
them, one block per exercise, stacked so that it reads at 80x24 and on a phone upright (44x60).
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Header, Static

from glute_tui.core.format import week_count
from glute_tui.core.pain import GUIDANCE
from glute_tui.core.progression import BACK, HOLD, REFER, UP
from glute_tui.core.routines import Routine
from glute_tui.core.text import visible
from glute_tui.core.weekplan import PlanRow, WeekPlan
from glute_tui.ui import keys
from glute_tui.ui.context import AppContext
from glute_tui.ui.plain import plain
from glute_tui.ui.widgets.key_footer import KeyFooter
from glute_tui.ui.widgets.too_small import TooSmall

MARKS = {UP: "↑", BACK: "↓", HOLD: "‖", REFER: "!"}
BAR_CELLS = 6  # the ladder drawn in at most this many cells


def ladder_bar(row: PlanRow) -> str:
    """Where the move stands on its ladder of loads: `▰▰▱▱▱▱`, filled up to its rung."""
    if row.rungs <= 1:
        return ""
    cells = min(BAR_CELLS, row.rungs)
    filled = 1 + round(row.rung_index * (cells - 1) / (row.rungs - 1))
    return "▰" * filled + "▱" * (cells - filled)


def week_line(plan: WeekPlan) -> Text:
    """`This week: 1 of 2 sessions (from Mon 23 Nov) · train at least once a week`."""
    done = plan.sessions_this_week >= plan.weekly_goal
    line = Text.assemble(("This week: ", "bold"),
                         (week_count(plan.sessions_this_week, plan.weekly_goal),
                          "bold green" if done else "bold"),
                         f" (from {plan.week_start:%a %d %b})")
    line.append(" · the article: at least once a week", style="dim")
    return line


def referral_text(plan: WeekPlan) -> Text:
    """What to see a professional about, said plainly; never a diagnosis."""
    text = Text("See a physiotherapist or doctor before loading it again:", style="bold")
    for referral in plan.referrals:
        text.append("\n ! ")
        text.append(visible(referral.label), style="bold")
        text.append(f": {visible(referral.why)}")
    text.append(f"\n{GUIDANCE}")
    return text


def row_block(row: PlanRow) -> Group:
    """One exercise: its rung and ladder, the next rung and what earns it, holds and sides;
    each label in a column of its own, so a long line wraps under its text, not the label."""
    title = Text.assemble((MARKS.get(row.advice.kind, "·") + " ", "bold"), (visible(row.name), "bold"),
                          "  ", (ladder_bar(row), "green"))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=7, justify="right", no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row("now", Text(visible(row.rung.removeprefix(f"{row.name} "))))  # the name is the title
    if row.next_rung:
        grid.add_row(Text("next", style="bold"), Text(visible(row.next_rung.removeprefix(f"{row.name} ")),
                                                       style="bold"))
    else:
        grid.add_row(Text("next", style="bold"), Text("the top of its ladder: keep it", style="dim"))
    grid.add_row(Text("earns", style="dim"), Text(visible(row.earns), style="dim"))
    if row.referral is not None:
        grid.add_row(Text("! refer", style="bold red"),
                     Text(f"{visible(row.referral.label)}: see a physiotherapist or doctor first", style="bold"))
    elif row.hold:
        grid.add_row(Text("‖ hold", style="bold"), Text(visible(row.hold)))
    if row.imbalance is not None:
        grid.add_row(Text("≠ sides", style="bold"), Text(visible(row.imbalance.text)))
    elif row.first_side is not None and row.first_side != "left":
        grid.add_row("sides", Text(f"{row.first_side} side first"))
    return Group(title, grid)


class PlanScreen(Screen[None]):
    CSS_PATH = "plan.tcss"  # loaded when the screen is first shown, not at start
    BINDINGS = keys.PLAN

    plan: var[WeekPlan | None] = var(None)

    def __init__(self, ctx: AppContext, routine: Routine) -> None:
        super().__init__()
        self.ctx = ctx
        self.routine = routine

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="plan"):  # ↑↓ scroll it on a small screen
            yield Static(plain(f"Plan: {self.routine.name}"), id="plan-title")
            yield Static("Reading your history…", id="plan-week")
            yield Static("", id="plan-referral")
            yield Static("", id="plan-rows")
            yield Static("", id="plan-note")
        yield KeyFooter()
        yield TooSmall()

    def on_mount(self) -> None:
        self.sub_title = "Plan"
        self.query_one("#plan", VerticalScroll).focus()
        self.load_plan()

    @work(thread=True, exclusive=True, group="plan")
    def load_plan(self) -> None:
        """The coach reads the history: off the event loop."""
        library = self.ctx.library
        plan = self.ctx.history.week_plan(self.routine, loads=library.loads, catalogue=library.catalogue,
                                          ladder=library.ladder, now=self.ctx.history.now())
        self.app.call_from_thread(setattr, self, "plan", plan)

    def watch_plan(self, plan: WeekPlan | None) -> None:
        if plan is None:
            return
        self.query_one("#plan-week", Static).update(week_line(plan))
        referral = self.query_one("#plan-referral", Static)
        referral.display = bool(plan.referrals)
        if plan.referrals:
            referral.update(referral_text(plan))
        blocks: list[RenderableType] = []
        for row in plan.rows:
            blocks += [row_block(row), Text("")]
        self.query_one("#plan-rows", Static).update(Group(*blocks[:-1]))
        self.query_one("#plan-note", Static).update(Text.assemble(
            "A step up comes after two good sessions in a row at the same target, at most one a "
            "week; pain above 3/10 holds the move that loads it. ", GUIDANCE))

    def action_help(self) -> None:
        from glute_tui.ui.dialogs.help import HelpScreen

        self.app.push_screen(HelpScreen(self.ctx.library.catalogue, self.routine, screen="Plan"))
