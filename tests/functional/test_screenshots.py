"""The README's pictures are the app as it is now: each has a generator (`make screenshots`), and
a committed SVG that the code no longer draws byte for byte fails the snapshot test's run of its
scene (tests/drawn_checks.py; issue 24, finding 10)."""

from __future__ import annotations

import re
from pathlib import Path

from drawn_checks import CASES, SNAPSHOT_SIZES, checks, screenshots_generator

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "screenshots"


def readme_pictures() -> list[str]:
    """Every picture README.md shows from screenshots/ (Markdown images and <img> tags)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.findall(r"!\[[^\]]*\]\((screenshots/[^)\s]+)\)", text)
    found += re.findall(r"<img[^>]*src=\"(screenshots/[^\"]+)\"", text)
    return sorted(set(found))


def test_every_picture_the_readme_shows_is_made_by_make_screenshots():
    gen = screenshots_generator()
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
    drawn = {f"{file}.svg" for _, _, file in screenshots_generator().svg_shots()}
    assert {path.name for path in SHOTS.glob("*.svg")} == drawn


def test_every_svg_is_checked_against_the_app_in_the_snapshot_run_of_its_scene():
    """The SVGs are drawn again in the snapshot test's run of the same scene at the same size
    (tests/drawn_checks.py), which fails when a committed one is not byte for byte what the app
    draws now: one drawing of each scene serves both."""
    drawn = {(name, SNAPSHOT_SIZES[size]) for name, size in CASES}
    found = checks()
    for scene, size, file in screenshots_generator().svg_shots():
        assert (scene, size) in drawn, f"{file}.svg: {scene} at {size} is not a snapshot case"
        assert f"picture {file}.svg" in [check.what for check in found[(scene, size)]], f"{file}.svg is not compared"


def test_a_stale_picture_fails_its_check(tmp_path: Path, monkeypatch):
    """The check compares bytes: a picture that differs from what the app draws is reported,
    one that matches is not."""
    import drawn_checks

    class Drawn:
        def export_screenshot(self) -> str:
            return "<svg>the app now</svg>"
    monkeypatch.setattr(drawn_checks, "SHOTS", tmp_path)
    (tmp_path / "home.svg").write_text("<svg>the app before</svg>", encoding="utf-8")
    check = drawn_checks.picture_is_current("home")
    failures = drawn_checks.run_checks([check], Drawn())
    assert len(failures) == 1 and "screenshots/home.svg is stale" in failures[0]
    (tmp_path / "home.svg").write_text("<svg>the app now</svg>", encoding="utf-8")
    assert drawn_checks.run_checks([check], Drawn()) == []
