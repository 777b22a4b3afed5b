"""Figures: a small plain-text drawing of each move, and which of its frames to show when.

A figure has two or more frames of the same size: the first is where the move starts (standing;
lying with the hips down), the others where it goes (squatting; hips up). Each comes in Unicode
(box-drawing and block characters) and in ASCII, for terminals without Unicode. The drawings
live in `glute_tui/data/figures.toml`; a person's own exercise may bring its own (see `parse_frames`).

Timing is pure: `frame_at` says which frame a phase shows at a moment and when that changes,
so the workout screen wakes only when the drawing changes, like it does for the number.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glute_tui.core.text import is_control

FIGURE_COLS = 24  # the largest figure: it must fit beside the number on an 80x24 screen
FIGURE_ROWS = 8
FRAMES_MAX = 8
NEUTRAL_ID = "neutral"  # shown for an exercise that has no drawing of its own
STYLES = ("unicode", "ascii")
FIGURE_KEYS = {"id", "unicode", "ascii"}

Frame = tuple[str, ...]  # its lines, each padded with spaces to the figure's width


@dataclass(frozen=True)
class Figure:
    """The frames of one move, in both styles; all frames of a figure have one size."""

    id: str
    unicode: tuple[Frame, ...]
    ascii: tuple[Frame, ...]

    def frames(self, unicode: bool = True) -> tuple[Frame, ...]:
        return self.unicode if unicode else self.ascii

    def side_by_side(self, unicode: bool = True) -> list[str]:
        """Its frames in a row, the start first, three spaces apart: how Help and
        `glute-tui exercises show` print the whole move at once."""
        frames = self.frames(unicode)
        return ["   ".join(frame[row] for frame in frames).rstrip() for row in range(len(frames[0]))]

    @property
    def size(self) -> tuple[int, int]:
        """(columns, rows) of its Unicode frames."""
        first = self.unicode[0]
        return (len(first[0]) if first else 0, len(first))


class FigureFaults:
    """Where faults go: (field, problem) pairs, named by the caller's file."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def add(self, where: str, problem: str) -> None:
        self.items.append((where, problem))


def _char_problem(char: str, ascii_only: bool) -> str | None:
    if is_control(char) or char == "\t":
        return f"U+{ord(char):04X} is a control character"
    if ascii_only and not (" " <= char <= "~"):
        return f"U+{ord(char):04X} is not ASCII; the ascii frames are for terminals without Unicode"
    if unicodedata.east_asian_width(char) in ("W", "F") or unicodedata.combining(char):
        return f"U+{ord(char):04X} is not one column wide"
    return None


def parse_frames(value: Any, where: str, faults: FigureFaults, *, ascii_only: bool) -> tuple[Frame, ...]:
    """Frames from a list of multi-line strings (TOML '''…''' blocks), padded to one width.

    Every frame must have the same number of lines; lines may be of any length up to
    FIGURE_COLS (shorter ones are padded with spaces, as trailing spaces do not show in a file).
    Returns () after adding a fault.
    """
    allowed = (f"a list of {2}-{FRAMES_MAX} frames, each a text of up to {FIGURE_ROWS} lines "
               f"of up to {FIGURE_COLS} characters")
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        faults.add(where, f"must be {allowed}")
        return ()
    if not 2 <= len(value) <= FRAMES_MAX:
        faults.add(where, f"has {len(value)} frame(s); must be {allowed}")
        return ()
    frames: list[list[str]] = []
    before = len(faults.items)
    for number, text in enumerate(value, start=1):
        lines = text.removesuffix("\n").split("\n")
        for line in lines:
            problem = next((p for p in (_char_problem(ch, ascii_only) for ch in line) if p), None)
            if problem:
                faults.add(f"{where}[{number}]", problem)
                break
        widest = max(len(line) for line in lines)
        if len(lines) > FIGURE_ROWS or widest > FIGURE_COLS:
            faults.add(f"{where}[{number}]", f"is {widest} columns x {len(lines)} lines; the most is "
                                              f"{FIGURE_COLS} x {FIGURE_ROWS}")
        frames.append(lines)
    heights = {len(lines) for lines in frames}
    if len(heights) > 1:
        faults.add(where, "every frame must have the same number of lines "
                          f"(got {', '.join(str(len(lines)) for lines in frames)})")
    if len(faults.items) != before:
        return ()
    width = max(len(line) for lines in frames for line in lines)
    return tuple(tuple(line.ljust(width) for line in lines) for lines in frames)


def _same_size(figure_where: str, unicode: tuple[Frame, ...], ascii: tuple[Frame, ...],
               faults: FigureFaults) -> bool:
    if unicode and ascii and (len(unicode[0]), len(unicode[0][0])) != (len(ascii[0]), len(ascii[0][0])):
        faults.add(figure_where, "the unicode and ascii frames must be of one size "
                                 f"(got {len(unicode[0][0])}x{len(unicode[0])} and "
                                 f"{len(ascii[0][0])}x{len(ascii[0])})")
        return False
    return True


