"""Private Textual internals live in ui/textual_compat.py only, written for one Textual version
(issue 23): the installed Textual and the pin are that version, the private surface it uses is
still there with the same shapes, the Textual code it mirrors is unchanged, and no other module
imports a private module or reaches for a private attribute of a library."""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib
import inspect
import os
import threading
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

from glute_tui.ui import textual_compat
from glute_tui.ui.textual_compat import WRITTEN_FOR

PACKAGE = Path(textual_compat.__file__).resolve().parents[1]  # glute_tui/
PYPROJECT = PACKAGE.parent / "pyproject.toml"
COMPAT = "glute_tui/ui/textual_compat.py"
LIBRARIES = {"textual", "textual_serve", "rich"}  # whose private modules only the compat module may import
STDLIB_PRIVATE_OK = {"os._exit"}  # the documented way to end a process without clean-up


def test_the_installed_textual_is_the_one_textual_compat_was_written_for():
    assert version("textual") == WRITTEN_FOR, (
        f"Textual {version('textual')} is installed; ui/textual_compat.py was written for {WRITTEN_FOR}: "
        "check each private use there against the new version, then update WRITTEN_FOR and the pin")


def test_the_apps_dependency_pins_textual_to_that_version():
    dependencies = tomllib.loads(PYPROJECT.read_text())["project"]["dependencies"]
    assert [d for d in dependencies if d.startswith("textual")] == [f"textual=={WRITTEN_FOR}"]


@pytest.mark.parametrize("where", sorted(textual_compat.MIRRORED))
def test_the_textual_code_textual_compat_mirrors_is_unchanged(where: str):
    module_name, _, qualname = where.partition(":")
    target = importlib.import_module(module_name)
    for part in qualname.split("."):
        target = getattr(target, part)
    source = inspect.getsource(target)  # type: ignore[arg-type]
    assert hashlib.sha256(source.encode()).hexdigest() == textual_compat.MIRRORED[where], (
        f"{where} changed: bring the mirror in ui/textual_compat.py up to date, then its hash")


def test_the_private_textual_surface_textual_compat_uses_is_still_there():
    from textual._xterm_parser import XTermParser
    from textual.driver import Driver
    from textual.drivers.linux_driver import LinuxDriver

    assert list(inspect.signature(XTermParser).parameters) == ["debug"]
    parser = XTermParser(False)
    assert [type(event).__name__ for event in parser.feed("a")] == ["Key"]
    assert list(parser.tick()) == []
    # guard_output: the writer thread writes to the `_file` the driver was built with
    assert "self._file = sys.__stderr__" in inspect.getsource(LinuxDriver.__init__)
    assert "WriterThread(self._file)" in inspect.getsource(LinuxDriver.start_application_mode)
    # read_input_until_hangup: the driver's public surface it relies on
    init = inspect.getsource(LinuxDriver.__init__)
    assert all(f"self.{name} = " in init for name in ("fileno", "input_tty", "exit_event"))
    assert "debug" in inspect.signature(Driver.__init__).parameters
    assert callable(LinuxDriver.process_message) and callable(LinuxDriver.run_input_thread)


class PipeDriver:
    """The public surface of a LinuxDriver that read_input_until_hangup uses, on a pipe."""

    def __init__(self, fileno: int) -> None:
        self.fileno = fileno
        self.input_tty = True
        self.exit_event = threading.Event()
        self.messages: list[object] = []

    def process_message(self, message: object) -> None:
        self.messages.append(message)


def test_the_mirrored_input_loop_passes_keys_on_then_reports_the_end_of_the_terminal():
    read, write = os.pipe()
    try:
        os.write(write, b"q")
        os.close(write)
        driver, gone = PipeDriver(read), []
        textual_compat.read_input_until_hangup(driver, gone.append)
    finally:
        os.close(read)
    assert [getattr(m, "key", None) for m in driver.messages] == ["q"]
    assert gone == ["input: end of file"]


def test_guard_output_wraps_the_file_the_driver_writes_to():
    class Driver:
        _file = "the terminal"

    driver = Driver()
    textual_compat.guard_output(driver, lambda file: ("guarded", file))
    assert driver._file == ("guarded", "the terminal")


