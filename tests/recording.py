"""What Textual is asked to draw: each line a widget renders, each refresh it asks for. The
ticking tests check with these that a second repaints only what changed."""

from __future__ import annotations


def record_drawn_lines(*widgets) -> list:
    """[(widget, y)] for each line Textual asks each widget (and its children) to draw."""
    drawn = []
    for top in widgets:
        for widget in (top, *top.walk_children()):
            def draw(y, widget=widget, original=widget.render_line):
                drawn.append((widget, y))
                return original(y)
            widget.render_line = draw
    return drawn


def record_refreshes(widget) -> list:
    """The regions of every `refresh` of `widget` ([] for a refresh of all of it)."""
    asked: list = []

    def refresh(*regions, original=widget.refresh, **options):
        asked.append(list(regions))
        return original(*regions, **options)
    widget.refresh = refresh
    return asked


def rows_of(regions) -> set[int]:
    """The rows a refresh's regions cover."""
    return {y for region in regions for y in range(region.y, region.bottom)}
