"""Years of history (issue 22): the commands and screens on 10,000 and 100,000 sessions.

    python -m benchmarks.scale            # 10,000 and 100,000 sessions, about 12 minutes
    python -m benchmarks.scale --quick    # 1,000 and 3,000, under a minute

Also run by `python -m benchmarks` (the whole suite). Each history is made in the run (never
committed): `devtools.sample_history` with 20 sets a session, from 2000 (the first year an
import accepts) to 2026, several sessions a day when there are more sessions than days. Every
figure is a real process (`python -m glute_tui ...`): wall time, and peak memory from the
kernel (`wait4`'s ru_maxrss); the app's screens run in a process of their own
(benchmarks/scale_app.py). The floor, measured in the same run, is `json.loads` + `json.dumps`
of each year file of the store, in a process of its own. The import of one session is also
set against the least one TinyDB insert costs: a process that parses the year file it goes to,
dumps it and writes it back durably (`benchmarks.peak --rewrite`, on a copy).

The processes run with their bytecode cached (in the run's folder), as an installed package
has it (pip compiles it): an environment with PYTHONDONTWRITEBYTECODE would otherwise compile
every module of glute_tui at every start, about 0.1 s of each figure on this machine.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from rich.console import Console

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
TODAY = date(2026, 11, 24)
SINCE = date(2000, 1, 1)


def make_store(count: int, home: Path) -> None:
    """`count` sessions in `home`/data, with no index (the first reading makes it)."""
    from glute_tui.devtools.sample_history import iter_sessions
    from glute_tui.store.history import History

    data = home / "data"
    History(data).add_stream(iter_sessions(count, end=TODAY, since=SINCE, sets_per_session=20), batch=5000)
    shutil.rmtree(data / "index", ignore_errors=True)


def glute(args: list[str], home: Path, *, capture: bool = False) -> tuple[float, float, bytes]:
    return run_measured(["glute_tui", *args], home, capture=capture)


def run_measured(args: list[str], home: Path, *, capture: bool = False) -> tuple[float, float, bytes]:
    """(seconds, peak MB, stdout) of `python -m benchmarks.peak ARGS` (see benchmarks/peak.py)."""
    peak = home.parent / f".peak-{os.getpid()}"
    env = {**os.environ, "GLUTE_TUI_HOME": str(home), "PYTHONPATH": str(ROOT), "GLUTE_BENCH_PEAK": str(peak),
           "PYTHONPYCACHEPREFIX": str(home.parent / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    done = subprocess.run([PY, "-m", "benchmarks.peak", *args], env=env, cwd=ROOT,
                          stdout=subprocess.PIPE if capture else subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} exited {done.returncode}: {done.stderr.decode(errors='replace')[-1000:]}")
    mb = int(peak.read_text()) / 1024
    peak.unlink()
    return seconds, mb, done.stdout or b""


def one_session_file(folder: Path, seed: int = 4242) -> Path:
    """A file of one new session, on TODAY (a day that already has later sessions)."""
    from glute_tui.core.exchange import to_json
    from glute_tui.devtools.sample_history import make_sessions

    path = folder / f"one-{seed}.json"
    session = make_sessions(1, end=TODAY, seed=seed, sets_per_session=20)[0]
    path.write_text(to_json([session]))
    return path


def bench_size(count: int, folder: Path, console: Console, rows: list, row_type: type) -> dict[str, float]:
    """The figures of one size; returns what the linearity row needs."""
    home = folder / f"home-{count}"
    label = f"{count:,} sessions"
    console.print(f"{label}: making the history…", style="dim")
    make_store(count, home)
    data = home / "data"
    megabytes = sum(p.stat().st_size for p in data.glob("sessions-*.json")) / 1e6
    files = len(list(data.glob("sessions-*.json")))
    _, floor_mb, out = run_measured(["--floor", str(data)], home, capture=True)
    floor = float(out)
    small = count < 100_000

    def add(figure: str, seconds: float, target: str = "", limit: float | None = None) -> None:
        met = None if small or limit is None else seconds < limit
        rows.append(row_type(f"{label}: {figure}", seconds * 1000, floor * 1000, "ms", target if not small else "", met))

    def memory(figure: str, mb: float) -> None:
        rows.append(row_type(f"{label}: {figure}", mb, floor_mb, "MB", "< 150 MB", mb < 150))

    console.print(f"{label} ({megabytes:.0f} MB in {files} files): stats…", style="dim")
    first_s, first_mb, first = glute(["stats", "--json", "--as-of", TODAY.isoformat()], home, capture=True)
    add("stats --json, first run (makes the index)", first_s)
    memory("stats --json, first run: peak memory", first_mb)
    stats_s, stats_mb, again = glute(["stats", "--json", "--as-of", TODAY.isoformat()], home, capture=True)
    assert first == again, "the figures from the index differ from those of the files"
    add("stats --json", stats_s, "< 500 ms", 0.5)
    memory("stats --json: peak memory", stats_mb)
    history_s, history_mb, _ = glute(["history"], home)
    add("history (20 rows)", history_s, "< 500 ms", 0.5)
    memory("history: peak memory", history_mb)
    console.print(f"{label}: Home and History…", style="dim")
    _, _, out = run_measured(["benchmarks.scale_app", str(home), TODAY.isoformat()], home, capture=True)
    app = json.loads(out)
    add("Home's streak line appears (from the process's start)", app["streak_s"])
    add("Home's streak line appears (from Home's first frame)", app["streak_s"] - app["home_s"], "< 500 ms", 0.5)
    add("History screen: figures and newest sessions shown (from h)", app["history_s"])
    memory("History screen: peak memory of the app", app["history_mb"])
    memory(f"History screen after 20 pages down ({int(app['rows']):,} rows): peak memory", app["scrolled_mb"])
    console.print(f"{label}: export and import…", style="dim")
    export = folder / f"export-{count}.json"
    export_s, export_mb, _ = glute(["export", "--output", str(export)], home)
    add(f"export ({export.stat().st_size / 1e6:.0f} MB file)", export_s)
    memory("export: peak memory", export_mb)
    year = data / f"sessions-{TODAY.year}.json"
    shutil.copyfile(year, folder / "floor-year.json")
    rewrite_s, _, _ = run_measured(["--rewrite", str(folder / "floor-year.json")], home)
    (folder / "floor-year.json").unlink()
    one_s, one_mb, _ = glute(["import", str(one_session_file(folder))], home)
    add("import of a file with one session", one_s, "< 500 ms", 0.5)
    rows.append(row_type(f"{label}: import of one session, against one TinyDB insert's floor (parse, dump, "
                         f"write {year.stat().st_size / 1e6:.0f} MB durably)", one_s * 1000, rewrite_s * 1000,
                         "ms", "ratio < 1" if not small else "", None if small else one_s < rewrite_s))
    memory("import of one session: peak memory", one_mb)
    two_s, _, _ = glute(["import", str(one_session_file(folder, seed=4343))], home)
    add("import of another one-session file (the index the first one grew)", two_s, "< 500 ms", 0.5)
    after_s, _, after = glute(["stats", "--json", "--as-of", TODAY.isoformat()], home, capture=True)
    add("stats --json after the imports (the index they grew)", after_s, "< 500 ms", 0.5)
    assert after != again, "the imported sessions are not in the figures"
    fresh = folder / f"fresh-{count}"
    import_s, import_mb, _ = glute(["import", str(export)], fresh)
    add(f"import of the export into an empty folder ({import_s / count * 1e6:.0f} µs a session)", import_s)
    memory("import of the export: peak memory", import_mb)
    again_path = folder / f"again-{count}.json"
    glute(["export", "--output", str(again_path)], fresh)
    identical = filecmp.cmp(export, again_path, shallow=False)
    rows.append(row_type(f"{label}: export → import into an empty folder → export: the same bytes",
                         float(identical), 1.0, "", "identical", identical))
    for path in (export, again_path):
        path.unlink()
    shutil.rmtree(fresh)
    shutil.rmtree(home)
    return {"import_per_session": import_s / count}


def bench_scale(sizes: list[int], folder: Path, console: Console, row_type: type) -> list:
    rows: list = []
    per_session = [bench_size(size, folder, console, rows, row_type)["import_per_session"] for size in sizes]
    ratio = per_session[-1] / per_session[0]
    rows.append(row_type(f"import, time a session: {sizes[-1]:,} against {sizes[0]:,}",
                         per_session[-1] * 1e6, per_session[0] * 1e6, "µs", "ratio ≤ 1.5", ratio <= 1.5))
    return rows


def main() -> int:
    from benchmarks.__main__ import Row, print_table

    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="1,000 and 3,000 sessions")
    args = parser.parse_args()
    console = Console(width=max(132, Console().width))
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="glute-scale-") as tmp:
        rows = bench_scale([1000, 3000] if args.quick else [10_000, 100_000], Path(tmp), console, Row)
    print_table(console, rows, f"years of history ({'quick' if args.quick else 'full'}, "
                               f"{time.monotonic() - started:.0f} s, {os.cpu_count()} cores)")
    console.print("Baseline: json.loads + json.dumps of each year file of the same store (time, and the "
                  "peak memory of that process).", style="dim")
    return 0


if __name__ == "__main__":
    sys.exit(main())
