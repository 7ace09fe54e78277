"""Behind the TLS proxy every request has the proxy's REMOTE_ADDR: the lockout must key on
the client's address from X-Forwarded-For, or ten wrong passwords lock a name for everyone.
"""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from network_portal.client_address import client_ip

URL = reverse("accounts:login")
PROXY = "10.0.0.2"


@pytest.fixture
def behind_one_proxy(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1


def _attempt(client, username, password, forwarded_for):
    return client.post(
        URL, {"username": username, "password": password},
        REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_it_locks_only_the_attacker_behind_the_proxy(client, world, behind_one_proxy):
    for _ in range(3):
        _attempt(client, "staff", "wrong", "203.0.113.66")
    assert _attempt(client, "staff", "pass-word-1234", "203.0.113.66").status_code == 429
    client.logout()
    # The same staff name from the office, through the same proxy, still logs in.
    assert _attempt(client, "staff", "pass-word-1234", "198.51.100.7").status_code == 302


def test_it_does_not_let_a_client_choose_its_address(client, world, behind_one_proxy):
    # The attacker writes a new X-Forwarded-For each time; nginx appends the real address.
    for n in range(3):
        _attempt(client, "staff", "wrong", f"192.0.2.{n}, 203.0.113.66")
    response = _attempt(client, "staff", "pass-word-1234", "192.0.2.99, 203.0.113.66")
    assert response.status_code == 429


def test_it_says_the_lock_holds_for_this_network_only(client, world, behind_one_proxy):
    for _ in range(3):
        response = _attempt(client, "staff", "wrong", "203.0.113.66")
    html = response.content.decode()
    assert "接続元のIPアドレス" in html
    assert "この端末" not in html


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "192.0.2.10", None, "192.0.2.10"),
        (0, PROXY, "203.0.113.66", PROXY),  # no proxy trusted: the header is not believed
        (1, PROXY, "203.0.113.66", "203.0.113.66"),
        (1, PROXY, "1.2.3.4, 203.0.113.66", "203.0.113.66"),
        (1, PROXY, None, PROXY),  # straight to gunicorn on the host
        (1, PROXY, "not-an-address", PROXY),
        (2, "10.0.0.3", "203.0.113.66, 10.0.0.2", "203.0.113.66"),
        (1, PROXY, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_it_reads_the_client_address_through_trusted_proxies(settings, proxies, remote, forwarded, expected):
    settings.PORTAL_TRUSTED_PROXY_COUNT = proxies
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_ip(RequestFactory().get("/", **meta)) == expected
