"""Per-exercise results of a workout, against the plan's targets, and how honestly they were met.

A target counts as met only when the count can be trusted: a set the app counted to the tempo
(or a hold its timer ran out) says nothing about whether the person kept up, so it is met only
when they answered "easy" or "right" (or corrected the count); a self-paced set finished far
faster than its tempo allows (`too_fast`) is not met.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from glute_tui.core.effort import EFFORTS, GOOD_EFFORTS
from glute_tui.core.format import plural
from glute_tui.core.plan import Plan
from glute_tui.core.records import SetRecord, and_sides, done_set_keys

# What happened to a set or an exercise, in the words every screen uses (the Summary, the
# session detail, History, `glute-tui history`): a set was done or skipped; an exercise was
# done, skipped, or stopped (the workout ended before all its sets were reached). A session's
# own word is its status (completed, stopped, recovered).
DONE, SKIPPED, STOPPED = "done", "skipped", "stopped"


def set_status(record: SetRecord) -> str:
    """A set's word: `done`, or `skipped` (skipped with `n`, or ended with nothing done)."""
    return DONE if record.done else SKIPPED


@dataclass(frozen=True)
class ExerciseResult:
    exercise_id: str
    name: str
    sets_done: int
    sets_planned: int
    reps_done: int
    reps_target: int
    hold_done_s: float
    hold_target_s: float
    seconds: float
    efforts: tuple[str | None, ...] = ()  # each done set's answer to "How was it?"
    app_counted: int = 0  # done sets whose count is the app's (tempo or timer), not the person's
    too_fast: int = 0  # done sets finished far faster than the tempo allows
    side: str = ""  # "left" | "right" for one side's result; "" for the whole exercise
    # For a two-sided move (`both`, and `alternate` by leg): each side's result, judged apart,
    # so 17 reps on the left and 7 on the right against 12 a side is not met.
    per_side: tuple["ExerciseResult", ...] = ()
    sets_skipped: int = 0  # sets reached but not done (a two-sided set with a side skipped too)

    @property
    def status(self) -> str:
        """What happened to the exercise, in the history's words: `done` (every set), `skipped`
        (every set reached was skipped), `stopped` (the workout ended before all its sets were
        reached), or `1 skipped` (done, but for that many sets)."""
        if self.sets_done + self.sets_skipped < self.sets_planned:
            return STOPPED
        if self.sets_done >= self.sets_planned:
            return DONE
        if not self.sets_done:
            return SKIPPED
        return f"{self.sets_skipped} {SKIPPED}"

    @property
    def met_target(self) -> bool:
        return not self.missed and self.sets_done > 0

    def side_result(self, side: str) -> "ExerciseResult | None":
        return next((r for r in self.per_side if r.side == side), None)

    @property
    def is_hold(self) -> bool:
        return self.hold_target_s > 0

    @property
    def missed(self) -> list[str]:
        """Each target that was not met, as a person reads it: `22 of 24 reps`."""
        missed = []
        if self.sets_done < self.sets_planned:
            missed.append(f"{self.sets_done} of {plural(self.sets_planned, 'set')}")
        if self.per_side:
            return missed + [f"{r.side}: {m}" for r in self.per_side for m in r.amount_missed()]
        return missed + self.amount_missed()

    def amount_missed(self) -> list[str]:
        """The reps or the hold time missed (`22 of 24 reps`), sets left aside."""
        if self.is_hold and self.hold_done_s + 1e-6 < self.hold_target_s:
            return [f"held {self.hold_done_s:.0f} of {self.hold_target_s:.0f} s"]
        if not self.is_hold and self.reps_done < self.reps_target:
            return [f"{self.reps_done} of {plural(self.reps_target, 'rep')}"]
        return []

    @property
    def verdict(self) -> str:
        """One line per exercise: which targets were met and which were not."""
        if self.met_target:
            amount = (f"held {self.hold_done_s:.0f} s" if self.is_hold
                      else plural(self.reps_done, "rep"))
            return f"{self.name}: met ({plural(self.sets_done, 'set')}, {amount})"
        if not self.sets_done:
            return f"{self.name}: not done"
        return f"{self.name}: not met ({', '.join(self.missed)})"

    @property
    def effort(self) -> str | None:
        """The answer for the exercise: the hardest one given to any of its sets; None if none."""
        given = [e for e in self.efforts if e is not None]
        return max(given, key=EFFORTS.index) if given else None

    @property
    def all_good(self) -> bool:
        """Every done set answered easy or right."""
        return bool(self.efforts) and all(e in GOOD_EFFORTS for e in self.efforts)

    @property
    def met_honestly(self) -> bool:
        """The targets met, and the count can be trusted (see the module's doc)."""
        if not self.met_target or self.too_fast:
            return False
        if self.per_side:
            return all(r.met_honestly for r in self.per_side)
        return not self.app_counted or all(e in GOOD_EFFORTS for e in self.efforts)

    def amount(self) -> str:
        """`22 / 24 reps`, `45 / 60 s`: what was done against the target."""
        if self.hold_target_s:
            return f"{self.hold_done_s:.0f} / {self.hold_target_s:.0f} s"
        return f"{self.reps_done} / {self.reps_target} reps"


