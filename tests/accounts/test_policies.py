"""accounts/policies.py: who someone is, for each persona (one test per rule)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from accounts import policies
from tests.conftest import user_for


@pytest.mark.parametrize(("role", "expected"), [
    ("anonymous", False), ("nobody", False), ("editor_a", False), ("viewer_a", False), ("editor_b", False),
    ("staff", True),
])
def test_is_council_staff(world, role, expected):
    assert policies.is_council_staff(user_for(world, role)) is expected


def test_an_inactive_staff_account_is_not_staff(world):
    world.staff.is_active = False
    assert not policies.is_council_staff(world.staff)


@pytest.mark.parametrize(("role", "corporation"), [
    ("anonymous", None), ("nobody", None), ("editor_a", "corp_a"), ("viewer_a", "corp_a"), ("editor_b", "corp_b"),
    ("staff", None),
])
def test_get_membership(world, role, corporation):
    membership = policies.get_membership(user_for(world, role))
    expected = getattr(world, corporation).pk if corporation else None
    assert (membership.corporation_id if membership else None) == expected


@pytest.mark.parametrize(("role", "member", "editor"), [
    ("anonymous", False, False), ("nobody", False, False), ("editor_a", True, True), ("viewer_a", True, False),
    ("editor_b", False, False), ("staff", False, False),
])
def test_is_member_of_and_is_editor_of_corporation_a(world, role, member, editor):
    user = user_for(world, role)
    assert policies.is_member_of(user, world.corp_a.pk) is member
    assert policies.is_editor_of(user, world.corp_a.pk) is editor


@pytest.mark.parametrize(("role", "expected"), [
    ("anonymous", False), ("nobody", False), ("editor_a", True), ("viewer_a", True), ("editor_b", True),
    ("staff", True),
])
def test_is_staff_or_member(world, role, expected):
    assert policies.is_staff_or_member(user_for(world, role)) is expected


@pytest.mark.parametrize(("role", "outcome"), [
    ("anonymous", "login"), ("nobody", "403"), ("editor_a", "403"), ("viewer_a", "403"), ("editor_b", "ok"),
    ("staff", "403"),
])
def test_allowed_if_logs_in_first_then_asks_the_rule(world, role, outcome):
    rule = lambda user: policies.is_editor_of(user, world.corp_b.pk)  # noqa: E731
    view = policies.allowed_if(rule)(lambda request: HttpResponse("ok"))
    request = RequestFactory().get("/somewhere/")
    request.user = user_for(world, role)
    if outcome == "403":
        with pytest.raises(PermissionDenied):
            view(request)
        return
    response = view(request)
    if outcome == "login":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.content == b"ok"
