"""Scenes of the real app, for snapshot tests and for `screenshots/`: the same keys a person
presses, on a manual clock, a throw-away data folder and a fixed day, so each scene looks the
same on every run."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Awaitable, Callable

from glute_tui.core.records import Session
from glute_tui.core.routines import Routine
from glute_tui.devtools.clock import ManualClock
from glute_tui.store.paths import AppPaths
from glute_tui.store.routine_files import builtin_routines
from glute_tui.ui.app import GluteApp

TODAY = date(2026, 11, 24)


async def advance(pilot, clock: ManualClock, seconds: float | None = None) -> None:
    """Let `seconds` pass on the workout screen (None: to the end of the workout), waking the
    workout at each change as its timer would (one jump would be a machine asleep, which
    pauses it), then drawing the screen once, where those changes leave it."""
    screen = pilot.app.screen
    workout = screen.workout
    end = float("inf") if seconds is None else clock.now + seconds
    last = None
    while not workout.engine.finished and workout.wake_at() <= end:
        clock.now = workout.wake_at()
        last = screen.wake_unseen()
    if seconds is not None:
        clock.now = end
        if not workout.engine.finished:
            last = screen.wake_unseen()
    if last is not None:
        screen.catch_up(last)
    await pilot.pause()


async def play(scene: Scene, pilot, clock: ManualClock) -> None:
    """`scene`, then settled (no worker left running, the last frames drawn): as the snapshot
    tests look at it and `make screenshots` saves it, so both see the same picture."""
    await scene.run(pilot, clock)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def end_check(pilot, *keys: str) -> None:
    """Answer "Any pain?" at the end of a workout with `keys` (none: Escape, skip it), once the
    Summary has put it up."""
    from glute_tui.ui.dialogs.pain_check import PainCheck

    for _ in range(50):
        if isinstance(pilot.app.screen, PainCheck):
            break
        await pilot.pause()
    else:
        raise RuntimeError("no pain check was shown")
    await pilot.press(*(keys or ("escape",)))
    await pilot.pause()


async def skip_to(pilot, title: str) -> None:
    """Press `n` until the workout shows `title`."""
    for _ in range(100):
        if str(pilot.app.screen.query_one("#phase-title").render()) == title:
            return
        await pilot.press("n")
    raise RuntimeError(f"never reached {title}")


async def settle(pilot, timeout: float = 10.0) -> None:
    """Until Home has read the history (its streak line is filled, after its first frame)
    and no worker is left running: what a person sees a moment after the app opens."""
    app = pilot.app
    home = app.screen_stack[0]
    deadline = asyncio.get_running_loop().time() + timeout

    def streak_line() -> str:  # Home may not even be composed yet, under an auto-pilot
        found = home.query("#home-streak")
        return str(found.first().render()) if found else ""

    while not streak_line():
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError("Home never read the history")
        await asyncio.sleep(0.005)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def home(pilot, clock):
    await settle(pilot)


async def work_set(pilot, clock):
    await pilot.press("enter")
    await advance(pilot, clock, 10 + 16)


async def squat_low(pilot, clock):
    """The fifth squat, on its first half: the figure at its lowest."""
    await pilot.press("enter")
    await advance(pilot, clock, 10 + 4 * 3 + 0.75)


async def squat_high(pilot, clock):
    """The fifth squat, on its second half: the figure standing again."""
    await pilot.press("enter")
    await advance(pilot, clock, 10 + 4 * 3 + 2.25)


async def rest(pilot, clock):
    await work_set(pilot, clock)
    await advance(pilot, clock, 20 + 12)


async def paused(pilot, clock):
    await rest(pilot, clock)
    await pilot.press("space")
    await pilot.pause()


async def one_sided_set(pilot, clock):
    await pilot.press("enter")
    await pilot.pause()
    await skip_to(pilot, "SINGLE-LEG DEADLIFTS")
    await advance(pilot, clock, 7)


async def switch_sides(pilot, clock):
    await one_sided_set(pilot, clock)
    await advance(pilot, clock, 24 + 1.5)


async def help_screen(pilot, clock):
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("question_mark")
    await pilot.pause()


async def summary(pilot, clock):
    await pilot.press("enter")
    await advance(pilot, clock, 10 + 36 + 30 + 20)
    await pilot.press("down", "down")
    await advance(pilot, clock)
    await end_check(pilot)
    await settle(pilot)


async def effort_prompt(pilot, clock):
    """The rest after the last set of squats: "How was Squats?"."""
    await pilot.press("enter")
    await advance(pilot, clock, 10 + 36 + 30 + 36 + 3)


async def summary_referral(pilot, clock):
    """A day after a session with the right knee at 3/10 and a weak right side: this time the
    right clamshells (first now: the weaker side) are 5 reps short in the first set and the knee
    hurts 5/10. The Summary judges each side, names the imbalance and refers the knee (the pain
    grew)."""
    await settle(pilot)
    await pilot.press("enter")
    await pilot.pause()
    clamshell_right = 10 + 36 + 30 + 36 + 30 + 30 + 30 + 30 + 30 + 20
    await advance(pilot, clock, clamshell_right)
    await pilot.press(*["down"] * 5)
    await advance(pilot, clock)
    await end_check(pilot, "2", "r", "plus", "plus", "enter")
    await settle(pilot)
    pilot.app.clear_notifications()  # "Saved your answers": a toast of 3 s, gone or not by now
    await pilot.pause()


async def pain_check(pilot, clock):
    """The end of a workout: the last exercise's "How was it?" answered, the right knee picked,
    5 of 10."""
    await pilot.press("enter")
    await advance(pilot, clock)
    await end_check(pilot, "2", "r", "plus", "plus", "down")


async def session_detail_pain(pilot, clock):
    """A session with its answers and pain, opened from History."""
    await history(pilot, clock)
    await pilot.press("enter")
    await pilot.pause()


async def plan(pilot, clock):
    """The plan over weeks of the highlighted routine (`w` on Home)."""
    await settle(pilot)
    await pilot.press("w")
    await settle(pilot)


async def history(pilot, clock):
    await settle(pilot)
    await pilot.press("h")
    await settle(pilot)


async def session_detail(pilot, clock):
    await history(pilot, clock)
    await pilot.press("enter")
    await pilot.pause()


async def editor(pilot, clock):
    await settle(pilot)
    await pilot.press("e")
    await pilot.pause()
    await pilot.press("down", "down", "down")  # the clamshells
    await pilot.pause()


async def exercise_form(pilot, clock):
    """The editor's `e` on the clamshells: a copy of the built-in move, as a new exercise."""
    await editor(pilot, clock)
    await pilot.press("e")
    await pilot.pause()


