"""`glute-tui serve`: the app in a web browser (a phone beside the mat), one process a tab.

The server (ui/web/server.py) uses textual-serve's page scripts (the optional extra
`glute-tui[web]`). Our page (ui/web/templates) adds what its default page lacks for this app:
a viewport tag and a font size that gives a phone at least 44 columns, the websocket on the
host the page was loaded from, and cues heard in the page (the app writes them as its own
escape sequence; see ui/terminal_cues.web_cue).

Who may connect (ui/web/access.py): whoever has the printed address with its token (new at
each start, or --token), from this server's own page, at an address it is served at. It
binds to 127.0.0.1 unless asked; with --host 0.0.0.0 (or a LAN address) it prints the
address as a QR code for a phone's camera, and says what that exposes.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import sys
from pathlib import Path
from typing import Any

from glute_tui.cli.output import fail, say
from glute_tui.store.paths import AppPaths

WEB_DIR = Path(__file__).resolve().parent.parent / "ui" / "web"
PHONE_COLUMNS = 46  # the page picks a font size that gives at least this many columns
DEFAULT_MAX_TABS = 4


def add_parser(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    serve = commands.add_parser(
        "serve", help="serve the app to a web browser (needs glute-tui[web])", parents=parents,
        description="Serve the app in a web browser: each tab runs its own app on the same data "
                    "folder. Binds to 127.0.0.1 unless --host says otherwise. Only the printed "
                    "address, with its token, opens it.")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1; 0.0.0.0 for a phone on this network)")
    serve.add_argument("--port", type=port_number, default=8000, help="port (default 8000; 0: any free one)")
    serve.add_argument("--token", type=token_text, default=None, metavar="TEXT",
                       help="the token the address needs (default: a new random one at each start)")
    serve.add_argument("--max-tabs", type=max_tabs, default=DEFAULT_MAX_TABS, metavar="N",
                       help=f"at most N tabs (app processes) at once (default {DEFAULT_MAX_TABS})")


def port_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"must be a port number from 0 to 65535 (got {text!r})")
    return value


def token_text(text: str) -> str:
    from glute_tui.ui.web.access import token_problem

    problem = token_problem(text)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return text


def max_tabs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 64:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to 64 (got {text!r})")
    return value


def app_command(args: argparse.Namespace) -> list[str]:
    """The command each tab runs: this Python, this data folder, the same options."""
    words = [sys.executable, "-m", "glute_tui"]
    if getattr(args, "data_dir", None):  # else the same folders as this process ($GLUTE_TUI_HOME too)
        words += ["--data-dir", str(Path(args.data_dir).expanduser().resolve())]
    if getattr(args, "routine", None):
        words += ["--routine", args.routine]
    if getattr(args, "self_paced", False):
        words.append("--self-paced")
    return words


def app_environment() -> dict[str, str]:
    """This environment, and Textual's web driver (TEXTUAL_DRIVER) with the terminal xterm.js
    is: a Unicode terminal whatever this machine's locale says, in true colour."""
    from importlib.metadata import PackageNotFoundError, version  # only when serving: every command builds this parser

    try:
        serve_version = version("textual-serve")
    except PackageNotFoundError:
        serve_version = ""
    return {**os.environ, "LC_ALL": "C.UTF-8", "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
            "TEXTUAL_FPS": "60", "TEXTUAL_COLOR_SYSTEM": "truecolor", "TERM_PROGRAM": "textual",
            "TERM_PROGRAM_VERSION": serve_version}


def tone_patterns() -> str:
    from glute_tui.core.tones import PATTERNS

    return json.dumps({kind: {"beeps": [[b.hz, b.seconds] for b in p.beeps], "gap": p.gap_s}
                       for kind, p in PATTERNS.items()})


def own_addresses() -> list[str]:
    """This machine's addresses a phone may use: the one of the default route (found without
    sending anything), and those its name resolves to, and the name itself."""
    found: list[str] = []
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("192.0.2.1", 9))  # a documentation address: UDP connect sends nothing
        found.append(probe.getsockname()[0])
    name = socket.gethostname()
    with contextlib.suppress(OSError):
        found += [info[4][0] for info in socket.getaddrinfo(name, None, proto=socket.IPPROTO_TCP)]
    found += [name, f"{name}.local"] if name else []
    return list(dict.fromkeys(found))


def shown_host(host: str, addresses: list[str]) -> str:
    """The address to print: the LAN address for every interface, else the one given."""
    from glute_tui.ui.web.access import WILDCARDS

    if host in WILDCARDS:
        lan = [a for a in addresses if a[:1].isdigit() and not a.startswith("127.")]
        host = lan[0] if lan else "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def is_loopback(host: str) -> bool:
    return host in ("127.0.0.1", "localhost", "::1")


def print_qr(url: str) -> None:
    """The address as a QR code a phone's camera reads, in half-block characters (two rows of
    modules a line); plain ASCII blocks where the output cannot take them."""
    import segno

    code = segno.make(url, error="l")
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        "▀▄█".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        for row in code.matrix_iter(border=2):
            sys.stdout.write("".join("##" if dark else "  " for dark in row) + "\n")
    else:
        code.terminal(out=sys.stdout, compact=True, border=2)
    sys.stdout.flush()


def announce(args: argparse.Namespace, paths: AppPaths, addresses: list[str], token: str, port: int) -> None:
    url = f"http://{shown_host(args.host, addresses)}:{port}/?token={token}"
    say(f"glute-tui in a browser: {url}  (Ctrl+C stops it)")
    if is_loopback(args.host):
        say("Served on this machine only, to whoever has this address with its token.")
    else:
        print_qr(url)
        say(f"Exposed: the app and your workout history ({paths.data}) to anyone on this network "
            f"who has this address with its token (a new one at each start). At most "
            f"{args.max_tabs} tabs at once. Ctrl+C stops it.")
    sys.stdout.flush()


def run_serve(args: argparse.Namespace, paths: AppPaths) -> int:
    try:
        import aiohttp  # noqa: F401
        import jinja2  # noqa: F401
        import segno  # noqa: F401
        import textual_serve  # noqa: F401
    except ImportError:
        return fail("glute-tui serve needs the web extra: pip install \"glute-tui[web]\" "
                    "(it adds textual-serve and segno).")
    from glute_tui.ui.web import access
    from glute_tui.ui.web.server import ServeConfig, serve

    addresses = own_addresses() if args.host in access.WILDCARDS else []
    token = args.token or access.new_token()
    config = ServeConfig(
        argv=app_command(args), env=app_environment(), host=args.host, port=args.port, token=token,
        max_tabs=args.max_tabs, names=access.allowed_names(args.host, addresses),
        templates=WEB_DIR / "templates", statics=[WEB_DIR / "static"],
        page={"columns": PHONE_COLUMNS, "tone_patterns": tone_patterns()})
    import asyncio  # only when serving: every command builds this module's parser

    try:
        asyncio.run(serve(config, lambda port: announce(args, paths, addresses, token, port)))
    except OSError as exc:
        return fail(f"cannot serve on {args.host} port {args.port}: {exc.strerror or exc}")
    except KeyboardInterrupt:
        pass
    return 0
