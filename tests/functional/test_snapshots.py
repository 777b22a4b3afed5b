"""Snapshots of the screens: a change of layout shows up in review as a changed SVG.

Update them on purpose with `pytest tests/functional/test_snapshots.py --snapshot-update`.

Each scene is played once, at its first size, and the terminal is then resized through the
scene's other sizes, a picture taken at each: playing a scene (a workout to its end, a history
of 55 sessions) was most of the time of a picture, and a screen that draws differently after a
resize than when it starts at that size is a bug this way finds (the progress bar and the
tables' stripes had two). The first sizes differ from scene to scene, so that a start at each
size is drawn too; a tiny size is never a start (nothing starts there: the app says it is too
small), only resized to.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from drawn_checks import CASES, checks, run_checks
from drawn_checks import SNAPSHOT_SIZES as SIZES
from pytest_textual_snapshot import SVGImageExtension

from glute_tui.devtools.scenes import SCENES, play, scene_app
from glute_tui.ui.widgets.too_small import too_small

CHECKS = checks()
# Where a scene starts when not at 80x24 (its first size in CASES otherwise): a start at each
# size, on the screens that change most with it.
STARTS = {"work-set": "200x60", "rest": "120x40", "one-sided-set": "44x60", "home": "60x18",
          "summary": "120x40", "history": "120x40"}


def sizes_of(scene_name: str) -> list[str]:
    """The scene's sizes, its start first."""
    sizes = [size for name, size in CASES if name == scene_name]
    start = STARTS.get(scene_name, sizes[0])
    return [start] + [size for size in sizes if size != start]


async def picture(pilot) -> str:
    """The screen once settled, as pytest-textual-snapshot takes it (its pauses and its wait for
    animations), with each text cursor held steady: a field's cursor blinks every half second,
    and on a busy machine a resize can take longer than that, and be drawn with it hidden."""
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    return pilot.app.export_screenshot(title=pilot.app.title, simplify=True)


@pytest.mark.parametrize("scene_name", list(dict.fromkeys(name for name, _ in CASES)))
async def test_screens_look_as_reviewed(snapshot, tmp_path: Path, scene_name: str):
    """The picture at each size, and (tests/drawn_checks.py) the checks of the same drawn
    scene: its tables whole, the README's picture of it current."""
    svg = snapshot.use_extension(SVGImageExtension)
    scene = SCENES[scene_name]
    app, clock = scene_app(scene, tmp_path / "home")
    sizes = sizes_of(scene_name)
    assert not too_small(*SIZES[sizes[0]]), f"{scene_name} would start at a size too small to start at"
    failures: list[str] = []
    async with app.run_test(size=SIZES[sizes[0]]) as pilot:
        await play(scene, pilot, clock)
        for number, size in enumerate(sizes):
            if number:
                await pilot.resize_terminal(*SIZES[size])
                await pilot.pause()
                await pilot.pause()
            drawn = await picture(pilot)
            if not svg(name=size) == drawn:  # syrupy records it; the file is kept to look at
                (tmp_path / f"{scene_name}-{size}.svg").write_text(drawn, encoding="utf-8")
                failures.append(f"{size}: not as reviewed (drawn now: {tmp_path / f'{scene_name}-{size}.svg'})")
            failures.extend(f"{size}: {failure}"
                            for failure in run_checks(CHECKS.get((scene_name, SIZES[size]), []), app))
    assert not failures, "\n".join(failures)


def test_every_drawn_check_has_its_snapshot_case():
    """Each check of tests/drawn_checks.py runs in this test's run of its scene: none is left
    out because its (scene, size) is not drawn here."""
    drawn = {(name, SIZES[size]) for name, size in CASES}
    missing = [case for case in CHECKS if case not in drawn]
    assert not missing, missing


def test_every_start_is_a_size_of_its_scene_and_each_size_is_a_start_somewhere():
    starts = {sizes_of(name)[0] for name in SCENES}
    assert all(STARTS[name] in [size for n, size in CASES if n == name] for name in STARTS)
    assert starts == {size for size in SIZES if not too_small(*SIZES[size])}, starts
