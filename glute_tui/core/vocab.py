"""The app's vocabularies, each one place: the words the files, the screens and the tests share.

Members are `StrEnum`s equal to the strings stored in files and exports ("work", "left",
"stopped"), so a value read from a file compares equal to its member, and a member written
to JSON is its plain string.
"""

from __future__ import annotations

from enum import StrEnum


class StepKind(StrEnum):
    """What a step of the plan asks of the person."""

    GET_READY = "get-ready"
    WORK = "work"
    SWITCH = "switch-sides"
    REST = "rest"
    DONE = "done"


class Counting(StrEnum):
    """Who counts the reps: the app to a tempo, or the person (Enter ends a set)."""

    PACED = "paced"
    SELF_PACED = "self-paced"


class SideMode(StrEnum):
    """How a routine does an exercise: both legs together, each side in turn, or alternating."""

    NONE = "none"
    BOTH = "both"
    ALTERNATE = "alternate"


class Side(StrEnum):
    """The side of one set as recorded: none, left, right, or alternating legs."""

    NONE = "none"
    LEFT = "left"
    RIGHT = "right"
    ALTERNATE = "alternate"


class CueKind(StrEnum):
    """The moments the person hears (and, for a change of phase, sees)."""

    GET_READY = "get-ready"
    GO = "go"
    SWITCH = "switch"
    REST = "rest"
    COUNTDOWN = "countdown"
    HALFWAY = "halfway"
    DONE = "done"


class Status(StrEnum):
    """How a saved session ended."""

    COMPLETED = "completed"
    STOPPED = "stopped"
    RECOVERED = "recovered"
