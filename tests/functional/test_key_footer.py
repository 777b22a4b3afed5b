"""The footer keeps its keys when the focus moves and nothing it shows changed, and shows a
change of the keys at once (ui/widgets/key_footer.py)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Button

from glute_tui.ui.widgets.key_footer import KeyFooter


class TwoButtons(App[None]):
    BINDINGS = [Binding("s", "start", "Start"), Binding("x", "extra", "Extra")]
    show_extra = False

    def compose(self) -> ComposeResult:
        yield Button("one", id="one")
        yield Button("two", id="two")
        yield KeyFooter(show_command_palette=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.show_extra if action == "extra" else True

    def action_extra(self) -> None:
        pass


def descriptions(app: App) -> list[str]:
    return [str(key.description) for key in app.screen.query("FooterKey")]


async def test_moving_the_focus_between_widgets_of_the_same_keys_keeps_the_footer_s_keys():
    app = TwoButtons()
    async with app.run_test() as pilot:
        await pilot.pause()
        before = list(app.screen.query("FooterKey"))
        assert descriptions(app) == ["Start"]
        await pilot.press("tab", "tab", "tab")
        await pilot.pause()
        assert list(app.screen.query("FooterKey")) == before  # the same widgets: nothing rebuilt


async def test_a_key_that_becomes_available_shows_in_the_footer():
    app = TwoButtons()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert descriptions(app) == ["Start"]
        app.show_extra = True
        app.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert descriptions(app) == ["Start", "Extra"]
        app.show_extra = False
        app.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert descriptions(app) == ["Start"]
