"""Home's commands in the palette (Ctrl+P): start any routine by name, and the other screens."""

from __future__ import annotations

from functools import partial
from typing import Any, Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content


class HomeCommands(Provider):
    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        home: Any = self.screen  # Home, which lists this provider in its COMMANDS
        commands: list[tuple[str, str, Callable[[], object]]] = [
            (f"Start: {routine.name}", "Start this routine now", partial(home.start_routine, routine))
            for routine in home.ctx.library.routines
        ]
        commands += [
            ("History", "Streaks, calendar and sessions", home.action_history),
            ("Plan", "Each move's next step and what earns it, this week, holds", home.action_plan),
            ("Edit routine", "Sets, reps, rests and loads of the selected routine", home.action_edit),
            ("Preferences", "Default routine, counting, weekly goal, sound, theme", home.action_preferences),
        ]
        return commands

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(Content(name), callback, text=name, help=help_text)  # names are plain text

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, Content(name), callback, text=name, help=help_text)
