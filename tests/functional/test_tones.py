"""Tones: made with `wave` at first use, played by the first player found, never waited on;
the bell when there is no player."""

from __future__ import annotations

import shutil
import subprocess
import threading
import wave
from pathlib import Path

import pytest

from glute_tui.core.tones import PATTERNS, RATE, duration_s, pattern_for, samples
from glute_tui.store.tones import tone_file
from glute_tui.ui.sound import DEFAULT_PLAYERS, TonePlayer, find_tone_player


def test_each_cue_kind_has_a_tone_of_its_own():
    kinds = {"get-ready", "go", "switch", "rest", "countdown", "halfway", "done"}
    assert kinds <= set(PATTERNS)
    assert len({PATTERNS[k] for k in kinds}) == len(kinds)
    assert len(pattern_for("go").beeps) == 2 and len(pattern_for("switch").beeps) == 3


def test_samples_last_as_long_as_the_pattern_and_follow_the_volume():
    pattern = pattern_for("go")
    loud, quiet, silent = samples(pattern, 100), samples(pattern, 20), samples(pattern, 0)
    assert abs(len(loud) / 2 / RATE - duration_s(pattern)) < 0.01

    def peak(data: bytes) -> int:
        return max(abs(int.from_bytes(data[i:i + 2], "little", signed=True)) for i in range(0, len(data), 2))

    assert peak(silent) == 0
    assert 4 < peak(loud) / peak(quiet) < 6


def test_a_tone_file_is_a_wav_written_once_and_reused(tmp_path: Path):
    path = tone_file(tmp_path / "tones", "rest", 70)
    with wave.open(str(path)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, RATE)
        assert wav.getnframes() > RATE * 0.3
    inode = path.stat().st_ino
    assert tone_file(tmp_path / "tones", "rest", 70).stat().st_ino == inode
    assert tone_file(tmp_path / "tones", "rest", 40) != path
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]


def test_the_first_player_found_is_used():
    found = {"paplay": "/bin/paplay", "aplay": "/bin/aplay"}
    assert find_tone_player(found.get, DEFAULT_PLAYERS) == ("/bin/paplay",)
    assert find_tone_player({}.get, DEFAULT_PLAYERS) is None


def _started(player: TonePlayer, after: subprocess.Popen | None = None) -> subprocess.Popen:
    """The process the player's thread started (after `after`); it starts them at once."""
    done = threading.Event()
    for _ in range(2000):
        if player.played and player.played[-1] is not after:
            done.set()
            break
        done.wait(0.005)
    assert done.is_set(), "the tone player never started the player program"
    return player.played[-1]


def test_a_tone_plays_through_aplay_on_the_null_device(tmp_path: Path):
    if shutil.which("aplay") is None:
        pytest.skip("aplay not installed (Debian: apt-get install alsa-utils; .ci/run does)")
    log = (tmp_path / "aplay.log").open("w+b")
    player = TonePlayer(("aplay", "-D", "null"), tmp_path / "tones", output=log)
    assert player.play("go") is True
    process = _started(player)
    assert process.wait(timeout=30) == 0
    log.seek(0)
    said = log.read().decode(errors="replace")
    assert "Playing WAVE" in said and "go-v70" in said, said


def test_playing_returns_at_once_and_a_new_tone_cuts_off_a_hung_one(tmp_path: Path):
    player = TonePlayer(("sh", "-c", "sleep 60", "player"), tmp_path / "tones")
    assert player.play("go") is True
    first = _started(player)
    assert first.poll() is None  # still "playing": play() did not wait for it
    player.play("rest")
    second = _started(player, after=first)
    assert first.wait(timeout=30) != 0  # killed
    player.close()
    second.wait(timeout=30)


def test_without_a_player_the_caller_rings_the_bell(tmp_path: Path):
    player = TonePlayer(None, tmp_path / "tones")
    assert player.available is False
    assert player.play("go") is False


def test_a_player_that_cannot_start_turns_tones_off_with_one_message(tmp_path: Path):
    problems: list[str] = []
    player = TonePlayer(("/nonexistent/player",), tmp_path / "tones", on_problem=problems.append)
    assert player.play("go") is True
    for _ in range(2000):
        if problems:
            break
        threading.Event().wait(0.005)
    assert player.available is False and len(problems) == 1
    assert player.play("go") is False


class FakeApp:
    def __init__(self) -> None:
        self.bells = 0
        self.timers: list[float] = []

    def bell(self) -> None:
        self.bells += 1

    def set_timer(self, delay: float, callback) -> None:
        self.timers.append(delay)
        callback()


class RecordingPlayer(TonePlayer):
    def __init__(self, available: bool) -> None:
        super().__init__(("player",) if available else None, Path("."))
        self.kinds: list[str] = []

    def play(self, kind: str) -> bool:
        if not self.available:
            return False
        self.kinds.append(kind)
        return True


@pytest.mark.parametrize("player,use_tones,tones,bells", [
    (True, True, ["switch"], 0),     # a tone, no bell
    (False, True, [], 3),            # no player: the bell, as many as the cue's count
    (True, False, [], 3),            # the person chose the bell
])
def test_a_cue_is_a_tone_where_a_player_is_found_else_the_bell(player, use_tones, tones, bells):
    from glute_tui.core.cues import Cue
    from glute_tui.ui.speech import Speaker
    from glute_tui.ui.terminal_cues import TerminalCues

    app, recording = FakeApp(), RecordingPlayer(player)
    sink = TerminalCues(app, Speaker(None), recording)
    sink.use_tones = use_tones
    sink.sound(Cue("switch", "Switch sides"))
    assert recording.kinds == tones and app.bells == bells


def test_tone_preferences_are_checked():
    from glute_tui.core.preferences import PreferenceError, Preferences

    Preferences(cue_sound="bell", volume=0).validate("p")
    for bad in (dict(cue_sound="horn"), dict(volume=101), dict(volume=True), dict(volume="loud")):
        with pytest.raises(PreferenceError, match="cue_sound|volume"):
            Preferences(**bad).validate("p")


def test_a_player_whose_tones_fail_gives_way_to_the_bell_with_one_message(tmp_path: Path):
    problems: list[str] = []  # as aplay does on a machine with no sound card ("cannot find card")
    player = TonePlayer(("sh", "-c", "exit 3", "player"), tmp_path / "tones", on_problem=problems.append)
    assert player.play("go") is True
    _started(player).wait(timeout=30)  # the test waits for it; the app never does
    assert player.play("rest") is True  # the failure is found when the next tone comes
    for _ in range(2000):
        if problems:
            break
        threading.Event().wait(0.005)
    assert len(problems) == 1 and "exit code 3" in problems[0] and "bell" in problems[0]
    assert player.play("countdown") is False  # from now on the caller rings the bell