def parse_figure(table: Any, where: str, faults: FigureFaults, figure_id: str,
                 neutral: Figure | None = None) -> Figure | None:
    """A figure from a table with `unicode` and/or `ascii` frames.

    Given only `ascii`, the Unicode terminal shows those too; given only `unicode`, an ASCII
    terminal shows `neutral`'s ASCII frames (when there is a neutral figure; else it is a fault).
    """
    if not isinstance(table, dict):
        faults.add(where, "must be a table with 'unicode' and/or 'ascii' frames, or the id of a figure")
        return None
    before = len(faults.items)
    for key in sorted(set(table) - FIGURE_KEYS):
        faults.add(f"{where}.{key}", f"unknown field; allowed: {', '.join(sorted(FIGURE_KEYS - {'id'}))}")
    if "unicode" not in table and "ascii" not in table:
        faults.add(where, "needs 'unicode' or 'ascii' frames (or both)")
        return None
    unicode = parse_frames(table["unicode"], f"{where}.unicode", faults, ascii_only=False) \
        if "unicode" in table else ()
    ascii = parse_frames(table["ascii"], f"{where}.ascii", faults, ascii_only=True) if "ascii" in table else ()
    if len(faults.items) != before:
        return None
    if not unicode:
        unicode = ascii
    if not ascii:
        if neutral is None:
            faults.add(f"{where}.ascii", "missing; give the frames for terminals without Unicode too")
            return None
        ascii = fit(neutral.ascii, len(unicode[0][0]), len(unicode[0]))
    if not _same_size(where, unicode, ascii, faults):
        return None
    return Figure(figure_id, unicode, ascii)


def fit(frames: tuple[Frame, ...], width: int, height: int) -> tuple[Frame, ...]:
    """`frames` padded (or cut) to width x height, bottom-aligned: the floor stays the floor."""
    fitted = []
    for frame in frames:
        lines = [line[:width].ljust(width) for line in frame[-height:]]
        lines = [" " * width] * (height - len(lines)) + lines
        fitted.append(tuple(lines))
    return tuple(fitted)


def parse_figures(doc: dict[str, Any], path: Path) -> tuple[dict[str, Figure], list[str]]:
    """The figures of a figures file keyed by id, and its faults as `file: field: problem`."""
    faults = FigureFaults()
    figures: dict[str, Figure] = {}
    items = doc.get("figure", [])
    for key in sorted(set(doc) - {"figure"}):
        faults.add(key, "unknown field; a figures file holds [[figure]] tables")
    for index, item in enumerate(items if isinstance(items, list) else [items], start=1):
        where = f"figure[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"]:
            faults.add(where, "needs an 'id' (text)")
            continue
        if "unicode" not in item or "ascii" not in item:
            faults.add(where, "a shipped figure needs both 'unicode' and 'ascii' frames")
            continue
        if item["id"] in figures:
            faults.add(f"{where}.id", f"{item['id']!r} is used twice")
            continue
        figure = parse_figure(item, where, faults, item["id"])
        if figure is not None:
            figures[figure.id] = figure
    return figures, [f"{path}: {where}: {problem}" for where, problem in faults.items]


# --- which frame, when -------------------------------------------------------------------------

ALTERNATE_S = 2.0  # a self-paced set, the get-ready, Help: each frame held this long


@dataclass(frozen=True)
class Motion:
    """How a phase moves its figure: to the tempo, alternating at a slow pace, or still."""

    kind: str  # "tempo" | "alternate" | "still"
    period_s: float = 0.0  # tempo: one rep; alternate: one frame
    still_frame: int = 0


TEMPO = "tempo"
ALTERNATE = "alternate"
STILL = "still"


def frame_at(motion: Motion, frames: int, elapsed_s: float) -> tuple[int, float | None]:
    """The frame shown `elapsed_s` into a phase, and the elapsed time at which it next changes.

    To the tempo, a rep is cut into `frames` equal parts: the first shows where the move goes
    (frame 1: squatting, hips up), the last where it started (frame 0), so with two frames the
    figure goes down on the first half of the rep and comes back on the second. Alternating,
    frame 0 shows first. Still: `still_frame`, with no change to come (None).
    """
    eps = 1e-9
    if frames < 2 or motion.kind == STILL or motion.period_s <= 0:
        return (min(motion.still_frame, max(frames - 1, 0)), None)
    elapsed_s = max(0.0, elapsed_s)
    part = motion.period_s / frames if motion.kind == TEMPO else motion.period_s
    step = math.floor(elapsed_s / part + eps)
    index = (step + 1) % frames if motion.kind == TEMPO else step % frames
    return (index, (step + 1) * part)
