"""The attack on `glute-tui serve` (tests/functional/attack_serve.py, loopback only): every
row is refused, but the page's own socket. Slow: a server, a few app processes, 12 sockets."""

from __future__ import annotations

from pathlib import Path

import pytest
from attack_serve import attacks, table
from serving import start_server

pytestmark = pytest.mark.slow
pytest.importorskip("aiohttp", reason="glute-tui serve needs the web extra (pip install -e '.[test]')")
pytest.importorskip("textual_serve", reason="glute-tui serve needs the web extra (pip install -e '.[test]')")


def test_every_way_in_of_the_attack_is_refused(tmp_path: Path):
    served = start_server(tmp_path / "home", token="")  # a random token, read from what it prints
    try:
        rows = attacks(served)
    finally:
        served.stop()
    assert len(rows) > 80
    assert all(row.ok for row in rows), table([row for row in rows if not row.ok])
