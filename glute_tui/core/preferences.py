"""The person's preferences: what the app starts with, and what each may hold."""

from __future__ import annotations

from dataclasses import dataclass

from glute_tui.core.text import shown

WEEKLY_GOAL_RANGE = (1, 14)
CUE_SOUNDS = ("tone", "bell")  # a tone through a sound player, or the terminal's bell
VOLUME_RANGE = (0, 100)


class PreferenceError(ValueError):
    pass


@dataclass
class Preferences:
    default_routine: str = "article"
    counting: str = "paced"
    weekly_goal: int = 1
    sound: bool = True
    speech: bool = True
    theme: str = "textual-dark"
    notifications: bool = False  # desktop notifications (OSC 9 / 777) on a change of phase
    cue_sound: str = "tone"  # tone (the bell where no player is found) or bell
    volume: int = 70  # of the tones, 0 to 100
    tempo_cue: bool = False  # a soft tick at the turn of each rep of a paced set

    def validate(self, where: str) -> None:
        low, high = WEEKLY_GOAL_RANGE
        if isinstance(self.weekly_goal, bool) or not isinstance(self.weekly_goal, int) \
                or not low <= self.weekly_goal <= high:
            raise PreferenceError(f"{where}: weekly_goal: must be a whole number from {low} to {high} "
                                  f"(got {shown(self.weekly_goal)})")
        if self.counting not in ("paced", "self-paced"):
            raise PreferenceError(f"{where}: counting: must be paced or self-paced (got {shown(self.counting)})")
        if self.cue_sound not in CUE_SOUNDS:
            raise PreferenceError(f"{where}: cue_sound: must be tone or bell (got {shown(self.cue_sound)})")
        low, high = VOLUME_RANGE
        if isinstance(self.volume, bool) or not isinstance(self.volume, int) or not low <= self.volume <= high:
            raise PreferenceError(f"{where}: volume: must be a whole number from {low} to {high} "
                                  f"(got {shown(self.volume)})")
        for name in ("sound", "speech", "notifications", "tempo_cue"):
            if not isinstance(getattr(self, name), bool):
                raise PreferenceError(f"{where}: {name}: must be true or false")
        for name in ("default_routine", "theme"):
            if not isinstance(getattr(self, name), str):
                raise PreferenceError(f"{where}: {name}: must be text")