# --- nothing else touches a private internal ---------------------------------------------------


def private_imports(tree: ast.AST) -> list[str]:
    """`import textual._x`, `from textual._x import y`, `from textual import _x`, and a private
    module of a library named in a string (importlib.import_module, TEXTUAL_DRIVER)."""
    found = []

    def private(module: str) -> bool:
        parts = module.split(".")
        return parts[0] in LIBRARIES and any(p.startswith("_") for p in parts[1:])

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if private(alias.name)]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if private(node.module):
                found.append(node.module)
            elif node.module.split(".")[0] in LIBRARIES:
                found += [f"{node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and private(node.value.split(":")[0]):
            found.append(node.value)
    return found


def defined_names(tree: ast.AST) -> set[str]:
    """Every name our own code defines: functions, classes, attributes it sets, arguments."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
    return names


def foreign_private_attributes(tree: ast.AST, ours: set[str]) -> list[str]:
    """`x._name` where `_name` is not one our code defines: another library's private attribute."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            if node.attr not in ours and ast.unparse(node) not in STDLIB_PRIVATE_OK:
                found.append(ast.unparse(node))
    return found


@functools.cache  # read-only trees: parsed once for the five tests that walk them
def modules() -> dict[str, ast.AST]:
    return {path.relative_to(PACKAGE.parent).as_posix(): ast.parse(path.read_text(encoding="utf-8"))
            for path in sorted(PACKAGE.rglob("*.py"))}


def test_no_module_but_textual_compat_imports_a_private_textual_or_textual_serve_module():
    found = {name: private_imports(tree) for name, tree in modules().items() if name != COMPAT}
    assert {name: uses for name, uses in found.items() if uses} == {}


def test_no_module_but_textual_compat_uses_a_private_attribute_of_a_library():
    trees = modules()
    ours = set().union(*(defined_names(tree) for name, tree in trees.items() if name != COMPAT))
    found = {name: foreign_private_attributes(tree, ours) for name, tree in trees.items() if name != COMPAT}
    assert {name: uses for name, uses in found.items() if uses} == {}


@pytest.mark.parametrize("planted", [
    "import textual._xterm_parser",
    "from textual._loop import loop_last",
    "from textual import _xterm_parser",
    "from textual_serve._binary_encode import dump",
    "import importlib; importlib.import_module('textual._xterm_parser')",
])
def test_the_import_check_sees_a_planted_private_import(planted: str):
    assert private_imports(ast.parse(planted)) != []


@pytest.mark.parametrize("planted", ["app._driver.write('x')", "driver._file = None", "parser._actions"])
def test_the_attribute_check_sees_a_planted_private_attribute(planted: str):
    ours = set().union(*(defined_names(tree) for name, tree in modules().items() if name != COMPAT))
    assert foreign_private_attributes(ast.parse(planted), ours) != []


def test_the_checks_pass_public_uses():
    public = "from textual.app import App\nimport os\nos._exit(0)\nself._mine = 1\nself._mine.x()"
    tree = ast.parse(public)
    assert private_imports(tree) == [] and foreign_private_attributes(tree, defined_names(tree)) == []


# --- textual-serve: no Python of it is used, only the page's files it ships --------------------


def test_every_file_our_page_loads_from_static_is_one_textual_serve_or_we_ship():
    """ui/web/server.py serves textual-serve's packaged `static/` folder (its page's JavaScript,
    xterm.js's CSS, the font) beside ours; a textual-serve that moved or renamed one would
    leave the page blank."""
    pytest.importorskip("textual_serve", reason="glute-tui serve needs the web extra (pip install -e '.[test]')")
    import re
    from importlib import resources

    from glute_tui.cli.serve import WEB_DIR
    from glute_tui.ui.web.server import static_files

    page = (WEB_DIR / "templates" / "app_index.html").read_text(encoding="utf-8")
    wanted = set(re.findall(r"\{\{ static_url \}\}([^\"')\s]+)", page))
    served = static_files([resources.files("textual_serve") / "static", WEB_DIR / "static"])
    assert {"js/textual.js", "css/xterm.css"} <= wanted
    assert wanted - set(served) == set()