async def summary_long_names(pilot, clock):
    """The knee-friendly routine under a long name: the clamshells done, every set of the
    side-lying straight-leg lifts skipped, the rest done to the end."""
    await settle(pilot)
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen

    def title() -> str:
        return str(screen.query_one("#phase-title").render())

    last = None  # the clamshells, by the clock (as `advance`: one drawing at the end)
    while (title() if last is None else last.display.title) != LIFTS:
        clock.now = screen.workout.wake_at()
        last = screen.wake_unseen()
    if last is not None:
        screen.catch_up(last)
    await pilot.pause()
    while title() in (LIFTS, "REST", "SWITCH SIDES"):  # every lift skipped (and the rests between)
        await pilot.press("n")
    await advance(pilot, clock)
    await end_check(pilot)
    await settle(pilot)


async def preferences(pilot, clock):
    await settle(pilot)
    await pilot.press("p")
    await pilot.pause()


LONG_NAME = "Knee-friendly glutes for the week before a long run"
LIFTS = "SIDE-LYING STRAIGHT-LEG LIFTS"


@dataclass(frozen=True)
class Scene:
    name: str
    run: Callable[..., Awaitable[None]]
    routine: str = "article"
    sessions: int = 0  # a made-up history of this many sessions, up to TODAY
    rated: bool = False  # the newest sessions answered "How was it?" and "Any pain?"
    yesterday: bool = False  # a session of the routine the day before, the right knee 3/10
    weak_right: int = 0  # the newest sessions: this many, a week apart up to TODAY, the right
    # side weaker and the right knee 3/10 (three over two weeks: see a professional)
    long_names: bool = False  # the routine named LONG_NAME, and (with `sessions`) its newest
    # session the day before TODAY, every side-lying lift skipped and one bridge's right side


