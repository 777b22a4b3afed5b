"""Textual's Footer, rebuilt only when the keys it would show change."""

from __future__ import annotations

from typing import Hashable

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's Footer removes and mounts every key again whenever the screen's bindings might
    have changed: each focus change (every Tab in a form), each screen pushed or popped. Mostly
    the keys are the same ones. Measured over five Pilot test files, those rebuilds were a tenth
    of the CPU (1,487 rebuilds, each a dozen widgets mounted and styled). This one compares what
    it would show, and rebuilds only when that differs."""

    _shown: Hashable = None

    def bindings_changed(self, screen: Screen) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = self._keys_shown(screen)
            if shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)

    def _keys_shown(self, screen: Screen) -> Hashable:
        """Everything of the bindings that Footer.compose reads: key, its display, description,
        action, group, whether it is enabled, its tooltip. A key's display only where Footer
        shows it (each asked for the first time costs a search of the Unicode name table)."""
        app = screen.app
        return tuple((binding, app.get_key_display(binding) if binding.show or key == app.COMMAND_PALETTE_BINDING
                      else None, enabled, tooltip)
                     for key, (_, binding, enabled, tooltip) in screen.active_bindings.items())
