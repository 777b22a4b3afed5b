"""A `preferences.json` that is a link (a dotfiles manager's) is written through its link:
the link stays, the target changes, atomically in the target's folder (issue 22, item 6)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from glute_tui.services.settings import Settings
from glute_tui.store.preferences import load_preferences, update_preferences


def linked(paths, tmp_path: Path, *, hops: int = 1) -> Path:
    dotfiles = tmp_path / "dotfiles" / "glute"
    dotfiles.mkdir(parents=True)
    target = dotfiles / "preferences.json"
    target.write_text(json.dumps({"weekly_goal": 2}))
    paths.config.mkdir(parents=True, exist_ok=True)
    link = target
    for hop in range(hops - 1):  # a chain: link -> link -> file
        step = tmp_path / f"hop-{hop}.json"
        step.symlink_to(link)
        link = step
    paths.preferences_file.symlink_to(link)
    return target


def test_a_change_is_written_through_the_link_and_the_link_stays(paths, tmp_path):
    target = linked(paths, tmp_path)
    update_preferences(paths.preferences_file, {"sound": False})
    assert paths.preferences_file.is_symlink()
    assert json.loads(target.read_text())["sound"] is False and json.loads(target.read_text())["weekly_goal"] == 2
    assert load_preferences(paths.preferences_file)[0].sound is False
    assert [p.name for p in target.parent.iterdir()] == ["preferences.json"]  # no temporary file left
    assert sorted(p.name for p in paths.config.iterdir()) == ["preferences.json", "preferences.json.lock"]


def test_a_chain_of_links_is_followed_to_the_file(paths, tmp_path):
    target = linked(paths, tmp_path, hops=3)
    update_preferences(paths.preferences_file, {"weekly_goal": 4})
    assert json.loads(target.read_text())["weekly_goal"] == 4
    assert paths.preferences_file.is_symlink() and (tmp_path / "hop-0.json").is_symlink()


def test_the_settings_service_keeps_the_link(paths, tmp_path):
    target = linked(paths, tmp_path)
    settings = Settings(paths.preferences_file)
    assert settings.update(sound=False) == ""
    assert paths.preferences_file.is_symlink() and json.loads(target.read_text())["sound"] is False


def test_the_target_keeps_its_mode(paths, tmp_path):
    target = linked(paths, tmp_path)
    os.chmod(target, 0o644)
    update_preferences(paths.preferences_file, {"sound": False})
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)


def test_a_plain_file_is_still_replaced_in_place(paths):
    update_preferences(paths.preferences_file, {"sound": False})
    assert not paths.preferences_file.is_symlink()
    assert json.loads(paths.preferences_file.read_text())["sound"] is False