SCENES = {scene.name: scene for scene in [
    Scene("home", home),
    Scene("home-with-streak", home, sessions=55),
    Scene("home-knee-friendly", home, routine="knee-friendly"),  # the longest names of the table
    Scene("work-set", work_set),
    Scene("squat-low", squat_low),
    Scene("squat-high", squat_high),
    Scene("one-sided-set", one_sided_set),
    Scene("switch-sides", switch_sides),
    Scene("rest", rest),
    Scene("paused", paused),
    Scene("help", help_screen),
    Scene("summary", summary, routine="short"),
    Scene("history", history, sessions=55),
    Scene("session-detail", session_detail, sessions=55),
    Scene("history-imbalance", history, sessions=55, weak_right=3),
    Scene("plan", plan, sessions=55, weak_right=3),
    Scene("home-referral", home, sessions=55, weak_right=3),
    Scene("editor", editor),
    Scene("exercise-form", exercise_form),
    Scene("preferences", preferences),
    Scene("effort-prompt", effort_prompt, routine="short"),
    Scene("pain-check", pain_check, routine="short"),
    Scene("summary-referral", summary_referral, routine="short", yesterday=True),
    Scene("session-detail-pain", session_detail_pain, sessions=55, rated=True),
    # Long names and a skipped exercise (issue 24, findings 4 and 7), at 60x18 and 80x24 too
    Scene("summary-long-names", summary_long_names, routine="knee-friendly", long_names=True),
    Scene("history-long-names", history, routine="knee-friendly", sessions=55, long_names=True),
    Scene("session-detail-long-names", session_detail, routine="knee-friendly", sessions=55, long_names=True),
]}


def with_skips(routine: Routine) -> Session:
    """A session of `routine` the evening before TODAY: every side-lying lift skipped, the right
    side of the first single-leg bridge skipped, the rest done as planned."""
    from datetime import datetime, time, timedelta, timezone

    from glute_tui.devtools.sample_history import done_as_planned

    evening = datetime.combine(TODAY - timedelta(days=1), time(19, 30), tzinfo=timezone(timedelta(hours=1)))
    session = done_as_planned(routine, evening)
    for record in session.sets:
        if record.exercise == "side-lying-leg-lift" or (
                record.exercise == "single-leg-glute-bridge" and record.set == 1 and record.side == "right"):
            record.skipped, record.reps, record.effort, record.seconds = True, 0, None, 1.0
    session.planned_sets = sum(item.sets for item in routine.exercises)
    return session


def rate(sessions: list) -> None:
    """Answers for the newest ten sessions: how each exercise felt, pain on some, a note."""
    from glute_tui.core.effort import Pain

    newest = sorted(sessions, key=lambda s: (s.started, s.id))[-10:]
    for number, session in enumerate(newest):
        for record in session.sets:
            record.effort = ("right", "easy", "hard", "right", None)[(number + len(record.exercise)) % 5]
            record.counted_by = "app"
        session.pain = [Pain("knee", "right")] if number % 3 == 2 else []
        session.note = None
    newest[-1].pain = [Pain("knee", "right"), Pain("it-band", "left")]
    newest[-1].note = "Right knee sore after Sunday's long run [easy week]"


def scene_app(scene: Scene, home_dir: Path) -> tuple[GluteApp, ManualClock]:
    """The app for `scene`, its files under `home_dir`."""
    paths = AppPaths.resolve(home_dir)
    routines = builtin_routines()
    if scene.long_names:
        from dataclasses import replace

        routines = [replace(r, name=LONG_NAME) if r.id == scene.routine else r for r in routines]
    if scene.sessions:
        from glute_tui.devtools.sample_history import make_sessions
        from glute_tui.store.history import History

        sessions = make_sessions(scene.sessions, end=TODAY, seed=11)
        if scene.rated:
            rate(sessions)
        History(paths.data).add_many(sessions)
    if scene.weak_right:
        from datetime import datetime, time, timedelta, timezone

        from glute_tui.devtools.sample_history import yesterday_with_pain
        from glute_tui.store.history import History

        routine = next(r for r in builtin_routines() if r.id == scene.routine)
        evening = datetime.combine(TODAY, time(20), tzinfo=timezone(timedelta(hours=1)))
        History(paths.data).add_many([yesterday_with_pain(routine, now=evening - timedelta(days=7 * weeks))
                                      for weeks in range(scene.weak_right - 1, -1, -1)])
    if scene.long_names and scene.sessions:
        from glute_tui.store.history import History

        History(paths.data).add(with_skips(next(r for r in routines if r.id == scene.routine)))
    if scene.yesterday:
        from glute_tui.devtools.sample_history import yesterday_with_pain
        from glute_tui.store.history import History

        routine = next(r for r in builtin_routines() if r.id == scene.routine)
        History(paths.data).add(yesterday_with_pain(routine))
    clock = ManualClock()
    app = GluteApp(routines, paths, selected=scene.routine, clock=clock, today=lambda: TODAY,
                   speech_program=(), tone_player=(),  # the same picture whatever the machine plays
                   flash_s=0)  # a flash is a moment, not a layout
    return app, clock
