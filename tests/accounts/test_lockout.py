"""Repeated wrong passwords lock that user name from that address; others are not affected."""

import pytest
from django.urls import reverse

URL = reverse("accounts:login")


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def _attempt(client, username, password, address="192.0.2.10"):
    return client.post(URL, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_it_locks_a_user_name_after_repeated_failures(client, world, axes_on):
    for _ in range(2):
        assert _attempt(client, "editor_a", "wrong").status_code == 200
    response = _attempt(client, "editor_a", "wrong")
    assert response.status_code == 429
    assert "ログインを一時停止しています" in response.content.decode()
    # Even the right password is refused while locked.
    response = _attempt(client, "editor_a", "pass-word-1234")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_it_does_not_lock_other_users_or_other_addresses(client, world, axes_on):
    for _ in range(3):
        _attempt(client, "editor_a", "wrong")
    assert _attempt(client, "editor_b", "pass-word-1234").status_code == 302
    client.logout()
    assert _attempt(client, "editor_a", "pass-word-1234", address="198.51.100.7").status_code == 302


def test_it_resets_the_count_after_a_right_password(client, world, axes_on):
    for _ in range(2):
        _attempt(client, "editor_a", "wrong")
    assert _attempt(client, "editor_a", "pass-word-1234").status_code == 302
    client.logout()
    for _ in range(2):
        assert _attempt(client, "editor_a", "wrong").status_code == 200
