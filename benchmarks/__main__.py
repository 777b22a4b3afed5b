"""glute-tui's benchmarks, each as a ratio against a baseline measured in the same run.

    python -m benchmarks            # the full suite, about 20 minutes
    python -m benchmarks --quick    # a smoke run, under a minute

See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.table import Table

from . import ticking as costs
from .scale import bench_scale
from .terminal import CpuMeter, Tmux, TmuxServer, peak_rss_mb, time_to_text

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
TODAY = date(2026, 11, 24)


@dataclass
class Row:
    figure: str
    ours: float
    base: float
    unit: str
    target: str = ""
    met: bool | None = None

    @property
    def ratio(self) -> float:
        return self.ours / self.base if self.base else float("nan")


def median(values: list[float]) -> float:
    return statistics.median(values)


def make_home(sessions: int, folder: Path) -> Path:
    from glute_tui.devtools.sample_history import make_sessions
    from glute_tui.store.history import History

    if sessions:
        History(folder / "data").add_many(make_sessions(sessions, end=TODAY, sets_per_session=20))
    return folder


def routine_file(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.toml"
    path.write_text(text)
    return path


ENV = {"PYTHONPATH": str(ROOT)}


# --- 1. start ---------------------------------------------------------------------------------

def bench_start(runs: int, home: Path) -> Row:
    ours, base = [], []
    for _ in range(runs):  # alternate, so that a slow moment of the machine hits both
        base.append(time_to_text([PY, "-m", "benchmarks.bare_app", "1"], ENV, b"bare baseline"))
        ours.append(time_to_text([PY, "-m", "glute_tui"], {**ENV, "GLUTE_TUI_HOME": str(home)}, b"Routines"))
    ratio = median(ours) / median(base)
    return Row("start to first frame (1,000 sessions)", median(ours) * 1000, median(base) * 1000, "ms",
               "ratio ≤ 1.3", ratio <= 1.3)


# --- 2. ticking -------------------------------------------------------------------------------

REST_ROUTINE, SET_ROUTINE = costs.REST, costs.SET  # one rest and one paced set for every ticking figure


def cpu_window(session: Tmux, window: float) -> float:
    """CPU seconds per minute over `window` seconds."""
    meter = CpuMeter(session.pid)
    time.sleep(window)
    return meter.seconds() / window * 60


def bench_ticking(runs: int, window: float, home: Path, folder: Path) -> tuple[list[Row], float]:
    rest = routine_file(folder, "bench-rest", REST_ROUTINE)
    paced = routine_file(folder, "bench-set", SET_ROUTINE)
    results: dict[str, list[float]] = {"base": [], "base-large": [], "rest": [], "set": [], "figure": []}
    bare_rss: list[float] = []
    env = {**ENV, "GLUTE_TUI_HOME": str(home)}
    for _ in range(runs):
        bare = Tmux(f"{PY} -m benchmarks.bare_app 1", ENV)
        try:
            bare.wait_for("bare baseline")
            time.sleep(1)
            results["base"].append(cpu_window(bare, window))
            bare_rss.append(peak_rss_mb(bare.pid))
        finally:
            bare.close()
        bare = Tmux(f"{PY} -m benchmarks.bare_app 1", ENV, size="120x40")  # the figure's row's baseline
        try:
            bare.wait_for("bare baseline")
            time.sleep(1)
            results["base-large"].append(cpu_window(bare, window))
        finally:
            bare.close()
        for name, path, marker, size in (("rest", rest, "REST", "80x24"), ("set", paced, "SQUATS", "80x24"),
                                         ("figure", paced, "SQUATS", "120x40")):
            app = Tmux(f"{PY} -m glute_tui --routine {path}", env, size)
            try:
                app.wait_for("Routines")
                app.keys("Enter")
                app.wait_for(marker)
                time.sleep(1)
                results[name].append(cpu_window(app, window))
            finally:
                app.close()
    base = median(results["base"])
    rows = []
    for name, label in (("rest", "ticking: CPU s per minute, in a rest"),
                        ("set", "ticking: CPU s per minute, in a paced set (80x24, with its figure)"),
                        ("figure", "ticking: CPU s per minute, in a paced set with the figure, 120x40")):
        ours = median(results[name])
        base = median(results["base-large" if name == "figure" else "base"])
        rows.append(Row(label, ours, base, "s/min", "ratio ≤ 1.5, < 1% of a core",
                        bool(base) and ours / base <= 1.5 and ours / 60 < 0.01))
    return rows, median(bare_rss)


def bench_ticking_large(runs: int, window: float, home: Path, folder: Path) -> Row:
    """A rest at 120x40, where the number is drawn in the large block font (17 rows)."""
    rest = routine_file(folder, "bench-rest", REST_ROUTINE)
    env = {**ENV, "GLUTE_TUI_HOME": str(home)}
    base, ours = [], []
    for _ in range(runs):
        bare = Tmux(f"{PY} -m benchmarks.bare_app 1", ENV, size="120x40")
        try:
            bare.wait_for("bare baseline")
            time.sleep(1)
            base.append(cpu_window(bare, window))
        finally:
            bare.close()
        app = Tmux(f"{PY} -m glute_tui --routine {rest}", env, size="120x40")
        try:
            app.wait_for("Routines")
            app.keys("Enter")
            app.wait_for("REST")
            time.sleep(1)
            ours.append(cpu_window(app, window))
        finally:
            app.close()
    ours_s, base_s = median(ours), median(base)
    return Row("ticking: CPU s per minute, in a rest at 120x40 (large number)", ours_s, base_s, "s/min",
               "ratio ≤ 1.5", base_s > 0 and ours_s / base_s <= 1.5)


# --- 2b. first paint in a browser ---------------------------------------------------------------

def bench_first_paint(runs: int, home: Path) -> Row | None:
    """`glute-tui serve` against textual-serve serving the bare app: from opening the page
    until the app's first screen has reached it (its title text in the page's socket)."""
    import shutil
    import socket

    try:
        import textual_serve  # noqa: F401
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("first paint in a browser: SKIPPED (pip install playwright textual-serve)")
        return None
    chromium = shutil.which("chromium")
    if chromium is None:
        print("first paint in a browser: SKIPPED (no chromium: apt-get install chromium)")
        return None

    def free_port() -> int:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            return probe.getsockname()[1]

    ours_port, base_port = free_port(), free_port()
    bare_server = (f"from textual_serve.server import Server; "
                   f"Server({PY + ' -m benchmarks.bare_app 1'!r}, host='127.0.0.1', port={base_port}).serve()")
    env = {**os.environ, **ENV, "GLUTE_TUI_HOME": str(home)}
    token = "bench-first-paint"  # our page opens only at the address with its token
    servers = [subprocess.Popen([PY, "-m", "glute_tui", "serve", "--port", str(ours_port), "--token", token], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
               subprocess.Popen([PY, "-c", bare_server], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)]
    # The bare app's page is textual-serve's own: it has no cue hook, so both are timed by
    # the same probe, a listener on the page's socket that looks for the first screen's text.
    probe = """(() => {
        const Base = window.WebSocket, decoder = new TextDecoder();
        window.firstText = null; window.received = "";
        window.WebSocket = class extends Base { constructor(...a) { super(...a);
          this.addEventListener("message", e => { if (typeof e.data !== "string") {
            window.received += decoder.decode(new Uint8Array(e.data), {stream: true});
            if (window.received.includes(window.MARKER) && window.firstText === null)
              window.firstText = performance.now(); } }); } };
    })();"""
    try:
        for port in (ours_port, base_port):
            for _ in range(400):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.05)
        ours, base = [], []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=[
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"])
            try:
                for _ in range(runs):  # alternate, so that a slow moment hits both
                    for url, marker, out in ((f"http://127.0.0.1:{base_port}/", "bare baseline", base),
                                             (f"http://127.0.0.1:{ours_port}/?token={token}", "Routines", ours)):
                        context = browser.new_context(viewport={"width": 1200, "height": 900})
                        page = context.new_page()
                        page.add_init_script(f"window.MARKER = {marker!r};" + probe)
                        page.goto(url)
                        # A function, not an expression: our page's Content-Security-Policy
                        # forbids the eval Playwright uses for an expression.
                        page.wait_for_function("() => window.firstText !== null", timeout=60_000)
                        out.append(page.evaluate("window.firstText") / 1000)
                        context.close()
            finally:
                browser.close()
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=20)
    ours_s, base_s = median(ours), median(base)
    return Row("first paint in a browser: glute-tui serve vs textual-serve + bare app", ours_s * 1000,
               base_s * 1000, "ms", "ratio ≤ 1.3", base_s > 0 and ours_s / base_s <= 1.3)


# --- 3. exact time, and memory ----------------------------------------------------------------

def exact_routine(quick: bool) -> str:
    """Every kind of phase, short: about 20 s in the quick run, 60 s in the full one."""
    sets, reps, tempo, pause = (1, 3, 1, 2) if quick else (2, 4, 1.5, 4)
    return f"""name = "bench exact"
