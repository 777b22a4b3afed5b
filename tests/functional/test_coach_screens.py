"""The coach on the screens (Pilot, fake clock, made-up histories): the Summary judges each
side and refers pain as a physio would, History names an imbalance beside the left/right
balance, Home says which routine suits a run day and what to see a professional about, and
the Plan screen (`w`) reads at 80x24 and on a phone upright (44x60)."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widgets import DataTable, Static

from glute_tui.core.format import week_count
from glute_tui.devtools.scenes import SCENES, scene_app, settle
from glute_tui.ui.screens.plan import PlanScreen
from glute_tui.ui.screens.summary import SummaryScreen


def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def drawn(app, selector: str) -> str:
    """What a widget draws, line by line, all of it (also what is scrolled out of sight)."""
    widget = app.screen.query_one(selector)
    return "\n".join(strip.text.rstrip() for strip in widget.render_lines(Region(0, 0, *widget.size)))


async def run_scene(name: str, tmp_path, size):
    """The app after the scene `name` (its made-up history, its keys), still running."""
    scene = SCENES[name]
    app, clock = scene_app(scene, tmp_path / "home")
    context = app.run_test(size=size)
    pilot = await context.__aenter__()
    await scene.run(pilot, clock)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app, pilot, context


async def test_the_summary_shows_each_side_against_its_target_and_a_referral(tmp_path):
    app, pilot, context = await run_scene("summary-referral", tmp_path, (80, 24))
    try:
        assert isinstance(app.screen, SummaryScreen)
        table = app.screen.query_one("#summary-table", DataTable)
        rows = [[cell.strip() for cell in table.row_cells(i).values()] for i in range(table.row_count)]
        clamshells = next(i for i, row in enumerate(rows) if row[0] == "Clamshells")
        assert rows[clamshells][2:] == ["done", "43 / 48 reps", "right", "not met"]  # the sides summed ...
        assert rows[clamshells + 1] == ["left", "", "done", "24 / 24 reps", "", "met ✓"]  # ... and judged apart
        assert rows[clamshells + 2] == ["right", "", "done", "19 / 24 reps", "", "not met"]
        assert [row[0] for row in rows].count("left") == 1  # only the two-sided move has sides
        referral = text(app, "#summary-referral")
        assert app.screen.query_one("#summary-referral").display
        assert "See a physiotherapist or doctor before loading it again" in referral
        assert "right knee: it grew from 3/10 to 5/10" in referral
        assert "General guidance, not a diagnosis." in referral
        progression = text(app, "#progression")
        assert "Left and right:" in progression and "Clamshells: right" in progression
        assert "right goes first" in progression
    finally:
        await context.__aexit__(None, None, None)


async def test_a_summary_without_pain_to_refer_shows_no_referral(tmp_path):
    app, pilot, context = await run_scene("summary", tmp_path, (80, 24))
    try:
        assert isinstance(app.screen, SummaryScreen)
        assert not app.screen.query_one("#summary-referral").display
        assert "Left and right" not in text(app, "#progression")
    finally:
        await context.__aexit__(None, None, None)


async def test_history_names_the_weaker_side_beside_the_balance(tmp_path):
    app, pilot, context = await run_scene("history-imbalance", tmp_path, (80, 24))
    try:
        totals = text(app, "#totals").splitlines()
        clamshells = next(i for i, line in enumerate(totals) if line.startswith("Clamshells"))
        weak = app.screen.imbalances["clamshell"]  # the coach's, over the last 3 sessions
        assert weak.weaker == "right" and weak.share > 0.1
        # "lately" only where it fits: at 80x24 it was cut at the screen's edge
        assert totals[clamshells + 1].strip() == f"right weaker, −{weak.share:.0%}"
        assert any(line.startswith("Pain sides") for line in totals)  # still in sight
        assert len(totals) <= 9  # the height of the calendar beside it
    finally:
        await context.__aexit__(None, None, None)


async def test_home_says_which_routine_suits_a_run_day_and_refers_the_sore_knee(tmp_path):
    app, pilot, context = await run_scene("home-referral", tmp_path, (80, 24))
    try:
        line = text(app, "#home-referral")
        assert "right knee: see a physiotherapist or doctor before loading it again" in line
        assert "General guidance, not a diagnosis" in line
        assert "Run day? Run-day activation (05:00) before you go." in " ".join(text(app, "#home-run-day").split())
        assert "w plan" in text(app, "#home-streak")
    finally:
        await context.__aexit__(None, None, None)


async def test_home_without_pain_has_no_referral(tmp_path):
    app, pilot, context = await run_scene("home-with-streak", tmp_path, (80, 24))
    try:
        assert not app.screen.query_one("#home-referral").display
        assert text(app, "#home-run-day").startswith("Run day?")
    finally:
        await context.__aexit__(None, None, None)


@pytest.mark.parametrize("size", [(80, 24), (44, 60)])
async def test_the_plan_screen_shows_every_move_its_next_rung_the_week_and_the_referral(tmp_path, size):
    app, pilot, context = await run_scene("plan", tmp_path, size)
    try:
        screen = app.screen
        assert isinstance(screen, PlanScreen) and screen.plan is not None
        plan = screen.plan
        assert [row.name for row in plan.rows] == ["Squats", "Single-leg deadlifts", "Lunges", "Clamshells",
                                                   "Glute bridge"]
        assert f"This week: {week_count(plan.sessions_this_week, plan.weekly_goal)}" in text(app, "#plan-week")
        rows = drawn(app, "#plan-rows")
        for row in plan.rows:
            assert row.name in rows and row.rung.removeprefix(f"{row.name} ") in " ".join(rows.split())
        assert rows.count("next ") == len(plan.rows) and rows.count("earns ") == len(plan.rows)
        assert "3 × 14, body weight" in rows  # the squats' next rung
        assert "right knee: see a physiotherapist or doctor first" in " ".join(rows.split())
        assert "≠ sides" in rows and "right goes first" in " ".join(rows.split())
        referral = text(app, "#plan-referral")
        assert "right knee: it hurt in 3 sessions over 14 days" in " ".join(referral.split())
        assert "General guidance, not a diagnosis." in referral
        scroll = screen.query_one("#plan")
        assert scroll.max_scroll_x == 0  # nothing runs off the side, at 44 columns either
        for widget in screen.query("#plan Static"):
            assert widget.region.width <= size[0]
        await pilot.press("end")  # the last move and the note can be reached by keys
        await pilot.pause()
        assert screen.query_one("#plan-note").region.y < size[1]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PlanScreen)
    finally:
        await context.__aexit__(None, None, None)


async def test_the_plan_key_opens_the_highlighted_routines_plan(tmp_path):
    scene = SCENES["home"]
    app, clock = scene_app(scene, tmp_path / "home")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "w")  # the run-day routine
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen) and app.screen.routine.id == "run-day"
        assert [row.exercise_id for row in app.screen.plan.rows] == ["glute-bridge", "clamshell",
                                                                     "side-lying-leg-lift"]
        assert "0 of 1 session" in text(app, "#plan-week")  # a first week: nothing yet
        assert not app.screen.query_one("#plan-referral").display
