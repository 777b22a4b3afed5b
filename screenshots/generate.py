"""Regenerate the SVG screenshots in this folder from the real app (`make screenshots`).

The scenes are those of the snapshot tests (glute_tui/devtools/scenes.py), at 80x24, and a
few at other sizes: the large display at 120x40 and the portrait layout of a phone (44x60).
The browser page at a phone's size (browser-phone.png) comes from the browser test, with
GLUTE_TUI_SAVE_SCREENSHOTS=1 (tests/functional/test_browser.py).
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZE = (80, 24)
OTHER_SIZES = [("rest", (120, 40), "large-rest-120x40"), ("one-sided-set", (120, 40), "large-one-sided-120x40"),
               ("work-set", (44, 60), "portrait-work-set"), ("rest", (44, 60), "portrait-rest"),
               ("pain-check", (44, 60), "portrait-pain-check"), ("plan", (44, 60), "portrait-plan")]


async def main() -> None:
    from glute_tui.devtools.scenes import SCENES, scene_app

    shots = [(scene, SIZE, scene.name) for scene in SCENES.values()]
    shots += [(SCENES[name], size, file) for name, size, file in OTHER_SIZES]
    for scene, size, file in shots:
        with tempfile.TemporaryDirectory(prefix="glute-shots-") as home:
            app, clock = scene_app(scene, Path(home))
            async with app.run_test(size=size) as pilot:
                await scene.run(pilot, clock)
                app.save_screenshot(filename=f"{file}.svg", path=str(HERE))
                print(f"screenshots/{file}.svg")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    asyncio.run(main())
