"""A backup larger than any file the app reads whole (64 MiB) restores: `export` -> `import` into
a fresh folder -> `export` again gives the same bytes, and the same figures."""

from __future__ import annotations

import filecmp
import json
from datetime import date
from pathlib import Path

import pytest

from glute_tui.cli.main import main
from glute_tui.devtools.sample_history import iter_sessions
from glute_tui.store.history import History
from glute_tui.store.safe_read import DATA_MAX_BYTES

pytestmark = pytest.mark.slow


def stats(home: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    capsys.readouterr()
    assert main(["stats", "--json", "--data-dir", str(home), "--as-of", "2026-11-24"]) == 0
    return json.loads(capsys.readouterr().out)


def test_an_export_over_64_mib_imports_into_a_fresh_folder_and_exports_the_same_bytes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    first, second = tmp_path / "first", tmp_path / "second"  # --data-dir: data/ is under it
    History(first / "data").add_stream(iter_sessions(9_500, end=date(2026, 11, 24), since=date(2000, 1, 1),
                                                     sets_per_session=20))
    backup, again = tmp_path / "backup.json", tmp_path / "again.json"
    assert main(["export", "--data-dir", str(first), "--output", str(backup)]) == 0
    assert backup.stat().st_size > DATA_MAX_BYTES
    assert main(["import", "--data-dir", str(second), str(backup)]) == 0
    assert "Imported 9500 new sessions" in capsys.readouterr().out
    assert main(["export", "--data-dir", str(second), "--output", str(again)]) == 0
    assert filecmp.cmp(backup, again, shallow=False)
    assert stats(first, capsys) == stats(second, capsys)
