"""What a newcomer meets before the app: the licence, the package's metadata and description,
the Makefile's two installs, and a README that lists every command exactly.

Building the wheel with the declared setuptools floor and installing it as a tool is done by
.ci/run (it needs the package index); these checks need nothing but the checkout.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from glute_tui.cli.main import build_parser

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]


def test_the_licence_file_is_the_mit_licence_the_metadata_declares():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "the glute-tui authors" in text
    assert PROJECT["license"] == "MIT" and "LICENSE" in PROJECT["license-files"]


def test_the_build_requirement_is_a_setuptools_that_reads_an_spdx_licence():
    requires = PYPROJECT["build-system"]["requires"]
    floor = next(r for r in requires if r.startswith("setuptools"))
    assert floor == "setuptools>=77"  # 77 is the first to accept `license = "MIT"`; 68.2 fails on it


def test_the_metadata_has_authors_keywords_and_classifiers_but_no_licence_classifier():
    assert PROJECT["authors"] == [{"name": "the glute-tui authors"}]
    assert {"workout", "timer", "tui", "textual"} <= set(PROJECT["keywords"])
    classifiers = PROJECT["classifiers"]
    assert "Environment :: Console" in classifiers and "Programming Language :: Python :: 3.11" in classifiers
    # setuptools >= 77 refuses a licence classifier beside a licence expression
    assert not [c for c in classifiers if c.startswith("License ::")]
    assert "urls" not in PROJECT  # no address we could stand behind: none rather than a made-up one


def test_the_package_description_has_no_images_or_relative_links():
    readme = PROJECT["readme"]
    text = (ROOT / readme).read_text(encoding="utf-8")
    assert "![" not in text and "<img" not in text
    links = re.findall(r"\]\(([^)]+)\)", text)
    assert all(re.match(r"[a-z]+:", link) for link in links), links


def test_the_packages_are_where_their_names_say_so_an_editable_install_needs_no_import_hook():
    """A package mapped from another folder (data/ as glute_tui.data) makes setuptools install an
    import hook and print its 'Please be careful with folders…' box on every editable install."""
    assert PYPROJECT["tool"]["setuptools"]["package-dir"] == {"": "."}
    for package in PYPROJECT["tool"]["setuptools"]["packages"]:
        assert (ROOT / package.replace(".", "/")).is_dir(), package
    assert (ROOT / "glute_tui" / "data" / "exercises.toml").is_file()


@dataclass
class Command:
    words: tuple[str, ...]
    subcommands: list[str] = field(default_factory=list)
    options: list[list[str]] = field(default_factory=list)


def commands(parser: argparse.ArgumentParser, words: tuple[str, ...] = ()) -> list[Command]:
    """Every command of the parser with its options, depth first. argparse has no public way to
    list a parser's arguments, so this test reads its `_actions` (the app itself never does)."""
    command, found = Command(words), []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                command.subcommands.append(name)
                found += commands(sub, words + (name,))
        elif action.option_strings:
            command.options.append(list(action.option_strings))
    return [command] + found


def command_block(text: str) -> list[str]:
    section = text[text.index("## The command line"):]
    block = section[section.index("```") + 3:]
    return block[: block.index("```")].strip().splitlines()


@pytest.mark.parametrize("readme", ["README.md", "README.package.md"])
def test_the_readme_lists_every_command_and_option_of_the_parser(readme):
    # `routines [list]` lists `routines list` (and `routines` alone)
    lines = [re.sub(r"\[([a-z]+)\]", r"\1", line) for line in command_block((ROOT / readme).read_text(encoding="utf-8"))]
    for command in commands(build_parser()):
        if command.subcommands and command.words:  # `routines` alone is `routines [list]`
            continue
        prefix = " ".join(("glute-tui",) + command.words)
        mine = [line for line in lines if re.match(re.escape(prefix) + r"(\s|$)", line)
                and (command.words or not re.match(r"glute-tui [a-z]", line))]
        assert mine, f"{readme} does not list `{prefix}`"
        for option in command.options:
            if option[-1] in ("--help", "--data-dir") or (not command.words and option[-1] == "--version"):
                continue
            assert any(option[-1] in line for line in mine), f"{readme}: `{prefix}` lacks {option[-1]}"
    joined = "\n".join(lines)
    assert "glute-tui --version | --help" in joined
    assert "glute-tui completion bash|zsh|fish" in joined


def test_the_readme_and_the_package_description_give_the_install_lines():
    for readme in ("README.md", "README.package.md"):
        text = (ROOT / readme).read_text(encoding="utf-8")
        assert "pipx install ." in text and "uv tool install ." in text, readme


needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def dry_run(target: str, venv: Path) -> str:
    return subprocess.run(["make", "-n", "-C", str(ROOT), target, f"VENV={venv}"], capture_output=True,
                          text=True, check=True).stdout


@needs_make
def test_make_run_installs_the_app_without_the_test_extra(tmp_path):
    commands_run = dry_run("run", tmp_path / "venv")
    assert "-m venv" in commands_run  # it still creates the environment when it is missing
    assert re.search(r"pip install .*-e \.(\s|$)", commands_run), commands_run
    assert "[test]" not in commands_run


@needs_make
def test_make_test_installs_the_test_extra_and_creates_the_environment(tmp_path):
    commands_run = dry_run("test", tmp_path / "venv")
    assert "-m venv" in commands_run and '-e ".[test]"' in commands_run and "pytest" in commands_run
