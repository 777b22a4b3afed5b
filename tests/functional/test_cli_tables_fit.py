"""The command line's tables fit the terminal with whole words and whole numbers (issue 24,
finding 7): at 60, 80 and 120 columns a low-priority column is dropped before any is narrowed,
no cell is cut with "…", a name wraps at its words, a number is never split."""

from __future__ import annotations

import re
from datetime import date

import pytest
from rich.cells import cell_len

from glute_tui.cli.main import main
from glute_tui.devtools.sample_history import make_sessions
from glute_tui.devtools.scenes import LONG_NAME, with_skips
from glute_tui.store.history import History
from glute_tui.store.routine_files import builtin_routines

COMMANDS = [["history", "--limit", "8"], ["stats"], ["routines"], ["exercises", "list"],
            ["routines", "show", "knee-friendly"]]
LABELS = {"date", "routine", "time", "sets done", "reps", "status", "felt", "pain", "exercise", "total",
          "best set", "left", "right", "id", "name", "exercises", "length", "source", "sides", "default",
          "knees", "sets × reps", "tempo", "rest", "load", "#", "starts", "step"}


@pytest.fixture
def long_history(paths):
    from dataclasses import replace

    history = History(paths.data)
    history.add_many(make_sessions(12, end=date(2026, 11, 24), seed=11))
    routine = next(r for r in builtin_routines() if r.id == "knee-friendly")
    history.add(with_skips(replace(routine, name=LONG_NAME)))
    return paths


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_a_command_line_table_fits_the_terminal_with_whole_words_and_numbers(
        long_history, monkeypatch, capsys, command, width):
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # a terminal, as Rich sees it
    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert main(command) == 0
    out = re.sub(r"\x1b\[[0-9;]*m", "", capsys.readouterr().out)
    assert "┃" in out, out
    assert "…" not in out, out  # nothing cut with an ellipsis
    for line in out.splitlines():
        assert cell_len(line) <= width, line
    for line in out.splitlines():
        if line.startswith("┃"):  # the header: every label whole
            labels = {cell.strip() for cell in line.strip("┃").split("┃")} - {""}
            assert labels <= LABELS, labels
        if line.startswith("│"):  # a row: a number is never split over two lines
            for cell in line.strip("│").split("│"):
                assert not re.fullmatch(r"\s*[\d/:,]*[/:,]\s*", cell), line
    if command[0] == "history":
        rows = [line for line in out.splitlines() if line.startswith("│")]
        assert any("completed" in row for row in rows)
        assert any("11/15" in row for row in rows)  # the skipped session's sets, whole


def test_a_narrow_history_drops_its_low_priority_columns_and_wraps_the_long_name_at_its_words(
        long_history, monkeypatch, capsys):
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "60")
    assert main(["history", "--limit", "3"]) == 0
    out = re.sub(r"\x1b\[[0-9;]*m", "", capsys.readouterr().out)
    header = next(line for line in out.splitlines() if line.startswith("┃") and "date" in line)
    assert [c.strip() for c in header.strip("┃").split("┃")] == ["date", "routine", "sets done", "status"]
    routine_lines = [line.split("│")[2].strip() for line in out.splitlines() if line.startswith("│")]
    assert " ".join(w for w in routine_lines[:5] if w).startswith(LONG_NAME)  # wrapped, every word kept
    monkeypatch.setenv("COLUMNS", "120")
    assert main(["history", "--limit", "3"]) == 0
    wide = capsys.readouterr().out
    header = next(line for line in wide.splitlines() if "date" in line and "┃" in line)
    assert "felt" in header and "pain" in header  # every column, the name wrapped at a word
    routine_lines = [line.split("│")[2].strip() for line in wide.splitlines() if line.startswith("│")]
    assert " ".join(routine_lines[:2]) == LONG_NAME