def overall(results: list[ExerciseResult], *, honest: bool = False) -> str:
    """The Summary's headline: "Every target met." only when it is true (`honest`: and the
    count can be trusted, see `met_honestly`)."""
    met = sum(1 for r in results if (r.met_honestly if honest else r.met_target))
    if results and met == len(results):
        return "Every target met."
    if not met:
        return "No target met this time."
    return f"Targets met for {met} of {plural(len(results), 'exercise')}."


def summarize(plan: Plan, records: list[SetRecord]) -> list[ExerciseResult]:
    """One row per exercise of the routine, in routine order; reps add up over both sides, and
    a two-sided move also has each side's result (`per_side`)."""
    results = []
    for item in plan.routine.exercises:
        steps = [s for s in plan.work_steps if s.item is item]
        done = [r for r in records if r.exercise == item.id]
        whole = _result(item.id, item.exercise.name, item.sets, done,
                        sum(item.reps or 0 for _ in steps), sum(float(item.hold_s or 0) for _ in steps))
        if item.side_mode == "both":
            whole = replace(whole, per_side=tuple(
                _result(item.id, item.exercise.name, item.sets, [r for r in done if r.side == side],
                        (item.reps or 0) * item.sets, float(item.hold_s or 0) * item.sets, side)
                for side in SIDES))
        elif item.side_mode == "alternate" and not item.is_hold:
            whole = replace(whole, per_side=tuple(_alternate_side(whole, item.reps or 0, item.sets, done, side)
                                                  for side in SIDES))
        results.append(whole)
    return results


SIDES = ("left", "right")


def alternate_share(reps: int, side: str) -> int:
    """The reps of one leg in an alternating set of `reps`: it starts on the left (engine.rep_side)."""
    return (reps + 1) // 2 if side == "left" else reps // 2


def _alternate_side(whole: ExerciseResult, reps: int, sets: int, done: list[SetRecord],
                    side: str) -> ExerciseResult:
    """One leg's share of alternating sets: the odd reps are the left leg's, the even the right's."""
    return replace(whole, side=side, per_side=(),
                   reps_done=sum(alternate_share(r.reps or 0, side) for r in done if not r.skipped),
                   reps_target=alternate_share(reps, side) * sets)


def _result(exercise_id: str, name: str, sets: int, done: list[SetRecord], reps_target: int,
            hold_target_s: float, side: str = "") -> ExerciseResult:
    finished = [r for r in done if r.done]
    # A set counts once, whatever its sides; a two-sided one only when both were done (a
    # side's own result counts that side's sets).
    done_sets = {r.set for r in finished} if side else {n for _, n in done_set_keys(done)}
    return ExerciseResult(
        exercise_id=exercise_id,
        name=name,
        sets_done=len(done_sets),
        sets_skipped=len({r.set for r in done} - done_sets),
        sets_planned=sets,
        reps_done=sum(r.reps or 0 for r in done if not r.skipped),
        reps_target=reps_target,
        hold_done_s=sum(r.hold_s or 0 for r in done if not r.skipped),
        hold_target_s=hold_target_s,
        seconds=sum(r.seconds for r in done),
        efforts=tuple(r.effort for r in finished),
        # A set of version 1 (who counted it is not known) counts as the app's: nothing says
        # the person kept up.
        app_counted=sum(1 for r in finished if r.counted_by != "person"),
        too_fast=sum(1 for r in finished if r.too_fast),
        side=side,
    )


def ending_title(status: str, done: int, planned: int, sides: int = 0) -> str:
    """The Summary's first line: what happened, in the history's words (completed, stopped,
    skipped), from the sets done against the sets planned; praise only for a workout done whole
    ("Well done!" after 1 of 18 sets misled). `sides`: sides of a two-sided set done alone
    (`records.sides_apart`), kept too."""
    if status != "completed":
        if not done and not sides:
            return "Workout stopped before any set was done."
        if not done:
            return f"Workout stopped before a whole set was done: {plural(sides, 'side')} of a set, kept."
        return f"Workout stopped early: {done} of {plural(planned, 'set')} done{and_sides(sides)}, and kept."
    if done >= planned:
        return "Workout complete. Well done!"
    if done == 0:
        return f"Workout completed with every set skipped ({plural(planned, 'set')})."
    mostly = ", mostly skipped" if done * 2 < planned else ""
    return f"Workout completed{mostly}: {done} of {planned} sets done, {planned - done} skipped."
