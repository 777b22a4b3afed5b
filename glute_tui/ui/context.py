"""What every screen is given: the services, the clock, and the app's cue output.

The App builds one AppContext and hands it to each screen it opens; a screen reads its state
from the services here (typed), and hears about changes through the two signals, instead of
reading and writing attributes of the App.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Callable

from textual.signal import Signal

from glute_tui.core.cues import CuePlayer
from glute_tui.core.preferences import Preferences
from glute_tui.services.history import HistoryService
from glute_tui.services.library import RoutineLibrary
from glute_tui.services.settings import Settings
from glute_tui.services.workout import WorkoutService
from glute_tui.store.paths import AppPaths
from glute_tui.ui.sound import TonePlayer
from glute_tui.ui.speech import Speaker

if TYPE_CHECKING:
    from glute_tui.core.engine import Clock


@dataclass
class AppContext:
    paths: AppPaths
    settings: Settings
    library: RoutineLibrary
    history: HistoryService
    workouts: WorkoutService
    cues: CuePlayer
    speaker: Speaker
    clock: Clock
    today: Callable[[], date]
    settings_changed: Signal[Preferences]  # published on the app's thread after every change
    routines_changed: Signal[RoutineLibrary]
    flash_s: float = 0.4  # how long the screen flashes at a change of phase; 0 for none
    tones: TonePlayer | None = None  # the sound player found at start, for tones
    touch: bool = False  # buttons for a finger where a terminal has keys (in a browser: a phone)
