"""The keys of the screen, drawn by one widget the way Textual's Footer draws them.

Textual's Footer mounts one widget for each key (a FooterKey): 19 of the workout screen's 46
widgets, 8 of Home's. Each of them is laid out, styled and visited on every frame and by every
Pilot pause. Measured over four Pilot test files, the keys were 14%
of their CPU (28.9 s with them, 24.8 s without). This footer is one widget: it keeps Footer's
styles, its choice of keys (one for each action, the command palette's docked at the right),
its looks (normal and compact), a key's tooltip and hover, a disabled key dimmed, and a click
or tap on a key presses it. It is drawn again only when the keys it shows change (a focus that
moves between widgets of the same keys changes nothing here). Textual's binding groups are not
used by this app; a grouped key is shown as a key of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer

PALETTE_EDGE = "▏"  # Footer's `border-left: vkey` before the palette's key


@dataclass(frozen=True)
class FooterItem:
    """A key as the footer shows it."""
    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str


class KeyFooter(Footer):
    COMPONENT_CLASSES = {"key-footer--key", "key-footer--description", "key-footer--hover",
                         "key-footer--edge"}
    DEFAULT_CSS = """
    KeyFooter {
        & > .key-footer--key { color: $footer-key-foreground; background: $footer-key-background; text-style: bold; }
        & > .key-footer--description { color: $footer-description-foreground; background: $footer-description-background; }
        & > .key-footer--hover { background: $block-hover-background; }
        & > .key-footer--edge { color: $foreground 20%; }
    }
    """

    hovered: reactive[FooterItem | None] = reactive(None)

    def __init__(self, *, show_command_palette: bool = True, compact: bool = False, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(show_command_palette=show_command_palette, compact=compact, id=id, classes=classes)
        self._keys: tuple[FooterItem, ...] = ()
        self._palette: FooterItem | None = None
        self._spans: list[tuple[int, int, FooterItem]] = []  # where each key shows: start, end

    @property
    def keys(self) -> list[FooterItem]:
        """The keys shown, left to right (the palette's last)."""
        return [*self._keys, *([self._palette] if self._palette else [])]

    def compose(self) -> ComposeResult:
        return iter(())  # drawn by render, not made of widgets

    def bindings_changed(self, screen: Screen) -> None:
        if not (screen.app.app_focus and self.is_attached and screen is self.screen):
            return
        shown = self._keys_shown(screen)
        if shown == (self._keys, self._palette):
            return
        self._keys, self._palette = shown
        self.hovered = None  # the key under the pointer may be another one now, or none
        self.refresh()

    def _keys_shown(self, screen: Screen) -> tuple[tuple[FooterItem, ...], FooterItem | None]:
        """The keys Footer.compose would show: the first key of each action, in order, and the
        command palette's key when asked for."""
        app = screen.app
        active = screen.active_bindings
        keys: dict[str, FooterItem] = {}
        for _, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in keys:
                keys[binding.action] = FooterItem(binding.key, app.get_key_display(binding), binding.description,
                                                  enabled, tooltip)
        palette = None
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _, binding, enabled, _tooltip = active[app.COMMAND_PALETTE_BINDING]
            palette = FooterItem(binding.key, app.get_key_display(binding), binding.description, enabled,
                                 binding.tooltip or binding.description)
        return tuple(keys.values()), palette

    def watch_hovered(self, item: FooterItem | None) -> None:  # (a reactive: drawn again)
        self.tooltip = item.tooltip if item is not None and item.tooltip else None

    def _piece(self, item: FooterItem, *, compact: bool) -> Text:
        """One key as a FooterKey draws it."""
        key_style = self.get_component_rich_style("key-footer--key")
        description_style = self.get_component_rich_style("key-footer--description")
        if item == self.hovered:
            hover = Style(bgcolor=self.get_component_rich_style("key-footer--hover").bgcolor)
            key_style, description_style = key_style + hover, description_style + hover
        if not item.description:
            text = Text(item.display, key_style)
        elif compact:
            text = Text.assemble((item.display, key_style), (" " + item.description, description_style))
        else:
            text = Text.assemble((f" {item.display} ", key_style), (f"{item.description} ", description_style))
        if not item.enabled:
            text.stylize(Style(dim=True))
        return text

    def render(self) -> Text:
        width = self.size.width
        compact = self.compact
        line = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, FooterItem]] = []
        for item in self._keys:
            piece = self._piece(item, compact=compact)
            spans.append((line.cell_len, line.cell_len + piece.cell_len, item))
            line.append_text(piece)
            if compact:
                line.append(" ")  # its margin, in the footer's own colours
        right = Text(end="")
        if self._palette is not None:
            piece = self._piece(self._palette, compact=True)  # Footer never widens it
            right = Text.assemble((PALETTE_EDGE, self.get_component_rich_style("key-footer--edge")), piece,
                                  " " if not compact else "")
        room = max(0, width - right.cell_len)
        line.truncate(room, pad=True)
        # Where each key can be pointed at: a key cut at the palette's edge only up to it (or
        # not at all), and the palette's key from its edge to the end of the line.
        spans = [(start, min(end, room), item) for start, end, item in spans if start < room]
        if self._palette is not None:
            spans.append((room, width, self._palette))
        self._spans = spans
        line.append_text(right)
        line.truncate(width)
        return line

    def _item_at(self, x: int) -> FooterItem | None:
        return next((item for start, end, item in self._spans if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.hovered = self._item_at(event.x)

    def on_leave(self, event: events.Leave) -> None:
        self.hovered = None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        item = self._item_at(event.x)
        if item is None:
            return
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()
