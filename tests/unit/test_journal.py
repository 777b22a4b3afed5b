"""The journal on a disk that fills up and frees again: a set whose write completed is never lost.

A full disk can make `os.write` write part of a line and raise nothing (a short count); the
next write then raises ENOSPC. Before the fix the journal ignored the count: the line was
torn, later sets were appended after the fragment, and recovery refused the whole journal.
"""

from __future__ import annotations

import errno
import json
import os
import random

import pytest

from glute_tui.core.records import Session, SetRecord, now_iso
from glute_tui.store.history import History
from glute_tui.store.journal import parse_journal


class FullDisk:
    """Wraps `os.write` and `os.ftruncate` for one fd: `free` bytes left (None: plenty).

    A write that does not fit writes what fits and returns the short count, as Linux does; a
    write with nothing free raises ENOSPC. `truncate_fails` makes cutting back fail too.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.fd = -1
        self.free: int | None = None
        self.truncate_fails = False
        real_write, real_truncate = os.write, os.ftruncate

        def write(fd, data):
            if fd != self.fd or self.free is None:
                return real_write(fd, data)
            if self.free <= 0:
                raise OSError(errno.ENOSPC, "No space left on device")
            part = bytes(data[: self.free])
            self.free -= len(part)
            return real_write(fd, part)

        def ftruncate(fd, length):
            if fd == self.fd and self.truncate_fails:
                raise OSError(errno.EIO, "Input/output error")
            return real_truncate(fd, length)

        monkeypatch.setattr(os, "write", write)
        monkeypatch.setattr(os, "ftruncate", ftruncate)


def a_set(n: int) -> SetRecord:
    return SetRecord("squat", "none", n, 12, 12, None, "bodyweight", 30.0 + n)


def start(paths) -> tuple[History, object]:
    history = History(paths.data)
    session = Session("short", "Busy-day glutes", now_iso(), now_iso(), "stopped")
    return history, history.start_journal(session)


@pytest.mark.parametrize("truncate_fails", [False, True], ids=["cut-back", "cut-back-fails"])
@pytest.mark.parametrize("seed", range(20))
def test_every_set_whose_write_completed_is_recovered_after_a_full_disk_frees(paths, monkeypatch,
                                                                             seed, truncate_fails):
    rng = random.Random(seed)
    disk = FullDisk(monkeypatch)
    history, journal = start(paths)
    disk.fd = journal._fd
    disk.truncate_fails = truncate_fails
    completed: dict[int, SetRecord] = {}
    failed = 0
    for step in range(1, 41):
        if rng.random() < 0.15:  # the disk fills: a few bytes fit, or none
            disk.free = rng.choice([0, 1, 7, 40, 90])
        elif disk.free is not None and rng.random() < 0.3:  # and frees again
            disk.free = None
        try:
            journal.record_set(step, a_set(step))
        except OSError:
            failed += 1
            continue
        completed[step] = a_set(step)
    disk.free = None
    journal.record_set(99, a_set(99))  # one more after it all: it must be read too
    completed[99] = a_set(99)
    journal.close(remove=False)  # the app dies here
    recovery = History(paths.data).recover()
    assert len(recovery.recovered) == 1, recovery.problems
    got = recovery.recovered[0].sets
    assert got == [completed[k] for k in sorted(completed)]
    assert failed > 0 or seed % 5, "no write failed: the test did not test"


def test_a_short_write_with_no_error_is_finished_not_left_torn(paths, monkeypatch):
    """The write that was cut short is completed by the loop: nothing is lost, nothing torn."""
    calls = []
    real_write = os.write
    history, journal = start(paths)

    def short_once(fd, data):
        if fd == journal._fd and not calls:
            calls.append(len(data))
            return real_write(fd, bytes(data[:5]))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", short_once)
    journal.record_set(1, a_set(1))
    journal.close(remove=False)
    lines = journal.path.read_bytes().split(b"\n")
    assert calls and lines[-1] == b"" and all(json.loads(line) for line in lines[:-1])
    assert History(paths.data).recover().recovered[0].sets == [a_set(1)]


def test_a_torn_line_in_the_middle_is_reported_and_the_sets_after_it_recovered(paths):
    history, journal = start(paths)
    for step in (1, 2):
        journal.record_set(step, a_set(step))
    with open(journal.path, "ab") as handle:  # as an older version left it on a full disk
        handle.write(b'{"type":"set","step":3,"at":"2026-11')
    journal.record_set(4, a_set(4))  # glued to the fragment
    with open(journal.path, "ab") as handle:
        handle.write(b'{"type":"set","st\n')  # a torn line on its own
    journal.record_set(5, a_set(5))
    journal.close(remove=False)
    recovery = History(paths.data).recover()
    assert [s.set for s in recovery.recovered[0].sets] == [1, 2, 4, 5]
    assert any("line 5 was not complete" in p and "skipped" in p for p in recovery.problems)


def test_a_journal_line_with_a_bad_set_skips_that_set_only():
    header = {"type": "session", "id": "6f1e1f3e-7c2b-4c9a-9f3e-0d6c1a2b3c4d", "routine": "short",
              "routine_name": "Busy", "started_at": "2026-11-24T07:30:00+01:00"}
    good = {"type": "set", "step": 1, "at": "2026-11-24T07:31:00+01:00", "record": a_set(1).to_dict()}
    bad = {"type": "set", "step": 2, "at": "2026-11-24T07:32:00+01:00", "record": None}
    deep = b"[" * 100_000
    huge = b'{"type":"set","step":' + b"9" * 5000 + b"}"
    text = b"\n".join(json.dumps(x).encode() for x in (header, good, bad)) + b"\n" + deep + b"\n" + huge + b"\n"
    session, notes = parse_journal(text, "j.jsonl")
    assert session is not None and session.sets == [a_set(1)]
    assert any("line 3" in n and "record" in n for n in notes)
    assert any("lines 4, 5 were not complete" in n for n in notes)
