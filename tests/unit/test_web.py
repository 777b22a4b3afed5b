"""`glute-tui serve` without a browser: the cue sequence the page reads, the command each tab
runs, the page's viewport and cue hook, and a clear message without the web extra."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pytest

from glute_tui.cli.main import main
from glute_tui.cli.serve import WEB_DIR, app_command, app_environment
from glute_tui.core.cues import Cue
from glute_tui.ui.speech import Speaker
from glute_tui.ui.terminal_cues import WEB_CUE, TerminalCues, web_cue


def test_a_web_cue_carries_file_text_percent_encoded_so_it_cannot_break_out():
    sequence = web_cue("go", "Hips [/] \x1b]52;c;AAAA\x07 ; évite", speak=True, volume=70)
    assert sequence.startswith(WEB_CUE) and sequence.endswith("\x07")
    body = sequence[len(WEB_CUE):-1]
    assert body.isascii() and all(ch.isprintable() for ch in body)
    kind, speak, volume, text = body.split(";")
    from urllib.parse import unquote

    assert (kind, speak, volume, unquote(text)) == ("go", "1", "70", "Hips [/] \x1b]52;c;AAAA\x07 ; évite")


class FakeDriver:
    def __init__(self) -> None:
        self.written: list[str] = []

    def write(self, data: str) -> None:
        self.written.append(data)


class FakeApp:
    def __init__(self) -> None:
        self.bells = 0

    def bell(self) -> None:
        self.bells += 1

    def set_timer(self, delay, callback) -> None:
        callback()


class SaysNothing(Speaker):
    def __init__(self) -> None:
        super().__init__(("speak",))
        self.said: list[str] = []

    def say(self, text: str) -> None:
        self.said.append(text)


@pytest.mark.parametrize("speech", [True, False])
def test_in_a_browser_the_cue_goes_to_the_page_not_the_bell_or_the_server_speaker(speech):
    app, speaker = FakeApp(), SaysNothing()
    sink, page = TerminalCues(app, speaker), FakeDriver()
    sink.output = page  # what the app's driver does in application mode (terminal_cues.told_driver)
    sink.web, sink.speech, sink.volume = True, speech, 40
    sink.sound(Cue("rest", "Rest 45 seconds, next: Squats"))
    sink.sound(Cue("countdown", "3"))
    assert app.bells == 0 and speaker.said == []
    assert page.written == [
        web_cue("rest", "Rest 45 seconds, next: Squats", speak=speech, volume=40),
        web_cue("countdown", "3", speak=False, volume=40),  # countdowns beep, never speak
    ]


def test_each_tab_runs_this_python_on_the_same_folder_with_the_same_options(tmp_path: Path):
    args = argparse.Namespace(data_dir=str(tmp_path), routine="quick", self_paced=True)
    command = app_command(args)
    assert command[:3] == [sys.executable, "-m", "glute_tui"]
    assert command[3:] == ["--data-dir", str(tmp_path.resolve()), "--routine", "quick", "--self-paced"]


def test_each_tab_runs_in_textual_web_driver_as_a_unicode_terminal():
    env = app_environment()
    assert env["LC_ALL"] == "C.UTF-8"  # xterm.js is a Unicode terminal whatever this machine says
    assert env["TEXTUAL_DRIVER"] == "textual.drivers.web_driver:WebDriver"


def test_the_page_has_a_viewport_and_reads_the_apps_cue_sequence():
    page = (WEB_DIR / "templates" / "app_index.html").read_text()
    assert '<meta name="viewport" content="width=device-width' in page
    assert r"\u001b]7717;glute-tui;" in page and WEB_CUE == "\x1b]7717;glute-tui;"
    assert "speechSynthesis" in page and "createOscillator" in page


def test_serve_without_the_web_extra_says_how_to_install_it(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "textual_serve", None)  # import fails
    assert main(["serve"]) == 2
    assert 'pip install "glute-tui[web]"' in capsys.readouterr().err


def test_serve_refuses_a_bad_port_with_exit_code_2(capsys):
    assert main(["serve", "--port", "http"]) == 2
    assert "port number" in capsys.readouterr().err
