"""`glute-tui serve`: the app in a web browser (a phone beside the mat), one process a tab.

Built on textual-serve (the optional extra `glute-tui[web]`). Our own page (ui/web/templates)
adds what its default page lacks for this app: a viewport tag and a font size that gives a
phone at least 44 columns, the websocket on the host the page was loaded from, and cues heard
in the page (the app writes them as its own escape sequence; see ui/terminal_cues.web_cue).
It binds to 127.0.0.1 unless asked: anyone who can reach the port can start workouts and
read the history in the data folder.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from pathlib import Path
from typing import Any

from glute_tui.cli.output import fail, say
from glute_tui.store.paths import AppPaths

WEB_DIR = Path(__file__).resolve().parent.parent / "ui" / "web"
PHONE_COLUMNS = 46  # the page picks a font size that gives at least this many columns


def add_parser(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    serve = commands.add_parser(
        "serve", help="serve the app to a web browser (needs glute-tui[web])", parents=parents,
        description="Serve the app in a web browser: each tab runs its own app on the same data "
                    "folder. Binds to 127.0.0.1 unless --host says otherwise.")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1; 0.0.0.0 for a phone on this network)")
    serve.add_argument("--port", type=port_number, default=8000, help="port (default 8000)")


def port_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"must be a port number from 0 to 65535 (got {text!r})")
    return value


def app_command(args: argparse.Namespace) -> str:
    """The command each tab runs: this Python, this data folder, the same options."""
    words = [sys.executable, "-m", "glute_tui"]
    if getattr(args, "data_dir", None):  # else the same folders as this process ($GLUTE_TUI_HOME too)
        words += ["--data-dir", str(Path(args.data_dir).expanduser().resolve())]
    if getattr(args, "routine", None):
        words += ["--routine", args.routine]
    if getattr(args, "self_paced", False):
        words.append("--self-paced")
    # xterm.js is a Unicode terminal whatever this machine's locale says.
    return "LC_ALL=C.UTF-8 " + shlex.join(words)


def tone_patterns() -> str:
    from glute_tui.core.tones import PATTERNS

    return json.dumps({kind: {"beeps": [[b.hz, b.seconds] for b in p.beeps], "gap": p.gap_s}
                       for kind, p in PATTERNS.items()})


def run_serve(args: argparse.Namespace, paths: AppPaths) -> int:
    try:
        import aiohttp_jinja2
        from aiohttp import web
        from textual_serve.server import Server
    except ImportError:
        return fail("glute-tui serve needs the web extra: pip install \"glute-tui[web]\" "
                    "(it adds textual-serve).")

    class GluteServer(Server):
        """textual-serve with our page."""

        async def handle_index(self, request: web.Request) -> web.Response:
            context = {
                "application": {"name": self.title},
                "static_url": "/static/",
                "websocket_path": str(request.app.router["websocket"].url_for()),
                "columns": PHONE_COLUMNS,
                "tone_patterns": tone_patterns(),
            }
            return aiohttp_jinja2.render_template("app_index.html", request, context)

    server = GluteServer(app_command(args), host=args.host, port=args.port, title="glute-tui",
                         templates_path=WEB_DIR / "templates")
    shown = "localhost" if args.host in ("127.0.0.1", "localhost") else args.host
    say(f"glute-tui in a browser: http://{shown}:{args.port}/  (Ctrl+C stops it)")
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        say("Anyone who can reach this address can start workouts and read your history.")
    server.serve()
    return 0

