"""A backup larger than any file the app reads whole (64 MiB) restores: an export of 9,500
sessions -> `import` into a fresh folder -> `export` again gives the same bytes, and the figures
of the sessions it was made from."""

from __future__ import annotations

import filecmp
import itertools
import json
from datetime import date
from pathlib import Path
from typing import Iterator

import pytest

from glute_tui.cli.main import main
from glute_tui.core.exchange import json_chunks
from glute_tui.core.records import Session
from glute_tui.core.stats import compute, session_day
from glute_tui.devtools.sample_history import iter_sessions
from glute_tui.store.preferences import Preferences
from glute_tui.store.safe_read import DATA_MAX_BYTES

pytestmark = pytest.mark.slow

AS_OF = date(2026, 11, 24)


def sessions() -> Iterator[Session]:
    """9,500 sessions of 20 sets since 2000, in the order an export writes them (oldest first,
    then by id), made one at a time."""
    made = iter_sessions(9_500, end=AS_OF, since=date(2000, 1, 1), sets_per_session=20)
    for _day, same_day in itertools.groupby(made, key=session_day):
        yield from sorted(same_day, key=lambda s: (s.started, s.id))


def test_an_export_over_64_mib_imports_into_a_fresh_folder_and_exports_the_same_bytes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    # The backup is written by the export's own writer straight from the sessions (not saved
    # into a history and exported from there first: the round trip is what is tested).
    home, backup, again = tmp_path / "home", tmp_path / "backup.json", tmp_path / "again.json"
    made = list(sessions())  # made once: the figures at the end are worked out from them too
    with backup.open("w", encoding="utf-8") as out:
        out.writelines(json_chunks(made))
    assert backup.stat().st_size > DATA_MAX_BYTES
    assert main(["import", "--data-dir", str(home), str(backup)]) == 0
    assert "Imported 9500 new sessions" in capsys.readouterr().out
    assert main(["export", "--data-dir", str(home), "--output", str(again)]) == 0
    assert filecmp.cmp(backup, again, shallow=False)
    capsys.readouterr()
    assert main(["stats", "--json", "--data-dir", str(home), "--as-of", AS_OF.isoformat()]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures == compute(made, AS_OF, Preferences().weekly_goal).to_json()
