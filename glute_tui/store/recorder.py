"""Keeps a running workout on disk: the journal as sets finish, then the session in history.

All disk work runs in order on one background thread, so the interface never waits on an
fsync and a set is never journaled after the session that contains it was saved. A failure
(disk full, read-only folder) is remembered and reported; the workout goes on, and whatever
reached the journal is recovered at the next start.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable

from glute_tui.core.format import plural
from glute_tui.core.records import Session, SetRecord, and_sides, end_within, now_iso, sides_apart
from glute_tui.core.vocab import Status
from glute_tui.store.history import History
from glute_tui.store.journal import Journal


@dataclass(frozen=True)
class SaveResult:
    saved: bool
    message: str


class Recorder:
    def __init__(self, history: History, session: Session,
                 on_problem: Callable[[str], None] | None = None) -> None:
        self.history = history
        self.session = session
        self.on_problem = on_problem  # called once, from the writer thread
        self.journal: Journal | None = None
        self.problem = ""
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="glute-tui-save")
        self._closed = False
        self._submit(self._open)

    def _submit(self, fn, *args) -> Future:
        return self._pool.submit(fn, *args)

    def _fail(self, what: str, exc: OSError) -> None:
        if not self.problem:
            self.problem = (f"Could not {what}: {exc.strerror or exc}. The workout goes on; "
                            "finished sets are kept in memory and saved at the end if the disk allows.")
            if self.on_problem is not None:
                self.on_problem(self.problem)

    def _open(self) -> None:
        try:
            self.journal = self.history.start_journal(self.session)
        except OSError as exc:
            self._fail("start the workout journal", exc)

    def set_finished(self, index: int, record: SetRecord) -> None:
        self._submit(self._journal_set, index, record.to_dict())

    def _journal_set(self, index: int, data: dict) -> None:
        if self.journal is None:
            return
        try:
            self.journal.record_set(index, SetRecord(**data))
        except OSError as exc:
            self._fail("write the workout journal", exc)

    def dropped_from(self, index: int) -> None:
        def drop() -> None:
            if self.journal is not None:
                try:
                    self.journal.drop_from(index)
                except OSError as exc:
                    self._fail("write the workout journal", exc)
        self._submit(drop)

    def finish(self, status: str, records: list[SetRecord], ended_at: str | None = None) -> "Future[SaveResult]":
        """Save the session (status `completed` or `stopped`) and remove the journal.
        `ended_at`: its end as the monotonic clock measured it (default: the wall clock's now,
        held between the start and a day after it)."""
        self.session.status = status
        self.session.ended_at = ended_at or end_within(self.session.started_at, now_iso())
        self.session.sets = [SetRecord(**r.to_dict()) for r in records]
        future = self._submit(self._save)
        self._pool.shutdown(wait=False)
        self._closed = True
        return future

    def close(self) -> None:
        """Let the writer thread end once what is queued is written, without saving the session:
        the journal stays, as after a crash, for the next start to recover. For an app torn down
        without a way out that saves (those call `finish` first); otherwise the idle thread would
        outlive the app, and keep it, with everything it drew, in memory."""
        self._pool.shutdown(wait=False)
        self._closed = True

    def _save(self) -> SaveResult:
        if not self.session.counts:  # skipped sets alone are not a workout
            if self.journal is not None:
                self.journal.close(remove=True)
            return SaveResult(False, "No set was done, so nothing was saved.")
        try:
            self.history.add(self.session)
        except OSError as exc:
            reason = f"Could not save to history: {exc.strerror or exc}."
            if self.journal is not None and not self.problem:
                self.journal.close(remove=False)
                return SaveResult(False, f"{reason} Your sets are kept in the journal and will be "
                                         "recovered at the next start.")
            if self.journal is not None:
                self.journal.close(remove=False)
            return SaveResult(False, f"{reason} The journal could not be written either: free some "
                                     "space, then note these sets before you leave this screen.")
        if self.journal is not None:
            self.journal.close(remove=True)
        done, planned = self.session.sets_done, self.session.sets_planned
        # A side done alone is said where the Summary's title says it (a workout stopped), and
        # where "0 of 6 sets done" would read as nothing kept; a completed one lists it skipped.
        sides = sides_apart(self.session.sets) if self.session.status != Status.COMPLETED or not done else 0
        text = f"Saved to history: {done} of {plural(planned, 'set')} done{and_sides(sides)}."
        return SaveResult(True, text)
