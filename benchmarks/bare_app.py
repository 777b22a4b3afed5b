"""The baseline: a bare Textual app (Header, Footer, a Digits, a ProgressBar) that refreshes
its number every INTERVAL seconds. Usage: python -m benchmarks.bare_app [INTERVAL]"""

from __future__ import annotations

import sys
import time

from textual.app import App, ComposeResult
from textual.widgets import Digits, Footer, Header, ProgressBar


class BareApp(App[None]):
    TITLE = "bare baseline"

    def __init__(self, interval: float) -> None:
        super().__init__()
        self.interval = interval
        self.started = time.monotonic()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Digits("0:00", id="n")
        yield ProgressBar(total=100, show_eta=False, id="p")
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(self.interval, self.tick)

    def tick(self) -> None:
        elapsed = int(time.monotonic() - self.started)
        self.query_one(Digits).update(f"{elapsed // 60}:{elapsed % 60:02d}")
        self.query_one(ProgressBar).update(progress=elapsed % 100)


if __name__ == "__main__":
    BareApp(float(sys.argv[1]) if len(sys.argv) > 1 else 1.0).run()
