"""The web server of `glute-tui serve`: a small aiohttp server, one app process per browser tab.

textual-serve (1.1) gives the page's JavaScript (xterm.js and the client side of Textual's
web-driver protocol) and its fonts; its `Server` cannot be made safe through public means
(its routes, its folder listing and its websocket are built in a private method, and its
apps are not ended when it dies), so this module serves them itself:
- every request needs an allowed Host and the token (ui/web/access.py), the websocket also
  the page's own Origin; all refusals are HTTP 403 before anything starts;
- every response carries the security headers (a CSP with a nonce for the page's scripts);
- /static/ serves a fixed list of files (textual-serve's, then ours), never a folder;
- at most `max_tabs` app processes at once; the next socket is told "too many tabs open";
- on SIGINT, SIGTERM or SIGHUP every tab's app is asked to quit (it saves a running workout
  as stopped) and the server is gone within 3 s; if the server itself is killed, each app
  sees its input end (ui/exit_guard.py) and saves and ends by itself.

The apps speak Textual's web-driver protocol (textual.drivers.web_driver) on their stdin and
stdout: a packet is a type byte (b"D" data, b"M" meta as JSON), a 4-byte big-endian length,
the payload; the app first writes the line `__GANGLION__`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import signal
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from aiohttp import WSMsgType, web

from glute_tui.ui.web import access

PRELUDE = b"__GANGLION__\n"
MAX_COLUMNS, MAX_ROWS = 800, 400
MAX_STDIN = 64 * 1024  # one message of keys or pasted text
FULL_CODE = 4008  # the websocket's close code when too many tabs are open (the page says so)
STOPPED_CODE = 4001  # ... when the server stops
TAB_QUIT_S = 5.0  # a closed tab's app: time to save and end before it is terminated
STOP_QUIT_S = 1.8  # on the server's stop: the same, so that all is over within 3 s
TERMINATE_S = 0.4
NONCE = "glute_tui_nonce"
STATIC_PREFIX = "/static/"


@dataclass
class ServeConfig:
    """What one server start serves, and to whom."""

    argv: list[str]  # the app each tab runs
    env: dict[str, str]  # its environment (this one's, plus what the web driver needs)
    host: str = "127.0.0.1"
    port: int = 8000  # 0: any free port (the one bound is put back here)
    token: str = field(default_factory=access.new_token)
    max_tabs: int = 4
    names: frozenset[str] = frozenset()  # the allowed Host names (access.allowed_names)
    templates: Path = Path(__file__).resolve().parent / "templates"
    statics: list[Path] = field(default_factory=list)  # ours; textual-serve's come first
    page: dict[str, Any] = field(default_factory=dict)  # more for the page's template
    title: str = "glute-tui"


def clamp(text: object, default: int, high: int) -> int:
    try:
        value = int(text)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return default
    return max(1, min(high, value))


class Tab:
    """One browser tab's app process."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.stderr_tail = b""
        self._stderr = asyncio.create_task(self._read_stderr())

    @classmethod
    async def start(cls, config: ServeConfig, width: int, height: int) -> Tab:
        env = {**config.env, "COLUMNS": str(width), "ROWS": str(height)}
        process = await asyncio.create_subprocess_exec(
            *config.argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=env,
            start_new_session=True)  # the server ends its tabs; a Ctrl+C reaches the server only
        return cls(process)

    @property
    def running(self) -> bool:
        return self.process.returncode is None

    async def _read_stderr(self) -> None:
        stream = self.process.stderr
        assert stream is not None
        while chunk := await stream.read(4096):
            self.stderr_tail = (self.stderr_tail + chunk)[-16384:]

    async def send(self, kind: bytes, payload: bytes) -> bool:
        stdin = self.process.stdin
        if stdin is None or stdin.is_closing() or not self.running:
            return False
        try:
            stdin.write(kind + len(payload).to_bytes(4, "big") + payload)
            await stdin.drain()
        except (OSError, RuntimeError):  # the app is gone
            return False
        return True

    async def send_meta(self, meta: Mapping[str, object]) -> bool:
        return await self.send(b"M", json.dumps(meta).encode())

    async def pump(self, websocket: web.WebSocketResponse) -> None:
        """The app's output to the page, until the app ends. Its output is read to the end
        even when the page is gone, so an app that writes while it saves never blocks."""
        stdout = self.process.stdout
        assert stdout is not None
        try:
            for _ in range(50):  # anything before the prelude (a warning) is not for the page
                line = await stdout.readline()
                if not line or line == PRELUDE:
                    break
            while head := await stdout.readexactly(5):
                payload = await stdout.readexactly(int.from_bytes(head[1:], "big"))
                if head[:1] == b"D":
                    await _send(websocket, payload)
                elif head[:1] == b"M" and _meta_type(payload) == "exit":
                    await websocket.close()
                elif head[:1] == b"M" and (awake := _keep_awake(payload)):
                    await _send_text(websocket, json.dumps(["open_url", {"url": awake}]))
                # b"P" (file deliveries) and other metas: glute-tui uses none in a browser
        except (asyncio.IncompleteReadError, ConnectionResetError, ValueError):
            pass
        finally:
            await websocket.close()

    async def end(self, wait_s: float) -> None:
        """Ask the app to quit (it saves a workout under way as stopped); terminate it if it
        has not ended in `wait_s`, kill it if that did not do either."""
        if self.running:
            await self.send_meta({"type": "quit"})
            for stop, wait in ((None, wait_s), (self.process.terminate, TERMINATE_S), (self.process.kill, 5.0)):
                if stop is not None and self.running:
                    with contextlib.suppress(ProcessLookupError):
                        stop()
                try:
                    await asyncio.wait_for(self.process.wait(), wait)
                    break
                except TimeoutError:
                    continue
        with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
            await asyncio.wait_for(self._stderr, 1.0)


