"""Run a program in a real terminal (tmux, or a pseudo-terminal), and read its CPU and memory."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import time
import uuid
from pathlib import Path


def clock_ticks() -> int:
    return os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process (and its threads), from /proc."""
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / clock_ticks()


def thread_cpu_ns(pid: int) -> dict[int, int]:
    """{thread id: nanoseconds it has run} from /proc/PID/task/*/schedstat, which the kernel
    keeps in nanoseconds (the 10 ms ticks of /proc/PID/stat make a ratio of two idle programs
    jump by 0.2 at a time over a 10 s window)."""
    found = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found[int(task.name)] = int((task / "schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            pass  # a thread that ended meanwhile
    return found


class CpuMeter:
    """The CPU seconds a process uses between `start()` and `seconds()`, in nanoseconds where
    the kernel has them: the sum over its threads. A thread that ends inside the window takes
    its time with it from the per-thread figures, so then the whole process's ticks are used."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.threads = thread_cpu_ns(pid)
        self.ticks = cpu_seconds(pid)

    def seconds(self) -> float:
        now, ticks = thread_cpu_ns(self.pid), cpu_seconds(self.pid)
        if set(self.threads) - set(now):
            return ticks - self.ticks
        return sum(ns - self.threads.get(tid, 0) for tid, ns in now.items()) / 1e9


def peak_rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


class TmuxServer:
    """Keeps one idle session, so the tmux server never exits between two measurements
    (killing the last session stops the server, and a new session then races its exit)."""

    def __enter__(self) -> "TmuxServer":
        self.name = f"bench-keeper-{uuid.uuid4().hex[:8]}"
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "sleep 3600"], check=True)
        return self

    def __exit__(self, *exc: object) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


class Tmux:
    """A detached tmux session of 80x24 running one command."""

    def __init__(self, command: str, env: dict[str, str], size: str = "80x24") -> None:
        self.name = f"bench-{uuid.uuid4().hex[:8]}"
        width, height = size.split("x")
        exports = " ".join(f"{k}={v!s}" for k, v in env.items())
        argv = ["tmux", "new-session", "-d", "-s", self.name, "-x", width, "-y", height,
                f"env {exports} {command}"]
        if subprocess.run(argv, capture_output=True).returncode != 0:
            time.sleep(0.5)
            subprocess.run(argv, check=True)
        self.pid = self._program_pid()

    def _program_pid(self) -> int:
        end = time.monotonic() + 10
        while time.monotonic() < end:
            out = subprocess.run(["tmux", "list-panes", "-t", self.name, "-F", "#{pane_pid}"],
                                 capture_output=True, text=True).stdout.split()
            if out:
                pane = int(out[0])
                # `env X=... cmd` execs, so the pane's process is the program itself
                return pane
            time.sleep(0.05)
        raise RuntimeError("tmux did not start")

    def screen(self) -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name],
                              capture_output=True, text=True).stdout

    def wait_for(self, text: str, timeout: float = 20) -> None:
        end = time.monotonic() + timeout
        while text not in self.screen():
            if time.monotonic() > end:
                raise RuntimeError(f"{text!r} not seen:\n{self.screen()}")
            time.sleep(0.05)

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def time_to_text(argv: list[str], env: dict[str, str], marker: bytes, timeout: float = 20) -> float:
    """Seconds from starting `argv` in an 80x24 pseudo-terminal until `marker` is drawn."""
    import fcntl
    import signal
    import struct
    import termios

    full_env = {**os.environ, **env, "TERM": "xterm-256color"}
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(argv[0], argv, full_env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    seen = b""
    try:
        while marker not in seen:
            left = started + timeout - time.perf_counter()
            if left <= 0:
                raise RuntimeError(f"{marker!r} not drawn in {timeout} s")
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    break
        return time.perf_counter() - started
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
