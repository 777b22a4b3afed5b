"""An attack on `glute-tui serve`, on loopback only: every way in we could think of, each sent
as raw bytes (so no client library tidies a header), with what should happen and what did.

    .venv/bin/python tests/functional/attack_serve.py      # starts its own server, prints the table

tests/functional/test_serve_attack.py runs it and fails on any row that got in. Only the
first row (the page itself, as a browser opens it) may start an app; `many sockets` opens
12 at once and counts the app processes.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import struct
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the serving helpers

from serving import Served, app_pids, start_server, wait_until  # noqa: E402


@dataclass
class Row:
    attack: str
    expected: str
    got: str
    ok: bool


def exchange(port: int, request: bytes, *, keep_s: float = 0.0, timeout_s: float = 5.0) -> bytes:
    """Sends `request` raw to 127.0.0.1:port and returns what came back (the head at least)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout_s) as conn:
        conn.sendall(request)
        data = b""
        end = time.monotonic() + timeout_s
        while time.monotonic() < end:
            try:
                chunk = conn.recv(65536)
            except TimeoutError:
                break
            if not chunk:
                break
            data += chunk
            if b"\r\n\r\n" in data and (data.startswith(b"HTTP/1.1 101") or b"Content-Length" not in data
                                        or _complete(data)):
                if keep_s:
                    conn.settimeout(keep_s)
                    try:
                        while more := conn.recv(65536):
                            data += more
                    except (TimeoutError, OSError):
                        pass
                break
        return data


def _complete(data: bytes) -> bool:
    head, _, body = data.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return len(body) >= int(line.split(b":", 1)[1])
    return True


