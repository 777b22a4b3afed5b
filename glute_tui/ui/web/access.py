"""Who may use `glute-tui serve`: the rules, as plain functions (no server, no sockets).

The model is Jupyter's. A local web server that starts workouts and shows the history must
not be driven by another page the person has open, nor by a name an attacker resolves to
this machine (DNS rebinding), nor by anyone on the network who has not been given the
address. So every request needs:
- a Host that is an address this server is served at (exact names and ports, no tricks);
- the server's token, in the address (`?token=`, once) or in the cookie the page set;
and the websocket, which starts an app, also needs the page's own Origin (browsers always
send it on a websocket; a page on another port or site sends its own, and `null` or none is
not the page).
"""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
WILDCARDS = ("0.0.0.0", "::", "")
TOKEN_PARAM = "token"
TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
TOKEN_MIN, TOKEN_MAX = 8, 256


def new_token() -> str:
    """A fresh token for one server start (about 256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def token_problem(token: str) -> str:
    """Why `--token TEXT` cannot be used, or ''. URL-safe characters only, so the printed
    address needs no quoting and the cookie no escaping."""
    if not TOKEN_MIN <= len(token) <= TOKEN_MAX:
        return f"must be {TOKEN_MIN} to {TOKEN_MAX} characters long (got {len(token)})"
    bad = sorted({ch for ch in token if ch not in TOKEN_CHARS})
    if bad:
        return "may hold only letters, digits and - _ . ~ (got " + ", ".join(repr(ch) for ch in bad) + ")"
    return ""


def cookie_name(port: int) -> str:
    """Cookies are not kept apart by port: two servers on one machine each keep their own."""
    return f"glute_tui_token_{port}"


def normal_name(name: str) -> str:
    """A host name or address as compared: lower case, an IP address in its one usual form;
    other spellings of an address ("127.1", "2130706433", "0x7f.0.0.1") stay names, which no
    rule allows."""
    name = name.strip().lower()
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]
    try:
        return ipaddress.ip_address(name).compressed
    except ValueError:
        return name


@dataclass(frozen=True)
class HostPort:
    name: str
    port: int | None  # None: none given (the scheme's default)


def parse_host(header: str) -> HostPort | None:
    """The Host header as `name[:port]` (IPv6 in brackets), or None when it is anything else
    (user info, a path, spaces, a bad port, two ports)."""
    if not header or any(ch.isspace() or ord(ch) < 0x21 or ord(ch) > 0x7E for ch in header):
        return None
    if any(ch in header for ch in "@/\\?#%"):
        return None
    try:
        parts = urlsplit("//" + header)
        port = parts.port
    except ValueError:
        return None
    name = parts.hostname or ""
    if not name or parts.username is not None or parts.path or parts.query or parts.fragment:
        return None
    if ":" in name and not header.startswith("["):  # an IPv6 address needs its brackets
        return None
    if header.endswith(":"):  # "host:" - an empty port
        return None
    return HostPort(normal_name(name), port)


def allowed_names(bind_host: str, own_addresses: Iterable[str] = ()) -> frozenset[str]:
    """The names a browser may use to reach this server: loopback always; the address given
    to --host; and, when that is every interface (0.0.0.0 or ::), this machine's own."""
    names = {normal_name(n) for n in LOOPBACK_NAMES}
    host = normal_name(bind_host)
    if host in WILDCARDS or bind_host in WILDCARDS:
        names.update(normal_name(a) for a in own_addresses if a)
    else:
        names.add(host)
    return frozenset(n for n in names if n)


def host_allowed(header: str | None, names: frozenset[str], port: int) -> bool:
    """The Host header names this server: an allowed name and this port (a missing port only
    for port 80, where the browser leaves it out)."""
    parsed = parse_host(header or "")
    if parsed is None or parsed.name not in names:
        return False
    return parsed.port == port or (parsed.port is None and port == 80)


def origin_allowed(origin: str | None, host_header: str | None) -> bool:
    """The Origin is the page's own: http(s) on exactly the host and port the request was
    sent to (itself an allowed one, checked first). `null`, none, another port, another
    scheme or a path are not."""
    if not origin or not host_header:
        return False
    try:
        parts = urlsplit(origin)
        origin_port = parts.port
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or parts.username is not None or parts.path or parts.query:
        return False
    host = parse_host(host_header)
    if host is None or not parts.hostname:
        return False
    default = 80 if parts.scheme == "http" else 443
    if normal_name(parts.hostname) != host.name:
        return False
    return (origin_port or default) == (host.port or default)


def token_given(in_address: list[str], in_cookie: str | None) -> str | None:
    """The token a request carries: `?token=` (exactly once), else this server's cookie."""
    if len(in_address) > 1:
        return None
    return in_address[0] if in_address else in_cookie


def token_matches(given: str | None, token: str) -> bool:
    """Compared in constant time; nothing, a part or another case is not the token."""
    if not given:
        return False
    return secrets.compare_digest(given.encode("utf-8", "surrogateescape"), token.encode("utf-8"))


def content_security_policy(nonce: str, host_header: str) -> str:
    """Only this page's own scripts (its files, and its inline ones by nonce) and its own
    socket; nothing may frame it. Styles may be inline: xterm.js writes its own."""
    socket = f"ws://{host_header} wss://{host_header}" if parse_host(host_header) else ""
    return "; ".join([
        "default-src 'none'",
        f"script-src 'self' 'nonce-{nonce}'" if nonce else "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "font-src 'self'",
        "img-src 'self' data:",
        f"connect-src 'self' {socket}".strip(),
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ])


SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
