"""Regenerate every picture the README shows, from the real app (`make screenshots`).

The SVGs: the scenes of the snapshot tests (glute_tui/devtools/scenes.py) at 80x24, and a few
at other sizes (the large display at 120x40, the portrait layout of a phone at 44x60), on the
scenes' fixed data and clock, so the same code draws the same bytes:
the snapshot test (`tests/functional/test_snapshots.py`, through `tests/drawn_checks.py`) draws
each again and fails when a committed one is stale.

The PNGs: the served page in a headless browser at a phone's size, saved by the browser tests
with GLUTE_TUI_SAVE_SCREENSHOTS=1 (BROWSER_SHOTS names the test of each). They are run here
too, unless `--svg-only`; they need Debian's chromium and Playwright (the test extra). A
browser's pixels (fonts, the moment of the shot) are not byte for byte the same from one run
to the next, so the stale test checks that each has its test, not its pixels.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZE = (80, 24)
OTHER_SIZES = [("rest", (120, 40), "large-rest-120x40"), ("one-sided-set", (120, 40), "large-one-sided-120x40"),
               ("work-set", (44, 60), "portrait-work-set"), ("rest", (44, 60), "portrait-rest"),
               ("pain-check", (44, 60), "portrait-pain-check"), ("plan", (44, 60), "portrait-plan")]
BROWSER_SHOTS = {
    "browser-phone.png":
        "tests/functional/test_browser.py::test_the_page_shows_the_workout_and_plays_every_cue_at_desk_and_phone_size",
    "browser-phone-touch.png":
        "tests/functional/test_touch_browser.py::test_a_routine_from_start_to_saved_by_taps_alone[upright]",
    "browser-phone-side.png":
        "tests/functional/test_touch_browser.py::test_a_routine_from_start_to_saved_by_taps_alone[on-its-side]",
}


def svg_shots() -> list[tuple[str, tuple[int, int], str]]:
    """(scene, size, file name without .svg) of every SVG."""
    from glute_tui.devtools.scenes import SCENES

    return [(name, SIZE, name) for name in SCENES] + list(OTHER_SIZES)


async def draw(scene_name: str, size: tuple[int, int], dest: Path) -> None:
    """One scene at one size, drawn as the snapshot tests draw it (settled: nothing left to run)."""
    from glute_tui.devtools.scenes import SCENES, play, scene_app

    scene = SCENES[scene_name]
    with tempfile.TemporaryDirectory(prefix="glute-shots-") as home:
        app, clock = scene_app(scene, Path(home))
        async with app.run_test(size=size) as pilot:
            await play(scene, pilot, clock)
            app.save_screenshot(filename=dest.name, path=str(dest.parent))


async def draw_all(folder: Path) -> list[Path]:
    """Every SVG, into `folder`."""
    written = []
    for scene_name, size, file in svg_shots():
        dest = folder / f"{file}.svg"
        await draw(scene_name, size, dest)
        written.append(dest)
    return written


def take_browser_shots() -> int:
    """The PNGs, by their browser tests; the tests' exit code (5: none ran)."""
    env = dict(os.environ, GLUTE_TUI_SAVE_SCREENSHOTS="1")
    command = [sys.executable, "-m", "pytest", "-q", *sorted(set(BROWSER_SHOTS.values()))]
    return subprocess.run(command, cwd=HERE.parent, env=env, check=False).returncode


def main(argv: list[str]) -> int:
    for path in asyncio.run(draw_all(HERE)):
        print(f"screenshots/{path.name}")
    if "--svg-only" in argv:
        return 0
    code = take_browser_shots()
    if code:
        print("The browser screenshots were not all taken (is chromium installed? see the tests' output);"
              " the PNGs were left as they were.", file=sys.stderr)
        return code
    for name in BROWSER_SHOTS:
        print(f"screenshots/{name}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    sys.exit(main(sys.argv[1:]))
