"""Home with routine files whose names cannot be ids (not UTF-8, ESC, too long): each is
listed with its fault, shown as plain text, and cannot be started (issue 22, item 3)."""

from __future__ import annotations

import os

import pytest

from glute_tui.core.limits import NAME_MAX
from glute_tui.devtools.scenes import settle
from glute_tui.store.routine_files import builtin_routines, load_all
from glute_tui.ui.app import GluteApp

BODY = b'name = "Looks fine"\n[[exercise]]\nid = "squat"\nsets = 1\nreps = 5\n'
STEMS = {"not-utf-8": b"caf\xe9", "escape": b"esc\x1b[31mred", "too-long": b"r" * (NAME_MAX + 1)}


@pytest.mark.parametrize("kind", STEMS)
async def test_home_lists_a_routine_with_a_bad_file_name_and_never_starts_it(paths, clock, kind):
    paths.routines_dir.mkdir(parents=True)
    with open(os.fsencode(paths.routines_dir) + b"/" + STEMS[kind] + b".toml", "wb") as handle:
        handle.write(BODY)
    found = load_all(paths.routines_dir)
    assert [r.id for r in found.routines] == [r.id for r in builtin_routines()]  # the shipped ones only
    app = GluteApp(found.routines, paths, clock=clock, routine_faults=found.faults)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("up")  # the list wraps round to the last: the file that was not loaded
        await pilot.pause()
        name = str(app.screen.query_one("#routine-name").render())
        fault = str(app.screen.query_one("#routine-description").render())
        assert name.startswith("Not loaded: ") and "file name" in fault and "rename the file" in fault
        assert "\x1b" not in name + fault and not any("\ud800" <= c <= "\udfff" for c in name + fault)
        await pilot.press("enter")  # nothing starts
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
    assert not (paths.data / "journal").exists() or not list((paths.data / "journal").iterdir())
