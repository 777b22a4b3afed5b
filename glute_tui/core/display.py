"""What the workout screen shows, as plain strings: one frozen value per instant.

Two views that look the same compare equal, so the screen repaints only when something a
person can see has changed (the displayed second, the rep count), not on every poll.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from glute_tui.core.engine import EngineView
from glute_tui.core.figures import ALTERNATE, ALTERNATE_S, STILL, TEMPO, Figure, Motion, frame_at
from glute_tui.core.format import away_note, format_duration, plural
from glute_tui.core.plan import DONE, GET_READY, OTHER_SIDE, REST, SWITCH, WORK, Step
from glute_tui.core.records import SetRecord
from glute_tui.core.routines import RoutineExercise

SIDE_LABELS = {"left": "LEFT LEG", "right": "RIGHT LEG"}
LEG_WORDS = {"left": "LEFT", "right": "RIGHT"}  # drawn large, read from the floor
PHASE_WORDS: dict[str, str] = {GET_READY: "GET READY", WORK: "WORK", SWITCH: "SWITCH", REST: "REST", DONE: "DONE"}
PROGRESS_STEPS = 200  # half a percent: finer than a 80-column bar or its percentage can show


@dataclass(frozen=True)
class WorkoutDisplay:
    phase: str  # get-ready | work | switch-sides | rest | done: the screen's colour scheme
    title: str  # SQUATS, REST, SWITCH SIDES
    detail: str  # Set 2 of 3
    side: str  # LEFT LEG, or "" for both legs
    leg: str  # LEFT or RIGHT: the working leg, in a word; "" for both legs
    number: str  # what Digits shows
    caption: str  # what the number means
    cues: tuple[str, ...]
    next_text: str
    progress: int  # of PROGRESS_STEPS: a bar redrawn only when it can look different
    planned: int
    clock: str  # 05:12 elapsed · 18:19 to go
    paused: bool
    figure: Figure | None = None  # the move being done, or coming next
    frame: int = 0  # which of its frames shows now
    paused_note: str = ""  # why it paused, when the app itself did: "Paused (the app was stopped for 1:40)"


@dataclass(frozen=True)
class FigureShown:
    """The drawing a phase shows, which frame, and in how many seconds that changes."""

    figure: Figure | None
    frame: int
    changes_in_s: float | None  # None: not before something else changes (a pause, the next phase)


def figure_motion(view: EngineView, following_work: Step | None) -> tuple[Figure | None, Motion]:
    """Which drawing a phase shows and how it moves.

    A paced set moves it to the tempo (down on the first half of each rep, up on the second);
    a self-paced set alternates it slowly; a hold shows where the move holds; the get-ready
    shows the first move alternating; a rest or a switch shows the next move standing still.
    """
    step = view.step
    if step.kind == WORK and step.item is not None:
        item = step.item
        if item.is_hold:
            return item.exercise.figure, Motion(STILL, still_frame=1)
        if view.remaining_s is None:  # self-paced
            return item.exercise.figure, Motion(ALTERNATE, ALTERNATE_S)
        return item.exercise.figure, Motion(TEMPO, item.tempo_s)
    if step.kind == GET_READY and following_work is not None and following_work.item is not None:
        return following_work.item.exercise.figure, Motion(ALTERNATE, ALTERNATE_S)
    if step.kind == SWITCH and step.item is not None:
        return step.item.exercise.figure, Motion(STILL)
    if step.kind == REST and following_work is not None and following_work.item is not None:
        return following_work.item.exercise.figure, Motion(STILL)
    return None, Motion(STILL)


def figure_shown(view: EngineView, following_work: Step | None) -> FigureShown:
    """The figure and frame at `view`'s instant, and the seconds until the frame changes."""
    figure, motion = figure_motion(view, following_work)
    if figure is None:
        return FigureShown(None, 0, None)
    frame, next_at = frame_at(motion, len(figure.unicode), view.step_elapsed_s)
    if next_at is None or view.paused or view.finished:
        return FigureShown(figure, frame, None)
    return FigureShown(figure, frame, max(0.0, next_at - view.step_elapsed_s))


def side_label(item: RoutineExercise, side: str) -> str:
    """`LEFT LEG`; for a move done lying on one side, also where to lie (the other side)."""
    if side not in OTHER_SIDE:
        return ""
    label = SIDE_LABELS[side]
    return f"{label} · lie on your {OTHER_SIDE[side]} side" if item.exercise.side_lying else label


def item_cues(item: RoutineExercise) -> tuple[str, ...]:
    return item.exercise.cues_for(item.is_hold)


def _last_set(last: SetRecord | None) -> str:
    """The count of the set just finished, which ↑↓ corrects during a rest or a switch."""
    if last is None or last.reps is None or last.skipped:
        return ""
    leg = f"{last.side} leg " if last.side in OTHER_SIDE else ""
    return f" · last set: {leg}{plural(last.reps, 'rep')} (↑↓ to correct)"


