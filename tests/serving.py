"""`glute-tui serve` as a real process, for the tests: each on its own port (the one it
binds, read from what it prints) and its own data folder, so tests run side by side.
Also: a websocket client that is the page (the right Origin and the cookie), and the app
processes a server started, found by their data folder."""

from __future__ import annotations

import asyncio
import os
import re
import selectors
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from glute_tui.store.paths import AppPaths

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "test-token-0123456789"
QUICK = """name = "Browser quick"
get_ready_s = 3
switch_sides_s = 2
rest_between_exercises_s = 4

[[exercise]]
id = "squat"
sets = 2
reps = 2
tempo_s = 1
rest_s = 4

[[exercise]]
id = "glute-bridge"
sets = 1
hold_s = 6

[[exercise]]
id = "clamshell"
sets = 1
reps = 2
tempo_s = 1
"""
# Every kind of cue but the halfway of a long hold (20 s and over), in 12 s: the get-ready's
# countdown, a paced set of two ("of 2 reps · … to finish early"), a rest and its countdown, a
# one-sided set, its switch of sides, the end. The browser's cue test plays it whole.
CUES = """name = "Browser cues"
get_ready_s = 3
switch_sides_s = 2
rest_between_exercises_s = 3

[[exercise]]
id = "squat"
sets = 1
reps = 2
tempo_s = 1

[[exercise]]
id = "clamshell"
sets = 1
reps = 1
tempo_s = 1
"""
SLOW = """name = "A set done, then a long one"
get_ready_s = 1
rest_between_exercises_s = 1

[[exercise]]
id = "squat"
sets = 1
reps = 2
tempo_s = 1

[[exercise]]
id = "glute-bridge"
sets = 1
hold_s = 300
"""
URL_LINE = re.compile(r"(http://\S+:(\d+)/\?token=(\S+))")
GO = b"\x1b]7717;glute-tui;go;"  # the web cue of a set's start (ui/terminal_cues.web_cue)


@dataclass
class Served:
    process: subprocess.Popen
    url: str  # with the token
    port: int
    token: str
    paths: AppPaths
    home: Path
    output: list[str]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def cookie(self) -> dict[str, str]:
        return {f"glute_tui_token_{self.port}": self.token}

    def stop(self) -> None:
        """Ends the server if a test left it running (never waits long)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for pid in app_pids(self.home):  # never leave an app behind, whatever the test did
            with _gone():
                os.kill(pid, signal.SIGKILL)


class _gone:
    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, value, tb) -> bool:
        return kind is ProcessLookupError


def start_server(home: Path, *options: str, routine: str = "quick", token: str = TOKEN,
                 timeout_s: float = 60.0) -> Served:
    """Starts `glute-tui --routine ROUTINE serve --port 0 --token TOKEN OPTIONS` on the data
    folder `home` (the routines QUICK, CUES and SLOW in it) and waits for its address."""
    paths = AppPaths.resolve(home)
    paths.routines_dir.mkdir(parents=True, exist_ok=True)
    (paths.routines_dir / "quick.toml").write_text(QUICK)
    (paths.routines_dir / "slow.toml").write_text(SLOW)
    (paths.routines_dir / "cues.toml").write_text(CUES)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GLUTE_TUI_HOME": str(home)}
    env.pop("GLUTE_TUI_TRACE", None)
    command = [sys.executable, "-m", "glute_tui", "--routine", routine, "serve", "--port", "0"]
    if token:
        command += ["--token", token]
    process = subprocess.Popen([*command, *options], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, start_new_session=True)
    assert process.stdout is not None
    output: list[str] = []
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    end = time.monotonic() + timeout_s
    buffer = b""
    while time.monotonic() < end:
        if selector.select(0.2):
            chunk = os.read(process.stdout.fileno(), 65536)
            if not chunk:
                break
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            output += [line.decode("utf-8", "replace") for line in lines]
            found = [URL_LINE.search(line) for line in output]
            match = next((m for m in found if m), None)
            if match and any(line.startswith("Served") or line.startswith("Exposed") for line in output):
                return Served(process, match.group(1), int(match.group(2)), match.group(3), paths, home, output)
    process.kill()
    raise AssertionError(f"glute-tui serve did not start: {output} {buffer!r}")


def app_pids(home: Path) -> list[int]:
    """The live glute_tui processes (not zombies) on the data folder `home`, but the server."""
    marker = f"GLUTE_TUI_HOME={home}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            environ = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if b"glute_tui" in cmdline and b"serve" not in cmdline.split(b"\0") and marker in environ.split(b"\0") \
                and state not in ("Z", "X"):
            found.append(int(entry.name))
    return found


def wait_until(condition, timeout_s: float, step_s: float = 0.05):
    """Polls `condition()` until it is truthy (returned) or the time is up (its last value)."""
    end = time.monotonic() + timeout_s
    while True:
        value = condition()
        if value or time.monotonic() >= end:
            return value
        time.sleep(step_s)


async def page_socket(served: Served, session, *, origin: str | None = None, headers: dict | None = None):
    """A websocket opened as the page opens it: its Origin, its cookie."""
    return await session.ws_connect(
        f"{served.base}/ws?width=80&height=24",
        headers={"Origin": origin or served.origin, **(headers or {})}, autoping=True)


async def start_a_set(served: Served, session, *, sets: int = 1, timeout_s: float = 60.0):
    """Opens a tab, presses Enter on Home, and returns the socket once its `sets`-th set began
    (the routine SLOW: the second is a hold of 5 minutes, after a first set done)."""
    socket = await page_socket(served, session)
    seen, begun = b"", 0

    async def until_go() -> None:
        nonlocal seen, begun
        pressed = False
        async for message in socket:
            if isinstance(message.data, bytes):
                tail = seen[-(len(GO) - 1):]
                begun += (tail + message.data).count(GO)
                seen = (seen + message.data)[-200_000:]
                if not pressed and b"Routines" in seen:
                    await socket.send_json(["stdin", "\r"])
                    pressed = True
                if begun >= sets:
                    return
        raise AssertionError(f"the socket closed before the set began: {seen[-500:]!r}")

    await asyncio.wait_for(until_go(), timeout_s)
    return socket


SECURITY_HEADERS = {"x-frame-options": "DENY", "x-content-type-options": "nosniff",
                    "referrer-policy": "no-referrer"}


def assert_security_headers(headers) -> None:
    """The headers every response of glute-tui serve carries (issue 21)."""
    headers = {k.lower(): v for k, v in dict(headers).items()}
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, name
    policy = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "default-src 'none'" in policy
    assert "script-src 'self' 'nonce-" in policy or "script-src 'self';" in policy
    assert "unsafe-eval" not in policy and "script-src 'self' 'unsafe-inline'" not in policy
