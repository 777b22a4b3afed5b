"""The number that matters (reps, or seconds left), as large as its space allows.

A countdown under a minute ("0:45") is drawn as "45" where that lets the font be taller (a
narrow, tall screen: a phone); the caption says it is seconds.
"""

from __future__ import annotations

import re

from glute_tui.core import bigfont
from glute_tui.ui.widgets.big_text import BigText

_UNDER_A_MINUTE = re.compile(r"0:(\d\d)")


class BigNumber(BigText):
    def _drawn(self) -> str:
        short = _UNDER_A_MINUTE.fullmatch(self._text)
        if short is None:
            return self._text
        width, height = self.content_region.size
        full = bigfont.best_fit("0:00", height, width, largest=self.largest).rows
        seconds = bigfont.best_fit("00", height, width, largest=self.largest).rows
        return short.group(1) if seconds > full else self._text
