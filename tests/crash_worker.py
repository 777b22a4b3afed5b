"""Real processes that save workouts the way the app does, as fast as they can, until killed.

Each workout: the Recorder opens a journal, journals three sets, then saves the session to
history. After a save returns, the session's id is appended (and fsynced) to `done.log`, so
the test knows which sessions the process saw saved.

Usage: python crash_worker.py DATA_DIR, then one line on stdin per saving process wanted.
The worker imports the app once and forks a fresh saver for each line: the saver prints its
pid when it has opened the history and starts saving; the worker then waits for it to die and
prints its wait status (so the test knows it was killed, not ended by an error). A fork costs a
millisecond where a new interpreter and its imports cost a third of a second, so the test
kills many more savers in the same time.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from glute_tui.core.records import Session, SetRecord, now_iso
from glute_tui.store.history import History
from glute_tui.store.recorder import Recorder


def save_until_killed(data: Path) -> None:
    history = History(data)
    done = os.open(data / "done.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    print(os.getpid(), flush=True)
    while True:
        session = Session("article", "Runner's glute routine", now_iso(), now_iso(), "stopped")
        recorder = Recorder(history, session)
        records = []
        for n in range(1, 4):
            record = SetRecord("clamshell", "left", n, 15, 15, None, "band:light", 30.0)
            records.append(record)
            recorder.set_finished(n, record)
        result = recorder.finish("completed", records).result()
        if not result.saved:
            raise SystemExit(result.message)
        os.write(done, (session.id + "\n").encode())
        os.fsync(done)


def main() -> None:
    data = Path(sys.argv[1])
    print("ready", flush=True)
    for _ in sys.stdin:
        pid = os.fork()
        if pid == 0:  # the saver: never returns to this loop
            try:
                save_until_killed(data)
            except BaseException:
                traceback.print_exc()
                sys.stderr.flush()
            os._exit(1)
        print(os.waitpid(pid, 0)[1], flush=True)


if __name__ == "__main__":
    main()
