"""Textual's ProgressBar, without its once-a-second wake-up.

ProgressBar sets a one-second interval at mount to keep its ETA current, and repaints on it
even when no ETA is shown. The workout's bar only changes when the workout moves on, and the
screen sets it then: the interval was a second repaint every second, for nothing.
"""

from __future__ import annotations

from textual import events
from textual.widgets import ProgressBar


class QuietProgressBar(ProgressBar):
    def on_mount(self, event: events.Mount) -> None:
        if self.show_eta:
            return  # the ETA needs its clock: ProgressBar's own handler runs
        event.prevent_default()
        self.update()