def _added(view: EngineView) -> str:
    """What `+` did, under the number it changed: ` · 15 s added`."""
    return f" · {round(view.extra_s)} s added" if view.extra_s > 0 else ""


def seconds_shown(remaining: float) -> int:
    """A countdown shows 3 until 2 seconds are left: a whole second is never skipped."""
    return max(0, math.ceil(remaining - 1e-6))


def _countdown(remaining: float | None) -> str:
    left = seconds_shown(remaining or 0.0)
    return f"{left // 60}:{left % 60:02d}"


def _next_text(view: EngineView) -> str:
    step = view.next_step
    if step is None or step.kind == DONE:
        return "Next: the end. Last one, make it count!" if view.step.kind != DONE else ""
    if step.kind == REST:
        return f"Next: rest {int(step.duration_s)} s"
    if step.kind == SWITCH:
        return f"Next: switch sides ({int(step.duration_s)} s)"
    return f"Next: {_work_line(step)}"


def _work_line(step: Step) -> str:
    assert step.item is not None
    return f"{step.title} (set {step.set_no} of {step.sets})"


def phase_word(display: WorkoutDisplay) -> str:
    """The phase in one or two words, drawn large: WORK, REST, SWITCH, PAUSED."""
    return "PAUSED" if display.paused else PHASE_WORDS.get(display.phase, "")


def describe(view: EngineView, following_work: Step | None) -> WorkoutDisplay:
    """The screen's content for `view`; `following_work` is the next set after a pause."""
    step = view.step
    shown = figure_shown(view, following_work)
    title, detail, side, number, caption, leg = "", "", "", "", "", ""
    cues: tuple[str, ...] = ()
    if step.kind == WORK and step.item is not None:
        item = step.item
        title = item.exercise.name.upper()
        detail = f"Set {step.set_no} of {step.sets}"
        if item.load.kind != "bodyweight":
            detail += f" · {item.load.label}"
        cues = item_cues(item)
        if step.side == "alternate":
            side = f"ALTERNATE · NOW {SIDE_LABELS[view.rep_side]}"
            leg = LEG_WORDS.get(view.rep_side, "")
        else:
            side = side_label(item, step.side)
            leg = LEG_WORDS.get(step.side, "")
        if item.is_hold:
            number, caption = _countdown(view.remaining_s), f"hold · {item.hold_s} s"
        elif view.remaining_s is None:  # self-paced: a stopwatch runs
            number = str(view.reps)
            caption = (f"reps · {format_duration(view.step_elapsed_s)} · Enter when done, ↑↓ to correct")
        else:
            number = str(view.reps)
            caption = f"of {plural(view.target_reps or 0, 'rep')} · Enter to finish early"
    elif step.kind == REST:
        title, number = "REST", _countdown(view.remaining_s)
        skipped = view.last_record is not None and view.last_record.skipped
        caption = ("seconds of rest" + (" (short: the set was skipped)" if skipped else "")
                   + (_added(view) or " · + adds 15 s") + _last_set(view.last_record))
        if following_work is not None and following_work.item is not None:
            detail = f"Up next: {following_work.item.exercise.name}"
            cues = item_cues(following_work.item)
    elif step.kind == SWITCH:
        title = "SWITCH SIDES"
        number = _countdown(view.remaining_s)
        caption = "seconds to switch" + _added(view) + _last_set(view.last_record)
        leg = LEG_WORDS.get(step.side, "")
        if step.item is not None:
            side = side_label(step.item, step.side)
            side = f"NOW {side}" if side else ""
            detail = f"{step.item.exercise.name} · set {step.set_no} of {step.sets}"
            cues = item_cues(step.item)
    elif step.kind == GET_READY:
        title, number, caption = "GET READY", _countdown(view.remaining_s), "seconds" + _added(view) + " · Enter to start now"
        if following_work is not None and following_work.item is not None:
            detail = f"First: {following_work.item.exercise.name}"
            cues = item_cues(following_work.item)
    elif step.kind == DONE:
        title, detail, number, caption = "DONE", "Well done!", "", ""
    return WorkoutDisplay(
        phase=step.kind,
        title=title,
        detail=detail,
        side=side,
        leg=leg,
        number=number,
        caption=caption,
        cues=tuple(cues),
        next_text=_next_text(view),
        progress=int(view.progress * PROGRESS_STEPS),
        planned=int(view.planned_s),
        clock=(f"{format_duration(view.elapsed_s)} elapsed · "
               f"{format_duration(view.to_go_s)} to go"),
        paused=view.paused,
        figure=shown.figure,
        frame=shown.frame,
        paused_note=away_note(view.away_s),
    )
