"""Who may use `glute-tui serve` (issue 21, item 1), in Debian's chromium driven by Playwright
(no browser download) and by plain HTTP: a page from another origin - even another port of
127.0.0.1, in the same browser, with the token's cookie in it - cannot open the socket and
starts no app; a name that resolves here (DNS rebinding) and a missing token are refused;
every response has the security headers; with the token the page works, the address loses
its token, and a reload keeps working. Each test has its own server, port and data folder.
"""

from __future__ import annotations

import http.server
import shutil
import threading
from pathlib import Path

import pytest
from serving import Served, app_pids, assert_security_headers, start_server, wait_until

pytestmark = pytest.mark.slow
aiohttp = pytest.importorskip("aiohttp", reason="glute-tui serve needs the web extra (pip install -e '.[test]')")
pytest.importorskip("textual_serve", reason="glute-tui serve needs the web extra (pip install -e '.[test]')")

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
REBINDING_NAME = "rebound.test"  # the browser resolves it to 127.0.0.1, as a rebinding attacker's would


@pytest.fixture
def served(tmp_path: Path):
    server = start_server(tmp_path / "serve-home")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser():
    if shutil.which("chromium") is None:
        pytest.skip("browser test SKIPPED: chromium is not installed (Debian: apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), headless=True,
            args=[*CHROMIUM_FLAGS, f"--host-resolver-rules=MAP {REBINDING_NAME} 127.0.0.1"])
        try:
            yield browser
        finally:
            browser.close()


def open_app(context, url: str):
    page = context.new_page()
    response = page.goto(url)
    page.wait_for_selector("body.-first-byte", timeout=60_000)
    page.wait_for_function("() => window.gluteCues.received.includes('Routines')", timeout=60_000)
    return page, response


class EvilSite:
    """A page on another port of 127.0.0.1 that tries to open the app's socket."""

    def __init__(self, target_port: int) -> None:
        page = f"""<!DOCTYPE html><html><body><script>
            window.result = "pending";
            const socket = new WebSocket("ws://127.0.0.1:{target_port}/ws?width=80&height=24");
            socket.onopen = () => {{ window.result = "open"; socket.send(JSON.stringify(["stdin", "h"])); }};
            socket.onclose = (event) => {{ if (window.result === "pending") window.result = "closed " + event.code; }};
            socket.onerror = () => {{ if (window.result === "pending") window.result = "error"; }};
        </script></body></html>""".encode()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                self.wfile.write(page)

            def log_message(self, *args) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_a_page_from_another_origin_cannot_open_the_socket_and_starts_no_app(served: Served, browser):
    context = browser.new_context()
    evil = EvilSite(served.port)
    try:
        open_app(context, served.url)  # the person's own tab: the cookie is in this browser now
        assert len(app_pids(served.home)) == 1
        attacker = context.new_page()
        attacker.goto(evil.url)
        attacker.wait_for_function("() => window.result !== 'pending'", timeout=30_000)
        assert attacker.evaluate("() => window.result") in ("error", "closed 1006")
        assert len(app_pids(served.home)) == 1  # nothing started for the other page
    finally:
        context.close()
        evil.close()


def test_a_page_under_another_name_for_this_address_is_refused(served: Served, browser):
    """DNS rebinding: a name the attacker controls now resolves to 127.0.0.1."""
    context = browser.new_context()
    try:
        page = context.new_page()
        response = page.goto(f"http://{REBINDING_NAME}:{served.port}/?token={served.token}")
        assert response.status == 403 and "Not this address" in page.content()
        assert_security_headers(response.headers)
        assert not app_pids(served.home)
    finally:
        context.close()


def test_without_the_token_the_page_is_refused(served: Served, browser):
    context = browser.new_context()
    try:
        page = context.new_page()
        for address in (served.base + "/", served.base + "/?token=", served.base + f"/?token={served.token[:-1]}",
                        served.base + f"/?token={served.token.upper()}", served.base + f"/?TOKEN={served.token}"):
            response = page.goto(address)
            assert response.status == 403 and "The token is missing" in page.content(), address
            assert_security_headers(response.headers)
        assert not context.cookies() and not app_pids(served.home)
    finally:
        context.close()


def test_with_the_token_the_page_works_hides_the_token_and_a_reload_keeps_working(served: Served, browser):
    context = browser.new_context()
    try:
        page, response = open_app(context, served.url)
        assert response.status == 200
        assert_security_headers(response.headers)
        assert "token" not in page.url  # kept in the cookie, not the address bar or the history
        [cookie] = context.cookies()
        assert cookie["name"] == f"glute_tui_token_{served.port}" and cookie["value"] == served.token
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
        assert page.evaluate("() => document.cookie") == ""  # not readable by scripts
        response = page.reload()
        assert response.status == 200
        page.wait_for_selector("body.-first-byte", timeout=60_000)
        page.wait_for_function("() => window.gluteCues.received.includes('Routines')", timeout=60_000)
        assert wait_until(lambda: len(app_pids(served.home)) == 1, 10.0)  # the old tab's app ended
    finally:
        context.close()
