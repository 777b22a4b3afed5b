"""Every folder of the package is declared as one, so the wheel ships it and an editable install
says nothing (setuptools warns, loudly, about an importable folder left out of `packages`)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_folder_of_the_package_is_a_declared_package():
    declared = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    folders = {".".join(path.relative_to(ROOT).parts) for path in (ROOT / "glute_tui").rglob("*")
               if path.is_dir() and path.name != "__pycache__" and any(path.iterdir())}
    folders.add("glute_tui")
    assert sorted(folders - declared) == []
    assert sorted(declared - folders) == []