async def _send(websocket: web.WebSocketResponse, payload: bytes) -> None:
    if websocket.closed:
        return
    with contextlib.suppress(ConnectionError, RuntimeError):
        await websocket.send_bytes(payload)


async def _send_text(websocket: web.WebSocketResponse, text: str) -> None:
    if websocket.closed:
        return
    with contextlib.suppress(ConnectionError, RuntimeError):
        await websocket.send_str(text)


KEEP_AWAKE = ("glute-tui:keep-awake?on", "glute-tui:keep-awake?off")


def _keep_awake(payload: bytes) -> str:
    """The page's keep-awake message (the app says a workout began or ended through Textual's
    App.open_url), or "": no other URL the app might open is passed to the page."""
    try:
        meta = json.loads(payload)
    except ValueError:
        return ""
    if isinstance(meta, dict) and meta.get("type") == "open_url" and meta.get("url") in KEEP_AWAKE:
        return str(meta["url"])
    return ""


def _meta_type(payload: bytes) -> str:
    try:
        meta = json.loads(payload)
    except ValueError:
        return ""
    return str(meta.get("type", "")) if isinstance(meta, dict) else ""


class TabServer:
    """The routes, the checks and the tabs of one server start."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.tabs: set[Tab] = set()
        self.taken = 0  # tab places in use: reserved before an app starts, freed when it has ended
        self.sockets: set[web.WebSocketResponse] = set()
        self.stopping = False
        self.templates = jinja2.Environment(loader=jinja2.FileSystemLoader(str(config.templates)),
                                            autoescape=True)
        self.files = static_files([resources.files("textual_serve") / "static", *config.statics])

    # --- the application -----------------------------------------------------------------

    def make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        app.router.add_get("/", self.page)
        app.router.add_get("/ws", self.websocket)
        app.router.add_get(STATIC_PREFIX + "{path:.+}", self.static)
        app.on_response_prepare.append(self.add_headers)
        return app

    @property
    def full(self) -> bool:
        return self.taken >= self.config.max_tabs

    def host_ok(self, request: web.Request) -> bool:
        hosts = request.headers.getall("Host", [])
        return len(hosts) == 1 and access.host_allowed(hosts[0], self.config.names, self.config.port)

    @web.middleware
    async def guard(self, request: web.Request, handler: Callable[[web.Request], Any]) -> web.StreamResponse:
        """An allowed Host, then the token, before any route."""
        if not self.host_ok(request):
            return self.message(403, "Not this address",
                                "This glute-tui server is not served at that name. Use the address "
                                "glute-tui serve printed.")
        cookie = request.cookies.get(access.cookie_name(self.config.port))
        given = access.token_given(request.query.getall(access.TOKEN_PARAM, []), cookie)
        if not access.token_matches(given, self.config.token):
            return self.message(403, "The token is missing",
                                "Open the address glute-tui serve printed, with its ?token=... "
                                "(it changes each time the server starts).")
        return await handler(request)

    async def add_headers(self, request: web.Request, response: web.StreamResponse) -> None:
        host = request.headers.get("Host", "") if self.host_ok(request) else ""
        response.headers["Content-Security-Policy"] = access.content_security_policy(request.get(NONCE, ""), host)
        response.headers.update(access.SECURITY_HEADERS)
        if not request.path.startswith(STATIC_PREFIX) or response.status != 200:
            response.headers["Cache-Control"] = "no-store"

    def message(self, status: int, title: str, text: str) -> web.Response:
        html = self.templates.get_template("message.html").render(title=title, text=text,
                                                                   name=self.config.title)
        return web.Response(status=status, text=html, content_type="text/html")

    # --- the routes --------------------------------------------------------------------------

    async def page(self, request: web.Request) -> web.StreamResponse:
        if self.full:
            return self.message(503, "Too many tabs open",
                                f"glute-tui runs at most {self.config.max_tabs} tabs at once. "
                                "Close another glute-tui tab, then reload this one.")
        nonce = request[NONCE] = secrets.token_urlsafe(18)
        context = {"application": {"name": self.config.title}, "static_url": STATIC_PREFIX,
                   "websocket_path": "/ws", "nonce": nonce, "full_code": FULL_CODE,
                   "max_tabs": self.config.max_tabs, **self.config.page}
        response = web.Response(text=self.templates.get_template("app_index.html").render(context),
                                content_type="text/html")
        # The page keeps the token for reloads; only this server's pages and socket get it.
        response.set_cookie(access.cookie_name(self.config.port), self.config.token, path="/",
                            httponly=True, samesite="Strict")
        return response

    async def static(self, request: web.Request) -> web.StreamResponse:
        path = self.files.get(request.match_info["path"])
        if path is None:
            return self.message(404, "Not found", "There is no such file here.")
        return web.FileResponse(path)

    async def websocket(self, request: web.Request) -> web.StreamResponse:
        origins = request.headers.getall("Origin", [])  # two (a proxy's and a page's) are not the page
        if len(origins) != 1 or not access.origin_allowed(origins[0], request.headers.get("Host")):
            return self.message(403, "Not from this page", "Only the page of this server may open its socket.")
        socket = web.WebSocketResponse(heartbeat=15, max_msg_size=1 << 20)
        if not socket.can_prepare(request).ok:
            return self.message(400, "A websocket only", "This address takes a websocket.")
        if self.stopping or self.full:
            await socket.prepare(request)
            code, why = (STOPPED_CODE, "the server is stopping") if self.stopping else (FULL_CODE, "too many tabs open")
            await socket.send_bytes(f"\r\n  glute-tui: {why}.\r\n".encode())
            await socket.close(code=code, message=why.encode())
            return socket
        self.taken += 1
        try:
            await socket.prepare(request)
            self.sockets.add(socket)
            width = clamp(request.query.get("width"), 80, MAX_COLUMNS)
            height = clamp(request.query.get("height"), 24, MAX_ROWS)
            tab = await Tab.start(self.config, width, height)
            self.tabs.add(tab)
            pump = asyncio.create_task(tab.pump(socket))
            try:
                await self.read_socket(socket, tab)
            finally:  # the page went away (or the app ended): the app saves and ends
                await asyncio.shield(self.end_tab(tab, pump, socket))
        finally:
            self.sockets.discard(socket)
            self.taken -= 1
        return socket

    async def end_tab(self, tab: Tab, pump: asyncio.Task[None], socket: web.WebSocketResponse) -> None:
        await tab.end(STOP_QUIT_S if self.stopping else TAB_QUIT_S)
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(pump, 1.0)
        await socket.close()
        self.tabs.discard(tab)
        code = tab.process.returncode
        if code not in (0, None) and b"Traceback" in tab.stderr_tail:
            sys.stderr.write(f"glute-tui serve: a tab's app ended with code {code}:\n")
            sys.stderr.write(tab.stderr_tail.decode("utf-8", "replace"))

    async def read_socket(self, socket: web.WebSocketResponse, tab: Tab) -> None:
        """The page's messages (textual.js): keys, sizes, focus, pings. Anything else, or
        anything malformed, is dropped."""
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope:
                continue
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str) and len(data) <= MAX_STDIN:
                await tab.send(b"D", data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                await tab.send_meta({"type": "resize", "width": clamp(data.get("width"), 80, MAX_COLUMNS),
                                     "height": clamp(data.get("height"), 24, MAX_ROWS)})
            elif kind in ("focus", "blur"):
                await tab.send_meta({"type": kind})
            elif kind == "ping" and isinstance(data, str) and len(data) <= 64:
                await _send_text(socket, json.dumps(["pong", data]))

    # --- stopping ------------------------------------------------------------------------------

    async def stop(self) -> None:
        """Every tab's app quits (saving), at once; the sockets close."""
        self.stopping = True
        await asyncio.gather(*(tab.end(STOP_QUIT_S) for tab in list(self.tabs)), return_exceptions=True)
        for socket in list(self.sockets):
            with contextlib.suppress(Exception):
                await socket.close(code=STOPPED_CODE, message=b"the server stopped")


async def _send_text(socket: web.WebSocketResponse, text: str) -> None:
    if not socket.closed:
        with contextlib.suppress(ConnectionError, RuntimeError):
            await socket.send_str(text)


def static_files(folders: list[Any]) -> dict[str, Path]:
    """The files /static/ serves, by their path under a folder; later folders win. Only
    regular files, found once at start: no folder listing, no path from the request."""
    files: dict[str, Path] = {}
    for folder in folders:
        root = Path(str(folder))
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            name = path.relative_to(root)
            if path.is_file() and not path.is_symlink() and not any(p.startswith(".") for p in name.parts):
                files[name.as_posix()] = path
    return files


async def serve(config: ServeConfig, ready: Callable[[int], None]) -> None:
    """Serve until SIGINT, SIGTERM or SIGHUP; `ready(port)` once listening."""
    server = TabServer(config)
    runner = web.AppRunner(server.make_app(), handle_signals=False, access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, config.host, config.port, shutdown_timeout=0.5)
        await site.start()
        config.port = runner.addresses[0][1]
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            loop.add_signal_handler(sig, stop.set)
        ready(config.port)
        await stop.wait()
        await server.stop()
    finally:
        await runner.cleanup()
