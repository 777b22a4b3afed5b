"""The cost of a ticking screen: CPU, bytes written to the terminal, and peak memory.

Each program runs in a pseudo-terminal of the given size that this process reads (a terminal
that draws nothing, so the figures are the program's own): the bare Textual app of
benchmarks/bare_app.py (Header, Footer, a Digits and a ProgressBar refreshing once a second),
then glute-tui in a rest and in a paced set with its figure, at 80x24, 120x40 and 200x60. Over
the same window each one's CPU seconds (from /proc), the bytes it wrote, and its peak resident
memory are read; the app's are printed as ratios against the bare app's at the same size.

    python -m benchmarks.ticking [--quick]
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from dataclasses import dataclass
from pathlib import Path

from .terminal import CpuMeter, peak_rss_mb

PY = sys.executable
ROOT = Path(__file__).resolve().parent.parent
SIZES = ((80, 24), (120, 40), (200, 60))
TARGETS = {"cpu": 1.3, "bytes": 2.0, "memory": 1.25}

REST = """name = "bench rest"
get_ready_s = 0
[[exercise]]
id = "squat"
sets = 2
reps = 1
tempo_s = 1
rest_s = 600
"""

SET = """name = "bench set"
get_ready_s = 0
[[exercise]]
id = "squat"
sets = 1
reps = 200
tempo_s = 3
"""


class PtyProgram:
    """A program in a pseudo-terminal of `width` x `height` whose output is read and counted."""

    def __init__(self, argv: list[str], env: dict[str, str], width: int, height: int) -> None:
        full_env = {**os.environ, **env, "TERM": "xterm-256color", "COLORTERM": "truecolor"}
        full_env.pop("NO_COLOR", None)
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(argv[0], argv, full_env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        self.seen = b""
        self.count = 0

    def pump(self, seconds: float) -> None:
        """Read (and count) what the program writes for `seconds`."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    data = os.read(self.fd, 65536)
                except OSError:
                    return
                self.count += len(data)
                self.seen = (self.seen + data)[-200_000:]

    def wait_for(self, marker: bytes, timeout: float = 30) -> None:
        end = time.monotonic() + timeout
        while marker not in self.seen:
            if time.monotonic() > end:
                raise RuntimeError(f"{marker!r} not drawn in {timeout} s")
            self.pump(0.05)

    def send(self, data: bytes) -> None:
        os.write(self.fd, data)

    def measure(self, window: float) -> tuple[float, float, float]:
        """(CPU seconds per minute, bytes per 10 s, peak MB) over `window` seconds."""
        cpu, count = CpuMeter(self.pid), self.count
        self.pump(window)
        return (cpu.seconds() / window * 60, (self.count - count) / window * 10,
                peak_rss_mb(self.pid))

    def close(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except OSError:
            pass
        os.close(self.fd)


@dataclass
class Cost:
    cpu: float  # CPU seconds per minute
    bytes: float  # bytes written per 10 s
    memory: float  # peak MB


def cost_of(argv: list[str], env: dict[str, str], size: tuple[int, int], ready: bytes,
            keys: bytes, marker: bytes, window: float) -> Cost:
    program = PtyProgram(argv, env, *size)
    try:
        program.wait_for(ready)
        if keys:
            program.pump(0.5)
            program.send(keys)
        program.pump(3)  # the workout begins (no get-ready), past the screen's first frames
        if marker and marker not in program.seen:
            raise RuntimeError(f"{marker!r} not drawn")
        return Cost(*program.measure(window))
    finally:
        program.close()


def run(window: float, rounds: int, home: Path, folder: Path) -> list[tuple[str, Cost, Cost]]:
    """[(what, ours, bare)] for each size and scene, each the median of `rounds` rounds."""
    rest, paced = folder / "bench-rest.toml", folder / "bench-set.toml"
    rest.write_text(REST)
    paced.write_text(SET)
    player = silent_player(folder / "player")
    runs = iter(range(1_000_000))

    def env() -> dict[str, str]:
        """A data folder of its own for each run: a run killed mid-workout leaves a journal that
        the next start would recover (and say so in a notification, drawn in the window). The
        silent player is found first (ui/sound.py looks for pw-play first), as a machine's player
        would be: on a machine with a player but no sound card (this sandbox's aplay), the app
        says once that tones are off, in a notification over the workout for 8 s, and that
        notification is not the ticking (it cost 0.3 MB and 0.8 ms a second at 120x40)."""
        return {"PYTHONPATH": str(ROOT), "GLUTE_TUI_HOME": str(home / f"run-{next(runs)}"),
                "PATH": f"{player}{os.pathsep}{os.environ.get('PATH', '')}"}
    out = []
    for size in SIZES:
        costs: dict[str, list[Cost]] = {"bare": [], "rest": [], "set": []}
        for _ in range(rounds):  # alternate, so that a slow moment of the machine hits all three
            costs["bare"].append(cost_of([PY, "-m", "benchmarks.bare_app", "1"], env(), size,
                                         b"bare baseline", b"", b"", window))
            costs["rest"].append(cost_of([PY, "-m", "glute_tui", "--routine", str(rest)], env(), size,
                                         b"Start", b"\r", b"rest", window))
            costs["set"].append(cost_of([PY, "-m", "glute_tui", "--routine", str(paced)], env(), size,
                                        b"Start", b"\r", b"reps", window))
        bare = median_cost(costs["bare"])
        label = f"{size[0]}x{size[1]}"
        out.append((f"a rest, {label}", median_cost(costs["rest"]), bare))
        out.append((f"a paced set with its figure, {label}", median_cost(costs["set"]), bare))
    return out


def silent_player(folder: Path) -> Path:
    """A folder with a `pw-play` that plays nothing and succeeds: a sound player that works."""
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "pw-play"
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(0o755)
    return folder


def median_cost(costs: list[Cost]) -> Cost:
    from statistics import median

    return Cost(median(c.cpu for c in costs), median(c.bytes for c in costs), median(c.memory for c in costs))


def rows(results: list[tuple[str, Cost, Cost]], row: type) -> list:
    """The results as the benchmark table's rows (benchmarks/__main__.py's Row)."""
    made = []
    for what, ours, bare in results:
        for field, unit, name in (("cpu", "s/min", "CPU"), ("bytes", "B/10 s", "bytes written"),
                                  ("memory", "MB", "peak memory")):
            mine, base = getattr(ours, field), getattr(bare, field)
            target = TARGETS[field]
            made.append(row(f"ticking {name}: {what}", mine, base, unit, f"ratio ≤ {target}",
                            bool(base) and mine / base <= target))
    return made


def main() -> int:
    import argparse
    import tempfile

    from rich.console import Console

    from .__main__ import Row, compiled, print_table

    parser = argparse.ArgumentParser(prog="python -m benchmarks.ticking", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="one round of 3 s at each size")
    args = parser.parse_args()
    compiled()
    with tempfile.TemporaryDirectory(prefix="glute-tick-") as tmp:
        results = run(3 if args.quick else 10, 1 if args.quick else 3, Path(tmp) / "home", Path(tmp))
    print_table(Console(width=140), rows(results, Row), "glute-tui ticking against the bare app")
    return 0


if __name__ == "__main__":
    sys.exit(main())
