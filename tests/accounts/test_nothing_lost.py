"""Memberships, roles and a user's access are in the history, with who changed them."""

import pytest
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse

from accounts.models import Membership, User
from core.saving import save_recorded
from tests.factories import MembershipFactory


def test_it_records_who_created_a_member_account(staff_client, world, django_capture_on_commit_callbacks):
    data = {"display_name": "豊玉 花子", "email": "hanako@example.jp", "username": "hanako", "role": "viewer"}
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("corporations:member_create", kwargs={"pk": world.corp_a.pk}), data)
    user = User.objects.get(username="hanako")
    record = user.membership.history.get()
    assert (record.history_type, record.history_user, record.role) == ("+", world.staff, "viewer")
    assert user.history.get().history_user == world.staff


def test_it_records_a_role_change_with_who_and_the_role_before(world):
    membership = world.editor_a.membership
    membership.role = Membership.Role.VIEWER
    save_recorded(membership, acting_user=world.staff, update_fields=["role"])

    latest = membership.history.first()
    assert (latest.history_user, latest.role) == (world.staff, "viewer")
    assert latest.prev_record.role == "editor"
    assert [change.field for change in latest.diff_against(latest.prev_record).changes] == ["role"]


def test_it_records_who_deactivated_a_user_or_made_one_staff(world):
    user = world.viewer_a
    user.is_active = False
    save_recorded(user, acting_user=world.staff, update_fields=["is_active"])
    user.is_active, user.is_staff = True, True
    save_recorded(user, acting_user=world.staff, update_fields=["is_active", "is_staff"])

    latest, deactivated, before = user.history.all()[:3]
    assert (latest.is_active, latest.is_staff, latest.history_user) == (True, True, world.staff)
    assert (deactivated.is_active, deactivated.history_user) == (False, world.staff)
    assert (before.is_active, before.is_staff) == (True, False)


def test_it_keeps_no_password_hash_and_no_row_per_login(world):
    user = world.editor_a
    rows = user.history.count()
    assert Client().login(username="editor_a", password="pass-word-1234")
    assert user.history.count() == rows
    assert not hasattr(user.history.first(), "password")


def test_it_refuses_to_delete_a_user_who_has_a_membership(world):
    membership = MembershipFactory()
    with pytest.raises(ProtectedError):
        membership.user.delete()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_it_shows_the_history_of_a_user_and_a_membership_in_the_admin(client, world):
    world.staff.is_superuser = True
    world.staff.save()
    client.force_login(world.staff)
    user, membership = world.editor_a, world.editor_a.membership
    for url in [
        reverse("admin:accounts_user_history", args=[user.pk]),
        reverse("admin:accounts_user_simple_history", args=[user.pk, user.history.first().history_id]),
        reverse("admin:accounts_membership_history", args=[membership.pk]),
        reverse(
            "admin:accounts_membership_simple_history", args=[membership.pk, membership.history.first().history_id]
        ),
    ]:
        assert client.get(url).status_code == 200, url


def test_it_never_reverts_a_user_to_a_version_without_its_password(client, world):
    world.staff.is_superuser = True
    world.staff.save()
    client.force_login(world.staff)
    user = world.editor_a
    url = reverse("admin:accounts_user_simple_history", args=[user.pk, user.history.first().history_id])
    assert client.post(url, {"username": "editor_a", "_change_history": "1"}).status_code == 403
    user.refresh_from_db()
    assert user.check_password("pass-word-1234")
