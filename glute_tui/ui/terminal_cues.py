"""The app's cue sink: the terminal bell, a flash of the screen, speech, desktop notifications."""

from __future__ import annotations

from typing import Any, Callable
from urllib.parse import quote

from textual.app import App
from textual.message import Message

from glute_tui.core.cues import Cue
from glute_tui.ui.sound import TonePlayer
from glute_tui.ui.speech import Speaker

BELL_SPACING_S = 0.22
WEB_CUE = "\x1b]7717;glute-tui;"  # our own OSC: the browser page plays it (ui/web/templates)


def web_cue(kind: str, text: str, *, speak: bool, volume: int) -> str:
    """A cue for the browser page, as an escape sequence in the app's output: xterm.js ignores
    an OSC it does not know, and the page reads it off the socket. The text is percent-encoded,
    so nothing from a routine file can end the sequence or start another."""
    return f"{WEB_CUE}{quote(kind, safe='')};{int(speak)};{int(volume)};{quote(text, safe='')}\x07"


class CueFlash(Message):
    """Posted to the screen on a change of phase: it flashes in the phase's colour."""

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind


class KeepAwake(Message):
    """Posted by the workout when it starts (True) and ends (False): in a browser, the page
    keeps the phone's screen on in between (see TerminalCues.keep_awake)."""

    def __init__(self, on: bool) -> None:
        super().__init__()
        self.on = on


WAKE_URL = "glute-tui:keep-awake?"  # + "on" / "off": the page takes it, never opens it


class TerminalCues:
    def __init__(self, app: App[Any], speaker: Speaker, tones: TonePlayer | None = None) -> None:
        self.app = app
        self.speaker = speaker
        self.tones = tones
        self.use_tones = tones is not None  # the preference: tone, or the bell
        self.notifications = False  # OSC 9 / OSC 777, a preference, off by default
        self.web = False  # in a browser (glute-tui serve): the page plays the cues
        self.speech = True  # the voice preference, for the page's speech
        self.volume = 70
        self.output: Any = None  # the driver in application mode (see told_driver), or None

    def sound(self, cue: Cue) -> None:
        if self.web:  # the page plays the tone and speaks; nothing sounds on the server
            self._write(web_cue(cue.kind, cue.text, speak=self.speech and cue.kind != "countdown",
                                volume=self.volume))
            return
        played = self.use_tones and self.tones is not None and self.tones.play(cue.kind)
        if not played:  # no player (or tones off): the bell
            self.app.bell()
            for n in range(1, cue.bells):  # bells sent in one frame would merge into one
                self.app.set_timer(n * BELL_SPACING_S, self.app.bell)
        if cue.kind != "countdown":
            self.speaker.say(cue.text)  # starts the program and returns at once
        if self.notifications and cue.is_phase:
            self._desktop_notification(cue.text)

    @property
    def can_tick(self) -> bool:
        """A soft tick needs a tone player; the terminal bell is too harsh for every rep."""
        return not self.web and self.use_tones and self.tones is not None and self.tones.available

    def tick(self) -> None:
        """The tempo cue at the turn of a paced rep: a short soft tone, or nothing."""
        if self.can_tick and self.tones is not None:
            self.tones.play("tick")

    def keep_awake(self, on: bool) -> None:
        """In a browser, tell the page a workout runs (it holds a screen wake lock) or ended
        (it lets the screen sleep again). Textual's public way to send the page something is
        App.open_url: textual-serve hands the page an ["open_url", {url}] message, and our page
        takes a glute-tui: URL for itself instead of opening it. In a terminal: nothing."""
        if self.web:
            self.app.open_url(WAKE_URL + ("on" if on else "off"), new_tab=False)

    def flash(self, cue: Cue) -> None:
        self.app.screen.post_message(CueFlash(cue.kind))

    def _desktop_notification(self, text: str) -> None:
        safe = text.replace("\x1b", "").replace("\x07", "").replace(";", ",")
        self._write(f"\x1b]9;glute-tui: {safe}\x07\x1b]777;notify;glute-tui;{safe}\x07")

    def _write(self, sequence: str) -> None:
        if self.output is not None:  # none headless, nor before or after application mode
            self.output.write(sequence)


def told_driver(base: type, tell: Callable[[Any], None]) -> type:
    """A subclass of the driver class `base` that hands itself to `tell` when its application
    mode starts, and None when it stops (TerminalCues.output is set so), so that an escape
    sequence (a desktop notification, a browser cue) goes through the driver's public `write`.
    Textual's App has no public way to write one (only `bell()`), and the App keeps its driver
    in a private attribute; overriding a driver's public application-mode methods, in a class
    given by `App.get_driver_class`, is public."""

    class ToldDriver(base):  # type: ignore[misc, valid-type]
        def start_application_mode(self) -> None:
            super().start_application_mode()
            tell(self)

        def stop_application_mode(self) -> None:
            tell(None)
            super().stop_application_mode()

    ToldDriver.__name__ = base.__name__
    ToldDriver.__qualname__ = base.__qualname__
    return ToldDriver
