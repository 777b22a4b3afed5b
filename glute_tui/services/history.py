"""The history service: the history opened once, recovered once, its figures computed once.

Home's streak line and the History screen both ask for the figures, from worker threads; the
first computes them, a second waits for the first, and both get the same answer until the
files change. Problems with the files are reported once each, however often they are read.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

if TYPE_CHECKING:  # loaded on first use, after the first frame: start-up stays short
    from glute_tui.core.records import Session
    from glute_tui.core.stats import Stats
    from glute_tui.store.history import History

# (message, severity): "information" | "warning" | "error"; called from any thread.
Reporter = Callable[[str, str], None]


class HistoryService:
    def __init__(self, folder: Path, *, today: Callable[[], date] = date.today,
                 weekly_goal: Callable[[], int] = lambda: 1, report: Reporter | None = None) -> None:
        self.folder = folder
        self.today = today
        self.weekly_goal = weekly_goal
        self._report = report or (lambda message, severity: None)
        self._history: History | None = None
        self._history_lock = threading.Lock()
        self._recovered = False
        self._recovery_lock = threading.Lock()
        self._figures: tuple[tuple, Stats] | None = None
        self._figures_lock = threading.Lock()  # one computes, a second caller waits for it
        self._reported: set[str] = set()
        self._reported_lock = threading.Lock()

    @property
    def history(self) -> History:
        """The saved sessions; opened on first use (from any thread)."""
        with self._history_lock:
            if self._history is None:
                from glute_tui.store.history import History

                self._history = History(self.folder)
            return self._history

    def recover_once(self) -> None:
        """Journals left by a workout whose process died become sessions, before the history
        is first read. Reads and writes files: call it off the event loop."""
        with self._recovery_lock:
            if self._recovered:
                return
            recovery = self.history.recover()
            self._recovered = True
        for message in recovery.messages():
            self._report(message, "information")

    def figures(self) -> Stats:
        """The history's figures for today; computed once per change of the files.

        The history is streamed through the figures a year file at a time and not kept: a long
        history costs its figures in memory, not its sessions.
        """
        from glute_tui.core.stats import StatsBuilder

        self.recover_once()
        history = self.history
        with self._figures_lock:
            key = (history.version(), self.today(), self.weekly_goal())
            if self._figures is not None and self._figures[0] == key:
                return self._figures[1]
            builder = StatsBuilder(key[1], key[2])
            for sessions, problems in history.each_file():
                self.report_problems(problems)
                for session in sorted(sessions, key=lambda s: s.started_at):  # as `compute` orders them
                    builder.add(session)
            stats = builder.finish()
            self._figures = (key, stats)
            return stats

    def each_file(self, *, newest_first: bool = False) -> Iterator[list[Session]]:
        """Each year's sessions, a file at a time; problems are reported, once each."""
        self.recover_once()
        for sessions, problems in self.history.each_file(newest_first=newest_first):
            self.report_problems(problems)
            yield sessions

    def delete(self, session_id: str) -> bool:
        return self.history.delete(session_id)

    def update(self, session: Session) -> bool:
        """Save an edited session (its pain check) over the stored one, atomically, under the
        history's lock; False when it is no longer there. Reads and writes files: off the loop."""
        return self.history.update(session)

    def report_problems(self, problems: list[str]) -> None:
        """Tell the person about each problem with their files once (from any thread)."""
        with self._reported_lock:
            new = [p for p in problems if p not in self._reported]
            self._reported.update(new)
        for problem in new:
            self._report(problem, "warning")
