"""`export`, `history` and `stats` exit 2 when anything is left out, a workout's journal that
could not be recovered included (a read-only folder), and say what (issue 22, item 4)."""

from __future__ import annotations

import pytest

from glute_tui.cli.main import main
from glute_tui.core.records import Session, SetRecord, now_iso
from glute_tui.services.history import HistoryService
from glute_tui.store.history import History

COMMANDS = {"export": ["export"], "history": ["history"], "stats": ["stats"], "stats --json": ["stats", "--json"],
            "export csv": ["export", "--format", "csv"]}


def leave_a_journal(paths) -> None:
    """A workout whose process died after one set: its journal waits to be recovered."""
    history = History(paths.data)
    history.add(Session("short", "Busy-day glutes", now_iso(), now_iso(), "completed",
                        [SetRecord("squat", "none", 1, 10, 10, None, "bodyweight", 30.0)]))
    journal = history.start_journal(Session("short", "Busy-day glutes", now_iso(), now_iso(), "stopped"))
    journal.record_set(1, SetRecord("squat", "none", 1, 10, 10, None, "bodyweight", 30.0))
    journal.close(remove=False)


def read_only_history(monkeypatch) -> None:
    """The history folder refuses writes (as root, chmod would not stop us: fail the write itself)."""
    def refuse(self, session):
        raise PermissionError(13, "Permission denied", str(self.folder / "sessions-2026.json"))
    monkeypatch.setattr(History, "add", refuse)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_journal_that_could_not_be_recovered_makes_the_command_exit_2_and_say_so(paths, monkeypatch, capsys,
                                                                                   command):
    leave_a_journal(paths)
    read_only_history(monkeypatch)
    assert main(COMMANDS[command]) == 2
    err = capsys.readouterr().err
    assert err.count("Could not recover") == 1 and "Permission denied" in err
    assert "leaves out" in err
    assert list(paths.data.glob("journal/*.jsonl"))  # the journal is kept for a later run


@pytest.mark.parametrize("command", COMMANDS)
def test_with_the_journal_recovered_the_same_command_exits_0(paths, capsys, command):
    leave_a_journal(paths)
    assert main(COMMANDS[command]) == 0
    assert "Recovered an unfinished workout" in capsys.readouterr().err


def test_the_app_is_warned_when_a_journal_could_not_be_recovered(paths, monkeypatch):
    leave_a_journal(paths)
    read_only_history(monkeypatch)
    said: list[tuple[str, str]] = []
    HistoryService(paths.data, report=lambda message, severity: said.append((message, severity))).recover_once()
    assert [severity for message, severity in said if "Could not recover" in message] == ["warning"]
