"""Textual's ProgressBar, without its once-a-second wake-up.

ProgressBar sets a one-second interval at mount to keep its ETA current, and repaints on it
even when no ETA is shown. The workout's bar only changes when the workout moves on, and the
screen sets it then: the interval was a second repaint every second, for nothing.

Its bar rounds the fraction to the half cells of the width it has when the fraction is set:
after the terminal is resized, the same fraction is set again, to be rounded for the new width
(else the bar kept the old width's rounding, half a cell off what a fresh start draws).
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

    def on_resize(self, event: events.Resize) -> None:
        # The bar is ProgressBar's own child, found by its type as Textual's docs style it
        # (`Bar > .bar--bar`); its `percentage` is bound to ours, and only changes pass along.
        for bar in self.query("Bar"):
            setattr(bar, "percentage", self.percentage)