def status(data: bytes) -> int:
    try:
        return int(data.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return 0


def request(path: str, headers: list[tuple[str, str]], *, method: str = "GET", version: str = "HTTP/1.1") -> bytes:
    lines = [f"{method} {path} {version}", *(f"{k}: {v}" for k, v in headers), "Connection: close", "", ""]
    return "\r\n".join(lines).encode("latin-1")


def upgrade(path: str, headers: list[tuple[str, str]]) -> bytes:
    key = base64.b64encode(os.urandom(16)).decode()
    return request(path, [*headers, ("Upgrade", "websocket"), ("Sec-WebSocket-Key", key),
                          ("Sec-WebSocket-Version", "13")]).replace(b"Connection: close", b"Connection: Upgrade")


def frame(text: str) -> bytes:
    """One masked text frame, as a browser sends it."""
    payload = text.encode()
    mask = os.urandom(4)
    size = len(payload)
    head = bytes([0x81]) + (bytes([0x80 | size]) if size < 126 else
                            bytes([0x80 | 126]) + struct.pack(">H", size) if size < 65536 else
                            bytes([0x80 | 127]) + struct.pack(">Q", size))
    return head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


def attacks(served: Served) -> list[Row]:
    port, token = served.port, served.token
    host = f"127.0.0.1:{port}"
    own = f"http://{host}"
    cookie = ("Cookie", f"glute_tui_token_{port}={token}")
    rows: list[Row] = []

    def expect(attack: str, data: bytes, allowed: tuple[int, ...], expected: str) -> None:
        got = status(data)
        rows.append(Row(attack, expected, str(got) if got else repr(data[:40]), got in allowed))

    ws = "/ws?width=80&height=24"
    # --- the control: the page's own socket, as chromium opens it ---
    expect("the page's own socket (control)", exchange(port, upgrade(ws, [("Host", host), ("Origin", own), cookie])),
           (101,), "101 (allowed)")
    wait_until(lambda: not app_pids(served.home), 10.0)

    # --- other origins ---
    for origin in (f"http://127.0.0.1:{port + 1}", "http://evil.example", "null", f"http://localhost:{port}",
                   f"https://{host}.evil.example", f"http://{host}/", f"http://user@{host}",
                   f"HTTP://{host}:80", "file://", "chrome-extension://abcdef", f"http://[::1]:{port}",
                   f"http://{host}, http://evil.example", f"http://{host}x", f"http://{host}.", f"http://127.0.0.1.:{port}"):
        expect(f"Origin: {origin!r} (with the cookie)",
               exchange(port, upgrade(ws, [("Host", host), ("Origin", origin), cookie])), (403, 400), "403")
    # HTTP trims the spaces and tabs around a value (RFC 9110, 5.5): this is the page's own origin.
    expect("Origin: the page's own, a tab after it", exchange(port, upgrade(ws, [("Host", host), ("Origin", own + "\t"), cookie])),
           (101,), "101 (allowed)")
    wait_until(lambda: not app_pids(served.home), 10.0)
    expect("no Origin (with the cookie)", exchange(port, upgrade(ws, [("Host", host), cookie])), (403,), "403")
    expect("two Origins, the first the page's",
           exchange(port, upgrade(ws, [("Host", host), ("Origin", own), ("Origin", "http://evil.example"), cookie])),
           (403, 400), "403")

    # --- Host tricks (DNS rebinding names, other ports, other spellings of loopback) ---
    for name in ("evil.example", "rebound.test", "127.0.0.1.nip.io", "localhost.", "127.1", "2130706433",
                 "0x7f.0.0.1", "0177.0.0.1", "[::ffff:127.0.0.1]", "[0:0:0:0:0:ffff:7f00:1]", "0.0.0.0",
                 "LOCALHOST.evil.example"):
        hostport = f"{name}:{port}"
        expect(f"Host: {hostport} (Origin to match, cookie)",
               exchange(port, upgrade(ws, [("Host", hostport), ("Origin", f"http://{hostport}"), cookie])),
               (403, 400), "403")
    for header in (f"127.0.0.1:{port + 1}", "127.0.0.1", f"127.0.0.1:{port}@evil.example",
                   f"evil.example#@127.0.0.1:{port}", f"127.0.0.1:{port}:{port}", f"127.0.0.1:0{port}x"):
        expect(f"Host: {header}", exchange(port, request(f"/?token={token}", [("Host", header)])), (403, 400), "403")
    expect("two Host headers", exchange(port, request(f"/?token={token}", [("Host", host), ("Host", "evil.example")])),
           (403, 400), "403/400")
    expect("no Host (HTTP/1.0)", exchange(port, request(f"/?token={token}", [], version="HTTP/1.0")), (403, 400), "403")
    expect("absolute URL to another host", exchange(port, request(f"http://evil.example/?token={token}",
                                                                  [("Host", "evil.example")])), (403, 400), "403")

    # --- the token in the wrong place, case, or part ---
    page = [("Host", host)]
    for attack, path, extra in (
        ("page, no token", "/", []),
        ("page, ?token= empty", "/?token=", []),
        ("page, token upper case", f"/?token={token.upper()}", []),
        ("page, token lower case", f"/?token={token.lower()}", []),
        ("page, token less its last character", f"/?token={token[:-1]}", []),
        ("page, token plus a character", f"/?token={token}x", []),
        ("page, ?TOKEN=", f"/?TOKEN={token}", []),
        ("page, token twice", f"/?token={token}&token={token}", []),
        ("page, token in the path", f"/{token}", []),
        ("page, token as a fragment (never sent)", f"/#token={token}", []),
        ("page, token percent-encoded twice", "/?token=" + "".join(f"%25{ord(c):02X}" for c in token), []),
        ("page, Authorization: token", "/", [("Authorization", f"token {token}")]),
        ("page, Authorization: Bearer", "/", [("Authorization", f"Bearer {token}")]),
        ("page, X-Token header", "/", [("X-Token", token)]),
        ("page, cookie of another port's server", "/", [("Cookie", f"glute_tui_token_{port + 1}={token}")]),
        ("page, this cookie with another token", "/", [("Cookie", f"glute_tui_token_{port}=x{token[1:]}")]),
        ("page, cookie name in upper case", "/", [("Cookie", f"GLUTE_TUI_TOKEN_{port}={token}")]),
        ("page, cookie named token", "/", [("Cookie", f"token={token}")]),
        ("static file, no token", "/static/js/textual.js", []),
    ):
        expect(attack, exchange(port, request(path, page + extra)), (403, 404), "403")
    for attack, path in (("socket, no token", ws), ("socket, token upper case", f"{ws}&token={token.upper()}"),
                         ("socket, token less a character", f"{ws}&token={token[:-1]}")):
        expect(attack, exchange(port, upgrade(path, [("Host", host), ("Origin", own)])), (403,), "403")

    # --- folders, files, methods ---
    for path in ("/static/", "/static/js/", "/static/css", "/static/../cli/serve.py", "/static/%2e%2e/%2e%2e/etc/passwd",
                 "/static/..%2f..%2f..%2fetc%2fpasswd", "/static//etc/passwd", "/static/js/textual.js%00.html",
                 "/static/js/../../server.py", "/templates/app_index.html", "/download/x", "/.git/config"):
        data = exchange(port, request(path, [("Host", host), cookie]))
        expect(f"GET {path}", data, (400, 403, 404), "404, no listing")
        if b"Index of" in data or b"root:" in data:
            rows[-1].ok = False
    for method in ("POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH"):
        expect(f"{method} /", exchange(port, request("/", [("Host", host), cookie, ("Content-Length", "0")],
                                                     method=method)), (405, 403), "405")
    data = exchange(port, request("/", [("Host", host), cookie, ("Origin", "http://evil.example")]))
    rows.append(Row("page with Origin evil: CORS header?", "none", "none" if b"Access-Control" not in data else "yes",
                    b"Access-Control" not in data))
    expect("socket without upgrade (Origin, cookie)", exchange(port, request(ws, [("Host", host), ("Origin", own), cookie])),
           (400,), "400, no app")

    # --- what a connected page may send ---
    garbage = [frame("not json"), frame("[]"), frame('["stdin"]'), frame('["stdin", 12]'),
               frame('["resize", {"width": 1e308, "height": -5}]'), frame('["resize", {"width": 99999999, "height": 99999999}]'),
               frame('{"stdin": "x"}'), frame('["ping", "' + "x" * 1000 + '"]'), frame('["stdin", "' + "x" * 70000 + '"]')]
    data = exchange(port, upgrade(ws, [("Host", host), ("Origin", own), cookie]) + b"".join(garbage), keep_s=3.0)
    alive = status(exchange(port, request("/", [("Host", host), cookie]))) == 200
    rows.append(Row("malformed and huge messages on an open socket", "dropped, server alive",
                    "server alive" if alive else "server down", alive and status(data) == 101))
    big = frame("[\"stdin\", \"" + "y" * (2 << 20) + "\"]")
    exchange(port, upgrade(ws, [("Host", host), ("Origin", own), cookie]) + big, keep_s=1.0)
    alive = status(exchange(port, request("/", [("Host", host), cookie]))) in (200, 503)
    rows.append(Row("a 2 MiB message", "socket closed, server alive", "server alive" if alive else "server down", alive))
    wait_until(lambda: not app_pids(served.home), 15.0)

    # --- many sockets at once ---
    conns, peak = [], 0
    for _ in range(12):
        conn = socket.create_connection(("127.0.0.1", port), timeout=5)
        conn.sendall(upgrade(ws, [("Host", host), ("Origin", own), cookie]))
        conns.append(conn)
    end = time.monotonic() + 20
    while time.monotonic() < end:  # until 4 apps run (then a second more), or 20 s
        count = len(app_pids(served.home))
        if count >= 4 and peak < 4:
            end = min(end, time.monotonic() + 1.0)
        peak = max(peak, count)
        time.sleep(0.1)
    refused = 0
    for conn in conns:
        try:
            conn.settimeout(2)
            head = conn.recv(65536)
            while b"too many tabs" not in head and len(head) < 20000:
                more = conn.recv(65536)
                if not more:
                    break
                head += more
        except OSError:
            head = b""
        refused += b"too many tabs" in head
    for conn in conns:
        conn.close()
    rows.append(Row("12 sockets at once", "at most 4 apps; 8 told 'too many tabs open'",
                    f"{peak} apps at most; {refused} told", peak <= 4 and refused >= 8))
    wait_until(lambda: not app_pids(served.home), 15.0)
    return rows


def table(rows: list[Row]) -> str:
    width = max(len(r.attack) for r in rows)
    lines = [f"{'attack'.ljust(width)}  {'expected':<24}  {'got':<28}  result", "-" * (width + 66)]
    lines += [f"{r.attack.ljust(width)}  {r.expected:<24}  {r.got:<28}  {'refused/ok' if r.ok else 'GOT IN'}"
              for r in rows]
    held = sum(r.ok for r in rows)
    lines.append(f"{held} of {len(rows)} held")
    return "\n".join(lines)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        served = start_server(Path(folder) / "home", token="")
        try:
            rows = attacks(served)
        finally:
            served.stop()
    print(table(rows))
    print(json.dumps({"held": sum(r.ok for r in rows), "rows": len(rows)}))
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
