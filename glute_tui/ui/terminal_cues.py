"""The app's cue sink: the terminal bell, a flash of the screen, speech, desktop notifications."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.message import Message

from glute_tui.core.cues import Cue
from glute_tui.ui.sound import TonePlayer
from glute_tui.ui.speech import Speaker

BELL_SPACING_S = 0.22


class CueFlash(Message):
    """Posted to the screen on a change of phase: it flashes in the phase's colour."""

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind


class TerminalCues:
    def __init__(self, app: App[Any], speaker: Speaker, tones: TonePlayer | None = None) -> None:
        self.app = app
        self.speaker = speaker
        self.tones = tones
        self.use_tones = tones is not None  # the preference: tone, or the bell
        self.notifications = False  # OSC 9 / OSC 777, a preference, off by default

    def sound(self, cue: Cue) -> None:
        played = self.use_tones and self.tones is not None and self.tones.play(cue.kind)
        if not played:  # no player (or tones off): the bell
            self.app.bell()
            for n in range(1, cue.bells):  # bells sent in one frame would merge into one
                self.app.set_timer(n * BELL_SPACING_S, self.app.bell)
        if cue.kind != "countdown":
            self.speaker.say(cue.text)  # starts the program and returns at once
        if self.notifications and cue.is_phase:
            self._desktop_notification(cue.text)

    def flash(self, cue: Cue) -> None:
        self.app.screen.post_message(CueFlash(cue.kind))

    def _desktop_notification(self, text: str) -> None:
        driver = self.app._driver  # Textual has no public way to write an escape sequence
        if driver is None:
            return
        safe = text.replace("\x1b", "").replace("\x07", "").replace(";", ",")
        driver.write(f"\x1b]9;glute-tui: {safe}\x07\x1b]777;notify;glute-tui;{safe}\x07")
