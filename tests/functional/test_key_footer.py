"""The footer (ui/widgets/key_footer.py): one widget that shows the screen's keys as Textual's
Footer does, is drawn again only when they change, and presses a key that is clicked."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Button

from glute_tui.ui.widgets.key_footer import KeyFooter


class TwoButtons(App[None]):
    BINDINGS = [Binding("s", "start", "Start", tooltip="Start it now"), Binding("x", "extra", "Extra")]
    show_extra = False
    extra_disabled = False

    def __init__(self) -> None:
        super().__init__()
        self.started = 0
        self.rang = 0

    def compose(self) -> ComposeResult:
        yield Button("one", id="one")
        yield Button("two", id="two")
        yield KeyFooter(show_command_palette=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "extra":
            return None if self.extra_disabled else self.show_extra  # None: shown, dimmed
        return True

    def action_start(self) -> None:
        self.started += 1

    def action_extra(self) -> None:
        pass

    def bell(self) -> None:
        self.rang += 1


def descriptions(app: App) -> list[str]:
    return [key.description for key in app.screen.query_one(KeyFooter).keys]


def footer_line(app: App) -> str:
    return app.screen.query_one(KeyFooter).render().plain


async def test_moving_the_focus_between_widgets_of_the_same_keys_does_not_draw_the_footer_again():
    app = TwoButtons()
    async with app.run_test() as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        drawn = []
        original = footer.render

        def render():
            drawn.append(1)
            return original()
        footer.render = render  # type: ignore[method-assign]
        assert descriptions(app) == ["Start"]
        await pilot.press("tab", "tab", "tab")
        await pilot.pause()
        assert drawn == []
        app.show_extra = True  # and a change of the keys is drawn
        app.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert drawn


async def test_a_key_that_becomes_available_shows_in_the_footer():
    app = TwoButtons()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert descriptions(app) == ["Start"]
        assert footer_line(app).startswith(" s Start ")  # as Textual's Footer draws a key
        app.show_extra = True
        app.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert descriptions(app) == ["Start", "Extra"]
        assert footer_line(app).startswith(" s Start  x Extra ")
        app.show_extra = False
        app.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert descriptions(app) == ["Start"]


async def test_a_clicked_key_is_pressed_and_a_disabled_one_rings_the_bell():
    app = TwoButtons()
    async with app.run_test() as pilot:
        await pilot.pause()
        app.show_extra = app.extra_disabled = True
        app.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert descriptions(app) == ["Start", "Extra"]
        assert await pilot.click(KeyFooter, offset=(3, 0))  # on "Start"
        await pilot.pause()
        assert app.started == 1 and app.rang == 0
        assert await pilot.click(KeyFooter, offset=(12, 0))  # on "Extra", dimmed
        await pilot.pause()
        assert app.started == 1 and app.rang == 1
        assert await pilot.click(KeyFooter, offset=(40, 0))  # on no key
        await pilot.pause()
        assert app.started == 1 and app.rang == 1


async def test_the_key_under_the_pointer_is_lit_and_shows_its_tooltip():
    app = TwoButtons()
    async with app.run_test() as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        plain = footer.render()
        await pilot.hover(KeyFooter, offset=(2, 0))
        await pilot.pause()
        assert footer.hovered is not None and footer.hovered.description == "Start"
        assert footer.tooltip == "Start it now"
        lit = footer.render()
        assert lit.plain == plain.plain
        assert lit.get_style_at_offset(app.console, 2).bgcolor != plain.get_style_at_offset(app.console, 2).bgcolor
        await pilot.hover(KeyFooter, offset=(40, 0))
        await pilot.pause()
        assert footer.hovered is None and footer.tooltip is None


async def test_a_compact_footer_draws_keys_close_and_the_palette_key_at_the_right():
    class Compact(App[None]):
        BINDINGS = [Binding("s", "start", "Start")]

        def compose(self) -> ComposeResult:
            yield KeyFooter(compact=True)

    app = Compact()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        line = footer_line(app)
        assert line.startswith("s Start ") and len(line) == 40
        assert line.rstrip().endswith("▏^p palette")


async def test_where_the_keys_are_cut_the_palette_key_is_still_lit_and_pressed():
    class Narrow(App[None]):
        BINDINGS = [Binding(key, f"a{n}", f"Key{n}") for n, key in enumerate("abcdefgh")]

        def compose(self) -> ComposeResult:
            yield KeyFooter()

    app = Narrow()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        line = footer.render().plain
        assert line.endswith("▏^p palette ") and "Key7" not in line  # the last keys are cut
        edge = line.index("▏")
        await pilot.hover(KeyFooter, offset=(edge + 2, 0))
        await pilot.pause()
        assert footer.hovered is not None and footer.hovered.description == "palette"
        lit = footer.render()
        assert lit.get_style_at_offset(app.console, edge + 2).bgcolor != lit.get_style_at_offset(app.console, 1).bgcolor
        await pilot.click(KeyFooter, offset=(edge + 2, 0))
        await pilot.pause()
        assert type(app.screen).__name__ == "CommandPalette"
