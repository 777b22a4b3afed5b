"""The design a reader can see: layers that point one way, no cycles, an App that only composes,
and one source of truth for preferences that two copies of the app share without loss."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import grimp

from glute_tui.devtools.clock import ManualClock
from glute_tui.services.settings import Settings
from glute_tui.store.paths import AppPaths
from glute_tui.store.routine_files import builtin_routines
from glute_tui.ui.app import GluteApp

ROOT = Path(__file__).resolve().parents[2]


def cycles(graph: grimp.ImportGraph) -> list[set[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph.find_modules_directly_imported_by(node):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(component)

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_module_of_the_package_is_part_of_an_import_cycle():
    assert cycles(grimp.build_graph("glute_tui")) == []


def test_the_cycle_finder_finds_a_cycle(tmp_path, monkeypatch):
    package = tmp_path / "loopy"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from loopy import b\n")
    (package / "b.py").write_text("def f():\n    from loopy import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert cycles(grimp.build_graph("loopy")) == [{"loopy.a", "loopy.b"}]


def test_the_layer_contracts_hold():
    result = subprocess.run([str(Path(sys.executable).parent / "lint-imports")], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_app_holds_no_lock_and_no_state_of_its_own(paths):
    app = GluteApp(builtin_routines(), paths, clock=ManualClock(), speech_program=())
    lock_types = (type(threading.Lock()), type(threading.RLock()))
    held = {name: type(value).__name__ for name, value in vars(app).items() if isinstance(value, lock_types)}
    assert held == {}
    for name in ("routines", "selected", "preferences", "history", "overview", "counting", "catalogue"):
        assert not hasattr(app, name), f"GluteApp.{name}: state belongs in a service"


def test_two_settings_on_one_file_keep_each_others_changes(isolated_home):
    file = AppPaths.resolve().preferences_file
    first, second = Settings(file), Settings(file)
    assert first.update(sound=False) == ""
    assert second.update(theme="nord") == ""  # second never saw the mute
    saved = json.loads(file.read_text())
    assert saved["sound"] is False and saved["theme"] == "nord"
    assert second.current.sound is False  # and it now knows of the other's change


WORKER = """
import sys
from pathlib import Path
from glute_tui.services.settings import Settings
settings = Settings(Path(sys.argv[1]))
key = sys.argv[2]
for n in range(40):
    value = (n % 2 == 0) if key != "weekly_goal" else 1 + n % 7
    assert settings.update(**{key: value}) == ""
"""


def test_two_processes_changing_different_preferences_lose_nothing(isolated_home):
    file = AppPaths.resolve().preferences_file
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, str(file), key], cwd=ROOT)
             for key in ("sound", "weekly_goal")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    saved = json.loads(file.read_text())
    assert saved["sound"] is False  # each process's last value of its own key
    assert saved["weekly_goal"] == 1 + 39 % 7
