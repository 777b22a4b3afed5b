"""By touch alone on a phone (`glute-tui serve` in Debian's chromium, Playwright, no browser
download): upright (412x915 CSS px) and on its side (915x412), a short routine from Home to the
Summary with taps only - no key is pressed - answering "How was it?" by one of its four buttons
(the rest runs on) and "Any pain?" with an area, a side and a severity; then the session in the
history holds that effort and those pains. The page keeps the screen awake during the workout and
lets it sleep after.

Where a label is on the screen is read from what the app sent: a small init script keeps a grid
of the terminal's cells from the output (cursor moves and text), and a tap goes to the middle
of the label's cells. Each test runs its own server on its own port and data folder (safe with
pytest-xdist). Slow: left out of `make test-fast`.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from glute_tui.store.history import History
from glute_tui.store.paths import AppPaths

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]

ROUTINE = """name = "Touch quick"
get_ready_s = 3
switch_sides_s = 2
rest_between_exercises_s = 40

[[exercise]]
id = "squat"
sets = 1
reps = 2
tempo_s = 1

[[exercise]]
id = "clamshell"
sets = 1
reps = 2
tempo_s = 1
"""
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--autoplay-policy=no-user-gesture-required"]
WAIT_MS = 60_000

# The terminal's cells as the app drew them: enough of a terminal to find a label (cursor
# moves, text, erasing the screen); everything else (colours, modes, OSC) is skipped.
SCREEN_GRID = r"""
(() => {
  const grid = (window.gluteScreen = { cols: 0, rows: 0, cells: [], r: 0, c: 0 });
  function size(cols, rows) {
    grid.cols = cols; grid.rows = rows;
    grid.cells = Array.from({ length: rows }, () => Array(cols).fill(" "));
  }
  grid.text = () => grid.cells.map((row) => row.join("")).join("\n");
  let pending = "";
  function feed(text) {
    const s = pending + text;
    pending = "";
    let i = 0;
    while (i < s.length) {
      const ch = s[i];
      if (ch === "\u001b") {
        const kind = s[i + 1];
        if (kind === undefined) { pending = s.slice(i); return; }
        if (kind === "[") {
          let j = i + 2;
          while (j < s.length && !(s.charCodeAt(j) >= 0x40 && s.charCodeAt(j) <= 0x7e)) j++;
          if (j >= s.length) { pending = s.slice(i); return; }
          const params = s.slice(i + 2, j);
          if (s[j] === "H" || s[j] === "f") {
            const [row, col] = params.split(";").map((n) => parseInt(n, 10) || 1);
            grid.r = row - 1; grid.c = (col || 1) - 1;
          } else if (s[j] === "J" && params === "2" && grid.rows) {
            size(grid.cols, grid.rows);
          }
          i = j + 1;
        } else if (kind === "]" || kind === "P" || kind === "_") {
          let j = i + 2;
          while (j < s.length && s[j] !== "\u0007" && !(s[j] === "\u001b" && s[j + 1] === "\\")) j++;
          if (j >= s.length) { pending = s.slice(i); return; }
          i = s[j] === "\u0007" ? j + 1 : j + 2;
        } else {
          i += kind === "(" || kind === ")" ? 3 : 2;
        }
        continue;
      }
      const code = s.codePointAt(i);
      const width = code > 0xffff ? 2 : 1;
      if (code === 13) grid.c = 0;
      else if (code === 10) grid.r += 1;
      else if (code >= 32 && grid.r >= 0 && grid.r < grid.rows && grid.c >= 0 && grid.c < grid.cols) {
        grid.cells[grid.r][grid.c] = String.fromCodePoint(code);
        grid.c += 1;
      } else if (code >= 32) grid.c += 1;
      i += width;
    }
  }
  const decoder = new TextDecoder();
  const Base = window.WebSocket;
  window.WebSocket = class extends Base {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (typeof event.data !== "string") feed(decoder.decode(new Uint8Array(event.data), { stream: true }));
      });
    }
    send(data) {
      try {
        const message = JSON.parse(data);
        if (message[0] === "resize") size(message[1].width, message[1].height);
      } catch (error) { /* not ours */ }
      return super.send(data);
    }
  };
})();
"""


def needs() -> str:
    """Why the browser test cannot run here, or ''."""
    if shutil.which("chromium") is None:
        return "chromium is not installed (Debian: apt-get install chromium; .ci/run does, as root)"
    for module, package in (("playwright", "playwright"), ("textual_serve", "textual-serve")):
        try:
            __import__(module)
        except ImportError:
            return f"{package} is not installed (pip install -e '.[test]')"
    return ""


@pytest.fixture
def served(tmp_path: Path):
    """`glute-tui serve` on a free port of its own, with a data folder of its own."""
    missing = needs()
    if missing:
        pytest.skip(f"browser test SKIPPED: {missing}")
    home = tmp_path / "home"
    paths = AppPaths.resolve(home)
    paths.routines_dir.mkdir(parents=True)
    (paths.routines_dir / "touch.toml").write_text(ROUTINE)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GLUTE_TUI_HOME": str(home)}
    env.pop("GLUTE_TUI_TRACE", None)
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen([sys.executable, "-m", "glute_tui", "--routine", "touch", "serve",
                               "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    try:
        for _ in range(600):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"glute-tui serve ended: {(tmp_path / 'serve.log').read_text()}")
                time.sleep(0.05)
        yield server_url(port, tmp_path / "serve.log"), paths
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def server_url(port: int, log: Path) -> str:
    """The URL the server printed (it may carry a token), else the plain one."""
    for _ in range(100):
        for word in log.read_text(errors="replace").split():
            if word.startswith("http://") and f":{port}" in word:
                return word.replace("localhost", "127.0.0.1")
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}/"


def screen(page) -> str:
    return page.evaluate("window.gluteScreen.text()")


def wait_for_text(page, text: str, timeout: int = WAIT_MS) -> None:
    page.wait_for_function("(t) => window.gluteScreen.text().includes(t)", arg=text, timeout=timeout)


def wait_until_gone(page, text: str, timeout: int = WAIT_MS) -> None:
    page.wait_for_function("(t) => !window.gluteScreen.text().includes(t)", arg=text, timeout=timeout)


def tap(page, label: str, *, last: bool = False) -> None:
    """A finger on the middle of `label` as the screen shows it (its first or last place)."""
    box = page.evaluate("""([label, last]) => {
        const grid = window.gluteScreen;
        const lines = grid.text().split("\\n");
        const rows = last ? [...lines.keys()].reverse() : [...lines.keys()];
        for (const row of rows) {
            const col = last ? lines[row].lastIndexOf(label) : lines[row].indexOf(label);
            if (col === -1) continue;
            const rect = document.querySelector(".xterm-screen").getBoundingClientRect();
            const w = rect.width / grid.cols, h = rect.height / grid.rows;
            return { x: rect.left + (col + label.length / 2) * w, y: rect.top + (row + 0.5) * h };
        }
        return null;
    }""", [label, last])
    assert box is not None, f"{label!r} is not on the screen:\n{screen(page)}"
    page.touchscreen.tap(box["x"], box["y"])


def phone(browser, playwright, width: int, height: int):
    device = {k: v for k, v in playwright.devices["Pixel 7"].items() if k != "default_browser_type"}
    context = browser.new_context(**{**device, "viewport": {"width": width, "height": height},
                                     "has_touch": True, "is_mobile": True})
    context.add_init_script(SCREEN_GRID)
    return context


@pytest.mark.parametrize(("width", "height"), [(412, 915), (915, 412)], ids=["upright", "on-its-side"])
def test_a_routine_from_start_to_saved_by_taps_alone(served, width: int, height: int):
    from playwright.sync_api import sync_playwright

    url, paths = served
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), headless=True,
                                             args=CHROMIUM_FLAGS)
        try:
            context = phone(browser, playwright, width, height)
            page = context.new_page()
            page.goto(url)
            page.wait_for_selector("body.-first-byte", timeout=WAIT_MS)
            wait_for_text(page, "Touch quick")
            cols, rows = page.evaluate("[window.gluteScreen.cols, window.gluteScreen.rows]")
            assert (cols, rows) >= ((44, 50) if height > width else (95, 17)), (cols, rows)
            assert "too small" not in screen(page)
            tap(page, "Start", last=True)  # the button under the routine
            wait_for_text(page, "GET READY")
            page.wait_for_function("() => window.gluteCues.awake.wanted && window.gluteCues.awake.held",
                                   timeout=WAIT_MS)
            for label in ("Pause", "Done", "Skip", "Back", "+15 s", "Mute", "Quit"):
                assert label in screen(page), f"{label} is not a tap away:\n{screen(page)}"
            tap(page, "Done", last=True)  # start now
            wait_for_text(page, "How was Squats?")  # the rest after the squats' last set
            if os.environ.get("GLUTE_TUI_SAVE_SCREENSHOTS"):
                page.wait_for_timeout(1200)
                name = "browser-phone-touch.png" if height > width else "browser-phone-side.png"
                page.screenshot(path=str(ROOT / "screenshots" / name))
            tap(page, "3 hard")
            wait_for_text(page, "Tap another to change")
            assert "PAUSED" not in screen(page)  # the answer never paused the rest
            tap(page, "Done", last=True)  # end the rest
            wait_for_text(page, "knee")  # "Any pain?" after the clamshells, both sides, by themselves
            assert not page.evaluate("() => window.gluteCues.awake.wanted")  # the screen may sleep now
            tap(page, "IT band")  # an area, by a tap on its line
            tap(page, "Left", last=True)
            wait_for_text(page, "left       3/10")
            tap(page, "+", last=True)
            wait_for_text(page, "left       4/10")
            tap(page, "+", last=True)
            wait_for_text(page, "left       5/10")  # two taps, two steps: 5 of 10
            tap(page, "knee")
            tap(page, "Right", last=True)
            wait_for_text(page, "right      3/10")
            tap(page, "Save", last=True)
            wait_until_gone(page, "Enter save")  # saved: the Summary again, its advice from the pain
            wait_for_text(page, "pain-monitoring")
            context.close()
        finally:
            browser.close()
    (session,) = History(paths.data).load().sessions
    assert [(s.exercise, s.effort) for s in session.sets if s.exercise == "squat"] == [("squat", "hard")]
    assert sorted((p.area, p.side, p.severity) for p in session.pain) == [("it-band", "left", 5), ("knee", "right", 3)]
