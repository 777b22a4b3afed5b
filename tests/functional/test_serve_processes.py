"""Nothing outlives `glute-tui serve` (issue 21, items 3 and 4), with real processes: a tab's
app is started over the websocket as the page starts it, a set begins, and then the server
is killed (SIGKILL: it cannot tell anyone) or stopped (SIGTERM). Each test has its own port
and data folder. Slow: real processes, a few seconds each."""

from __future__ import annotations

import asyncio
import signal
import time
from pathlib import Path

import pytest
from serving import Served, app_pids, page_socket, start_a_set, start_server, wait_until

from glute_tui.store.history import History
from glute_tui.store.journal import find_leftovers

pytestmark = pytest.mark.slow
aiohttp = pytest.importorskip("aiohttp", reason="glute-tui serve needs the web extra (pip install -e '.[test]')")
pytest.importorskip("textual_serve", reason="glute-tui serve needs the web extra (pip install -e '.[test]')")


@pytest.fixture
def served(tmp_path: Path):
    server = start_server(tmp_path / "serve-home", routine="slow")
    try:
        yield server
    finally:
        server.stop()


def statuses(served: Served) -> list[str]:
    return [s.status for s in History(served.paths.data).load().sessions]


def nothing_left_running(served: Served) -> bool:
    leftovers = find_leftovers(served.paths.journal_dir)
    for leftover in leftovers:
        leftover.release(remove=False)
    return not app_pids(served.home) and not leftovers


async def open_sets(served: Served, count: int) -> list:
    session = aiohttp.ClientSession(cookies=served.cookie)
    sockets = [await start_a_set(served, session, sets=2) for _ in range(count)]
    return [session, *sockets]


def test_a_killed_server_leaves_no_app_and_each_running_workout_is_saved_as_stopped_within_5_s(served):
    async def scenario() -> float:
        session, *sockets = await open_sets(served, 2)
        assert len(app_pids(served.home)) == 2  # one app a tab
        served.process.send_signal(signal.SIGKILL)  # mid-set: nobody is told
        killed = time.monotonic()
        saved = await asyncio.to_thread(wait_until, lambda: statuses(served) == ["stopped", "stopped"], 5.0)
        elapsed = time.monotonic() - killed
        await session.close()
        assert saved, statuses(served)
        return elapsed

    elapsed = asyncio.run(scenario())
    assert elapsed < 5.0
    assert wait_until(lambda: nothing_left_running(served), 1.0), app_pids(served.home)
    sessions = History(served.paths.data).load().sessions
    assert all(s.sets and s.ended_at >= s.started_at for s in sessions)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl+C"])
def test_sigterm_or_ctrl_c_saves_every_tab_and_the_server_exits_within_3_s(served, stop):
    async def scenario() -> None:
        session, *sockets = await open_sets(served, 2)
        served.process.send_signal(stop)
        started = time.monotonic()
        code = await asyncio.to_thread(served.process.wait, 10)
        took = time.monotonic() - started
        await session.close()
        assert code == 0 and took < 3.0, (code, took)

    asyncio.run(scenario())
    assert statuses(served) == ["stopped", "stopped"]  # saved before the server ended
    assert nothing_left_running(served), app_pids(served.home)


def test_at_most_max_tabs_apps_and_the_next_socket_is_told_and_starts_nothing(tmp_path: Path):
    served = start_server(tmp_path / "serve-home", "--max-tabs", "2")
    try:
        async def scenario() -> None:
            async with aiohttp.ClientSession(cookies=served.cookie) as session:
                first, second = [await page_socket(served, session) for _ in range(2)]
                await asyncio.to_thread(wait_until, lambda: len(app_pids(served.home)) == 2, 30.0)
                third = await page_socket(served, session)
                message = await third.receive(timeout=10)
                assert b"too many tabs open" in message.data
                closed = await third.receive(timeout=10)
                assert closed.type == aiohttp.WSMsgType.CLOSE and third.close_code == 4008
                async with session.get(served.base + "/") as page:  # the page says so too
                    assert page.status == 503 and "Too many tabs open" in await page.text()
                assert len(app_pids(served.home)) == 2  # the third started nothing
                await first.close()  # a tab closed: its place is free again
                for _ in range(200):  # its place is free once its app has ended
                    async with session.get(served.base + "/") as page:
                        if page.status == 200:
                            break
                    await asyncio.sleep(0.05)
                assert len(app_pids(served.home)) == 1
                fourth = await page_socket(served, session)
                assert await asyncio.to_thread(wait_until, lambda: len(app_pids(served.home)) == 2, 30.0)
                await fourth.close()
                await second.close()

        asyncio.run(scenario())
        assert wait_until(lambda: not app_pids(served.home), 10.0)
    finally:
        served.stop()
