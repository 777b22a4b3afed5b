"""Who may use `glute-tui serve`, by plain HTTP (the browser's side is test_serve_safety.py):
every response has the security headers, /static/ lists no folder and serves no path of the
request's, and the socket refuses any Origin but the page's own (none, `null`, another port,
another name, another scheme) with HTTP 403 before any app starts. Own port and data folder."""

from __future__ import annotations

import asyncio

import pytest
from serving import Served, app_pids, assert_security_headers, start_server

pytestmark = pytest.mark.slow
aiohttp = pytest.importorskip("aiohttp", reason="glute-tui serve needs the web extra (pip install -e '.[test]')")
pytest.importorskip("textual_serve", reason="glute-tui serve needs the web extra (pip install -e '.[test]')")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    server = start_server(tmp_path_factory.mktemp("serve-access") / "home")
    try:
        yield server
    finally:
        server.stop()


def test_every_response_has_the_security_headers_and_no_folder_is_listed(served: Served):
    async def check() -> None:
        async with aiohttp.ClientSession(cookies=served.cookie) as session:
            for path, status in (("/", 200), ("/static/js/textual.js", 200), ("/static/", 404),
                                 ("/static/js/", 404), ("/static/../server.py", 404), ("/nothing", 404),
                                 ("/ws", 403)):  # a plain GET sends no Origin
                async with session.get(served.base + path) as response:
                    assert response.status == status, path
                    assert_security_headers(dict(response.headers))
                    assert "Index of" not in await response.text(), path
            async with session.get(served.base + "/ws", headers={"Origin": served.origin}) as response:
                assert response.status == 400  # the page's own, but no upgrade: no app
                assert_security_headers(dict(response.headers))
            async with aiohttp.ClientSession() as stranger:  # no cookie, no token: refused, with headers
                async with stranger.get(served.base + "/static/js/textual.js") as response:
                    assert response.status == 403
                    assert_security_headers(dict(response.headers))

    asyncio.run(check())


@pytest.mark.parametrize("origin", [None, "null", "http://127.0.0.1:1", "http://localhost:{port}",
                                    "http://evil.example", "https://127.0.0.1:{port}.evil.example",
                                    "file://", "http://127.0.0.1:{port}/path"])
def test_the_socket_refuses_any_origin_but_the_pages_own_before_any_app_starts(served: Served, origin):
    async def check() -> None:
        headers = {"Origin": origin.format(port=served.port)} if origin else {}
        async with aiohttp.ClientSession(cookies=served.cookie, skip_auto_headers=["Origin"]) as session:
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(served.base + "/ws", headers=headers)
            assert refused.value.status == 403

    asyncio.run(check())
    assert not app_pids(served.home)
