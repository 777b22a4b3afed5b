"""Run a module as `python -m MODULE ARGS` would, then write this process's peak memory
(VmHWM, in kB) to the file named by $GLUTE_BENCH_PEAK. The kernel's ru_maxrss of a child
starts at its parent's size when it is spawned, so it cannot tell a small command from a big
benchmark process; VmHWM belongs to the program the process runs.

    python -m benchmarks.peak glute_tui stats --json
    python -m benchmarks.peak --floor DATA_DIR     # json.loads + json.dumps of each year file
    python -m benchmarks.peak --rewrite YEAR_FILE  # what one TinyDB insert costs at least
"""

from __future__ import annotations

import atexit
import json
import os
import runpy
import sys
import time
from pathlib import Path


def report() -> None:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            Path(os.environ["GLUTE_BENCH_PEAK"]).write_text(line.split()[1])


def floor(data: Path) -> None:
    started = time.perf_counter()
    for path in sorted(data.glob("sessions-*.json")):
        json.dumps(json.loads(path.read_text()))
    print(time.perf_counter() - started)


def rewrite(path: Path) -> None:
    """The least an insert into a year file costs TinyDB: the file parsed, dumped and written
    back durably (temporary file, fsync, rename), in a process of its own (start included)."""
    data = json.loads(path.read_text())
    tmp = path.with_name(f".{path.name}.floor.tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(data, separators=(",", ":"), ensure_ascii=False))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


if __name__ == "__main__":
    atexit.register(report)
    if sys.argv[1] == "--floor":
        floor(Path(sys.argv[2]))
    elif sys.argv[1] == "--rewrite":
        rewrite(Path(sys.argv[2]))
    else:
        module = sys.argv[1]
        sys.argv = [module, *sys.argv[2:]]
        runpy.run_module(module, run_name="__main__", alter_sys=True)
