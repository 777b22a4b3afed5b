"""Who may use `glute-tui serve`: the rules of ui/web/access.py as plain functions, and the
command's options and what it prints (the QR code, what is exposed). No server, no sockets."""

from __future__ import annotations

import argparse

import pytest

from glute_tui.cli.main import main
from glute_tui.cli.serve import announce, shown_host
from glute_tui.store.paths import AppPaths
from glute_tui.ui.web import access

PORT = 8123
LOCAL = access.allowed_names("127.0.0.1")


@pytest.mark.parametrize("header", ["127.0.0.1:8123", "localhost:8123", "LOCALHOST:8123", "[::1]:8123",
                                    "[0:0:0:0:0:0:0:1]:8123"])
def test_loopback_names_on_this_port_are_this_server(header):
    assert access.host_allowed(header, LOCAL, PORT)


@pytest.mark.parametrize("header", [
    None, "", "evil.example:8123", "rebound.test:8123", "127.0.0.1:8124", "127.0.0.1", "127.0.0.1:",
    "127.0.0.1:8123:8123", "localhost.:8123", "127.1:8123", "2130706433:8123", "0x7f.0.0.1:8123",
    "127.0.0.1.evil.example:8123", "evil.example@127.0.0.1:8123", "127.0.0.1:8123/x", "::1:8123",
    "[::ffff:127.0.0.1]:8123", "127.0.0.1 :8123", "127.0.0.1:08123x", "127.0.0.1:+8123",
    "127.0.0.1%00:8123", "[::1]:8123\r\nX: y", "0.0.0.0:8123", "192.168.1.20:8123",
])
def test_any_other_host_is_refused(header):
    assert not access.host_allowed(header, LOCAL, PORT)


def test_on_every_interface_this_machines_own_addresses_are_allowed_and_no_others():
    names = access.allowed_names("0.0.0.0", ["192.168.1.20", "mylaptop", ""])
    assert access.host_allowed("192.168.1.20:8123", names, PORT)
    assert access.host_allowed("MyLaptop:8123", names, PORT)
    assert not access.host_allowed("192.168.1.21:8123", names, PORT)
    assert not access.host_allowed("0.0.0.0:8123", names, PORT)
    lan = access.allowed_names("192.168.1.20", ["10.0.0.1"])  # an address given: that one only
    assert access.host_allowed("192.168.1.20:8123", lan, PORT) and not access.host_allowed("10.0.0.1:8123", lan, PORT)


def test_port_80_may_be_left_out_of_the_host():
    assert access.host_allowed("localhost", LOCAL, 80) and not access.host_allowed("localhost", LOCAL, 81)


@pytest.mark.parametrize("origin, host, allowed", [
    ("http://127.0.0.1:8123", "127.0.0.1:8123", True),
    ("http://LOCALHOST:8123", "localhost:8123", True),
    ("http://[::1]:8123", "[::1]:8123", True),
    ("http://localhost:8123", "127.0.0.1:8123", False),  # another name is another origin
    ("http://127.0.0.1:8124", "127.0.0.1:8123", False),  # another port: another page on this machine
    ("http://127.0.0.1", "127.0.0.1:8123", False),
    ("null", "127.0.0.1:8123", False),
    (None, "127.0.0.1:8123", False),
    ("", "127.0.0.1:8123", False),
    ("http://evil.example", "127.0.0.1:8123", False),
    ("http://127.0.0.1:8123.evil.example", "127.0.0.1:8123", False),
    ("http://127.0.0.1:8123/", "127.0.0.1:8123", False),
    ("http://user@127.0.0.1:8123", "127.0.0.1:8123", False),
    ("file://", "127.0.0.1:8123", False),
    ("chrome-extension://abc", "127.0.0.1:8123", False),
    ("http://127.0.0.1:8123", None, False),
])
def test_the_socket_takes_only_the_pages_own_origin(origin, host, allowed):
    assert access.origin_allowed(origin, host) is allowed


def test_the_token_is_needed_whole_in_its_case_once():
    token = access.new_token()
    assert len(token) >= 40 and access.new_token() != token
    assert access.token_matches(access.token_given([token], None), token)
    assert access.token_matches(access.token_given([], token), token)  # the cookie, on a reload
    for given in (None, "", token[:-1], token.upper() if token.upper() != token else token.lower(), token + "x"):
        assert not access.token_matches(access.token_given([given] if given else [], None), token)
    assert access.token_given([token, token], None) is None  # twice in the address: refused
    assert access.token_given(["wrong"], token) == "wrong"  # the address wins over an old cookie


def test_each_port_keeps_its_own_cookie():
    assert access.cookie_name(8000) != access.cookie_name(8001)


@pytest.mark.parametrize("text, ok", [("abcdefgh", True), ("a-b_c.d~e1", True), ("short", False),
                                      ("with space", False), ("semi;colon", False), ("x" * 257, False),
                                      ("ünïcode-token", False), ("tab\there1", False)])
def test_a_given_token_must_be_url_safe_and_long_enough(text, ok):
    assert (access.token_problem(text) == "") is ok


def test_the_policy_allows_only_the_pages_scripts_and_socket():
    policy = access.content_security_policy("N0nce", "127.0.0.1:8123")
    assert "script-src 'self' 'nonce-N0nce'" in policy and "unsafe-eval" not in policy
    assert "connect-src 'self' ws://127.0.0.1:8123 wss://127.0.0.1:8123" in policy
    assert "frame-ancestors 'none'" in policy and "default-src 'none'" in policy
    assert "ws://" not in access.content_security_policy("", "evil host")


@pytest.mark.parametrize("argv, fault", [(["serve", "--token", "short"], "characters long"),
                                         (["serve", "--token", "bad token!"], "may hold only"),
                                         (["serve", "--max-tabs", "0"], "from 1 to 64"),
                                         (["serve", "--max-tabs", "many"], "from 1 to 64")])
def test_serve_refuses_a_bad_token_or_tab_count_with_exit_code_2(argv, fault, capsys):
    assert main(argv) == 2
    assert fault in capsys.readouterr().err


def test_on_the_network_it_prints_the_address_its_qr_code_and_what_is_exposed(capsys, tmp_path):
    segno = pytest.importorskip("segno")
    args = argparse.Namespace(host="0.0.0.0", max_tabs=4)
    announce(args, AppPaths.resolve(tmp_path), ["192.168.1.20", "mylaptop"], "T0ken-abcdefgh", 8123)
    out = capsys.readouterr().out
    url = "http://192.168.1.20:8123/?token=T0ken-abcdefgh"
    assert url in out
    size = segno.make(url, error="l").symbol_size(border=2)[0]
    code_lines = [line for line in out.splitlines() if line and set(line) <= set("█▀▄ #")]
    assert len(code_lines) >= size // 2  # two rows of modules a line, or one in ASCII
    assert "Exposed:" in out and "anyone on this network" in out and str(tmp_path) in out


def test_on_this_machine_only_there_is_no_qr_code(capsys, tmp_path):
    announce(argparse.Namespace(host="127.0.0.1", max_tabs=4), AppPaths.resolve(tmp_path), [], "T0ken-abcdefgh", 8123)
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8123/?token=T0ken-abcdefgh" in out and "this machine only" in out
    assert "▀" not in out and "█" not in out


def test_the_printed_address_is_the_lan_one_for_every_interface():
    assert shown_host("0.0.0.0", ["mylaptop", "127.0.1.1", "192.168.1.20"]) == "192.168.1.20"
    assert shown_host("::1", []) == "[::1]" and shown_host("10.0.0.5", []) == "10.0.0.5"
