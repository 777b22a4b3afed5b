"""Regenerate the SVG screenshots in this folder from the real app (`make screenshots`).

The scenes are those of the snapshot tests (glute_tui/devtools/scenes.py), at 80x24.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZE = (80, 24)


async def main() -> None:
    from glute_tui.devtools.scenes import SCENES, scene_app

    for scene in SCENES.values():
        with tempfile.TemporaryDirectory(prefix="glute-shots-") as home:
            app, clock = scene_app(scene, Path(home))
            async with app.run_test(size=SIZE) as pilot:
                await scene.run(pilot, clock)
                app.save_screenshot(filename=f"{scene.name}.svg", path=str(HERE))
                print(f"screenshots/{scene.name}.svg")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    asyncio.run(main())
