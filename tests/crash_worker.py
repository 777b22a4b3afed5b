"""A real process that saves workouts the way the app does, as fast as it can, until killed.

Each workout: the Recorder opens a journal, journals three sets, then saves the session to
history. After a save returns, the session's id is appended (and fsynced) to `done.log`, so
the test knows which sessions the process saw saved.
Usage: python crash_worker.py DATA_DIR
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from glute_tui.core.records import Session, SetRecord, now_iso
from glute_tui.store.history import History
from glute_tui.store.recorder import Recorder


def main() -> None:
    data = Path(sys.argv[1])
    history = History(data)
    done = os.open(data / "done.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    print("ready", flush=True)
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


if __name__ == "__main__":
    main()
