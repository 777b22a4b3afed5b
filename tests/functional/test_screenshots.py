"""The README's pictures are the app as it is now: each has a generator (`make screenshots`), and
a committed SVG that the code no longer draws byte for byte fails here (issue 24, finding 10)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "screenshots"


def generator():
    spec = importlib.util.spec_from_file_location("screenshots_generate", SHOTS / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def readme_pictures() -> list[str]:
    """Every picture README.md shows from screenshots/ (Markdown images and <img> tags)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.findall(r"!\[[^\]]*\]\((screenshots/[^)\s]+)\)", text)
    found += re.findall(r"<img[^>]*src=\"(screenshots/[^\"]+)\"", text)
    return sorted(set(found))


def test_every_picture_the_readme_shows_is_made_by_make_screenshots():
    gen = generator()
    drawn = {f"screenshots/{file}.svg" for _, _, file in gen.svg_shots()}
    pictures = readme_pictures()
    assert len(pictures) >= 20 and any(p.endswith(".png") for p in pictures)
    for picture in pictures:
        assert (ROOT / picture).is_file(), f"{picture} is shown by the README but missing"
        name = Path(picture).name
        if picture.endswith(".svg"):
            assert picture in drawn, f"{picture}: no scene of screenshots/generate.py draws it"
        else:
            assert name in gen.BROWSER_SHOTS, f"{picture}: no browser test of screenshots/generate.py takes it"
            test_file = ROOT / gen.BROWSER_SHOTS[name].split("::")[0]
            source = test_file.read_text(encoding="utf-8")
            assert "GLUTE_TUI_SAVE_SCREENSHOTS" in source and name in source, test_file


def test_no_svg_in_screenshots_is_left_over_from_a_scene_that_is_gone():
    drawn = {f"{file}.svg" for _, _, file in generator().svg_shots()}
    assert {path.name for path in SHOTS.glob("*.svg")} == drawn


@pytest.mark.slow
async def test_the_committed_screenshots_are_what_the_app_draws_now(tmp_path: Path):
    """Drawn again on the scenes' fixed data and clock (no tone player, no speech program: the
    same on every machine); two runs draw the same bytes, so nothing is tolerated."""
    written = await generator().draw_all(tmp_path)
    stale = [path.name for path in written
             if path.read_bytes() != (SHOTS / path.name).read_bytes()]
    assert not stale, f"stale screenshots (run `make screenshots` and look at them): {', '.join(stale)}"
