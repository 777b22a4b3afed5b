"""A document on stdout is written whole or not at all, as UTF-8 whatever the locale."""

from __future__ import annotations

import io
import sys

import pytest

from glute_tui.cli.output import emit_whole, tolerant_streams


def fake_stdout(monkeypatch, encoding: str = "ascii") -> io.BytesIO:
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding=encoding))
    return raw


def test_a_document_that_fails_while_it_is_made_writes_nothing(monkeypatch):
    raw = fake_stdout(monkeypatch)

    def chunks():
        yield '{"format": "glute-tui-history", "sessions": ['
        raise OSError(5, "Input/output error")

    with pytest.raises(OSError):
        emit_whole(chunks())
    sys.stdout.flush()
    assert raw.getvalue() == b""


def test_a_document_is_written_as_utf_8_on_an_ascii_stdout(monkeypatch):
    raw = fake_stdout(monkeypatch)
    emit_whole(['{"name": "été · 🍑"}', "\n"])
    assert raw.getvalue().decode("utf-8") == '{"name": "été · 🍑"}\n'


def test_a_large_document_goes_through_a_temporary_file_whole(monkeypatch):
    raw = fake_stdout(monkeypatch)
    monkeypatch.setattr("glute_tui.cli.output.SPOOL_BYTES", 1024)
    emit_whole(f"{n:08d}\n" for n in range(10_000))
    assert raw.getvalue() == "".join(f"{n:08d}\n" for n in range(10_000)).encode()


def test_text_the_encoding_cannot_write_is_replaced_not_raised(monkeypatch):
    raw = fake_stdout(monkeypatch, "latin-1")
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(io.BytesIO(), encoding="ascii"))
    tolerant_streams()
    print("Fessiers · ×3 — 🍑")
    sys.stdout.flush()
    assert raw.getvalue() == "Fessiers · ×3 ? ?\n".encode("latin-1")


def test_export_on_an_ascii_stdout_is_the_data_exactly_and_whole(paths, monkeypatch):
    from glute_tui.cli.main import main
    from glute_tui.core.exchange import parse_export
    from glute_tui.core.records import Session, SetRecord
    from glute_tui.store.history import History

    name = "Fessiers · été 🍑"
    History(paths.data).add(Session("mine", name, "2026-11-20T07:00:00+01:00", "2026-11-20T07:20:00+01:00",
                                    "completed", [SetRecord("squat", "none", 1, 10, 10, None, "bodyweight", 30.0)]))
    raw = fake_stdout(monkeypatch)
    assert main(["export"]) == 0
    sys.stdout.flush()
    (session,) = parse_export(raw.getvalue().decode("utf-8"), "stdout")
    assert session.routine_name == name