get_ready_s = {pause}
switch_sides_s = 3
rest_between_exercises_s = {pause}
[[exercise]]
id = "squat"
sets = {sets}
reps = {reps}
tempo_s = {tempo}
rest_s = 4
[[exercise]]
id = "clamshell"
sets = 1
reps = {reps - 1}
tempo_s = {tempo}
[[exercise]]
id = "glute-bridge"
sets = {sets}
hold_s = {5 if quick else 7}
rest_s = 3
"""


def burn() -> subprocess.Popen:
    """Keep the other core busy, as a music player or a browser would."""
    return subprocess.Popen([PY, "-c", "while True: pass"])


def bench_exact(runs: int, home: Path, folder: Path, quick: bool) -> tuple[list[Row], float, float]:
    from glute_tui.core.plan import build_plan
    from glute_tui.store.routine_files import load_routine

    path = routine_file(folder, "bench-exact", exact_routine(quick))
    planned = build_plan(load_routine(path)).total_s
    worst_phase, whole, rss = [], [], []
    for n in range(runs):
        trace = folder / f"trace-{n}.jsonl"
        burner = burn()
        app = Tmux(f"{PY} -m glute_tui --routine {path}",
                   {**ENV, "GLUTE_TUI_HOME": str(home), "GLUTE_TUI_TRACE": str(trace)})
        try:
            app.wait_for("Routines")
            app.keys("Enter")
            app.wait_for("Workout complete", timeout=planned + 30)
            rss.append(peak_rss_mb(app.pid))
        finally:
            app.close()
            burner.kill()
            burner.wait()
        phases = [json.loads(line) for line in trace.read_text().splitlines()]
        worst_phase.append(max(p["shown"] - p["due"] for p in phases))
        whole.append(phases[-1]["shown"] - (phases[0]["due"] + planned))
    late = max(worst_phase) * 1000
    end = max(abs(w) for w in whole) * 1000
    rows = [Row(f"exact time: latest phase change, {runs} × {planned:.0f} s workout, other core busy",
                late, 100.0, "ms", "≤ one refresh (100 ms)", late <= 100),
            Row("exact time: end of the whole workout vs plan", end, 100.0, "ms", "≤ 100 ms", end <= 100)]
    return rows, median(rss), planned


# --- 4. history at scale: benchmarks/scale.py -------------------------------------------------


# --- the table --------------------------------------------------------------------------------

def compiled() -> None:
    """Measure the app as pip installs it, compiled to bytecode: a checkout run where
    PYTHONDONTWRITEBYTECODE is set would otherwise compile every module at every start (about
    2.5 MB more peak memory, and the start's time)."""
    for folder in ("glute_tui", "benchmarks"):
        compileall.compile_dir(ROOT / folder, quiet=1)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a smoke run, under a minute")
    args = parser.parse_args()
    quick = args.quick
    compiled()
    console = Console(width=max(132, Console().width))
    rows: list[Row] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="glute-bench-") as tmp, TmuxServer():
        folder = Path(tmp)
        home = make_home(1000, folder / "home-1000")
        console.print("start…", style="dim")
        rows.append(bench_start(3 if quick else 7, home))
        console.print("ticking…", style="dim")
        ticking, bare_rss = bench_ticking(1 if quick else 5, 2 if quick else 8, home, folder)
        rows += ticking
        rows.append(bench_ticking_large(1 if quick else 5, 2 if quick else 8, home, folder))
        console.print("ticking: CPU, bytes written and memory at 80x24, 120x40, 200x60…", style="dim")
        rows += costs.rows(costs.run(3 if quick else 10, 1 if quick else 3, folder / "ticking-homes", folder), Row)
        console.print("first paint in a browser…", style="dim")
        paint = bench_first_paint(2 if quick else 7, home)
        if paint is not None:
            rows.append(paint)
        console.print("exact time…", style="dim")
        exact, our_rss, _ = bench_exact(1 if quick else 3, home, folder, quick)
        rows += exact
        rows.append(Row("peak memory of a whole workout (1,000 sessions)", our_rss, bare_rss, "MB",
                        "ratio ≤ 1.3", our_rss / bare_rss <= 1.3))
        console.print("history at scale…", style="dim")
        (folder / "scale").mkdir()
        rows += bench_scale([1000, 3000] if quick else [10_000, 100_000], folder / "scale", console, Row)

    print_table(console, rows, f"glute-tui benchmarks ({'quick' if quick else 'full'}, "
                               f"{time.monotonic() - started:.0f} s, {os.cpu_count()} cores)")
    console.print("Baselines: start, ticking and memory against a bare Textual app (Header, Footer, "
                  "Digits, ProgressBar refreshing once a second); exact time against the 100 ms budget; "
                  "history against json.loads + json.dumps of the same files (time, and the peak memory "
                  "of that process).", style="dim")
    return 0


def print_table(console: Console, rows: list[Row], title: str) -> None:
    table = Table(title=title, title_justify="left")
    for column in ("figure", "glute-tui", "baseline", "ratio", "target", "met"):
        table.add_column(column, justify="left" if column in ("figure", "target") else "right")
    for row in rows:
        met = "" if row.met is None else ("yes" if row.met else "NO")
        table.add_row(row.figure, f"{row.ours:,.2f} {row.unit}", f"{row.base:,.2f} {row.unit}",
                      f"{row.ratio:.2f}", row.target, met)
    console.print(table)


if __name__ == "__main__":
    sys.exit(main())
