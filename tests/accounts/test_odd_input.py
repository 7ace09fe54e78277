"""Odd input answers a page, never a 500: a NUL in a header, a full-width log-in ID."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from accounts.models import User
from tests.factories import MembershipFactory

LOGIN = reverse("accounts:login")


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def test_it_records_a_failed_log_in_with_a_nul_in_the_user_agent(client, world, axes_on):
    # PostgreSQL refuses NUL in text: axes writing this User-Agent was a 500 there.
    response = client.post(
        LOGIN, {"username": "editor_a", "password": "wrong"},
        HTTP_USER_AGENT="Mozilla/5.0\x00<script>", HTTP_ACCEPT="text/html\x00",
    )
    assert response.status_code == 200
    attempt = AccessAttempt.objects.get()
    assert attempt.user_agent == "Mozilla/5.0<script>"
    assert "\x00" not in attempt.http_accept


def test_it_logs_in_with_a_full_width_log_in_id(client, world, axes_on):
    MembershipFactory(user__username="member", corporation=world.corp_a)
    assert client.post(LOGIN, {"username": "ｍｅｍｂｅｒ", "password": "wrong"}).status_code == 200
    response = client.post(LOGIN, {"username": "ｍｅｍｂｅｒ", "password": "pass-word-1234"})
    assert response.status_code == 302


def test_it_counts_full_and_half_width_wrong_passwords_as_one_name(client, world, axes_on):
    MembershipFactory(user__username="member", corporation=world.corp_a)
    for username in ["ｍｅｍｂｅｒ", "member", "ｍember"]:
        client.post(LOGIN, {"username": username, "password": "wrong"})
    assert client.post(LOGIN, {"username": "member", "password": "pass-word-1234"}).status_code == 429


def test_it_refuses_a_full_width_log_in_id_for_a_new_contact(staff_client, world, django_capture_on_commit_callbacks):
    MembershipFactory(user__username="member", corporation=world.corp_a)
    data = {"display_name": "豊玉 花子", "email": "hanako@example.jp", "username": "ｍｅｍｂｅｒ", "role": "editor"}
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("corporations:member_create", kwargs={"pk": world.corp_a.pk}), data)
    assert response.status_code == 200
    assert response.context["form"].errors["username"]
    assert not User.objects.filter(email="hanako@example.jp").exists()
