"""Who may do what with projects: each rule of contributions/policies.py for each role.

The roles are the shared personas, plus "partner_b": B's editor on a project of A that has
B as a partner (共同実施法人). For "editor_b" the project is A's alone.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from contributions import policies, services
from contributions.models import PublicationState
from contributions.selectors import visible_projects
from tests.contributions.factories import ProjectFactory, published_project

ROLES = ["anonymous", "editor_a", "viewer_a", "editor_b", "partner_b", "staff"]


def _user(world, role):
    if role == "anonymous":
        return AnonymousUser()
    return world.editor_b if role == "partner_b" else getattr(world, role)


def _project(world, role, *, state="draft"):
    """A project of A in the given state; B is a partner when the role is partner_b."""
    partners = [world.corp_b] if role == "partner_b" else []
    if state == "draft":
        return ProjectFactory(owner=world.corp_a, partners=partners)
    project = published_project(world.staff, owner=world.corp_a, partners=partners)
    if state == "submitted":
        services.project_update(project=project, acting_user=world.staff, title="変更した名前")
        services.project_submit(project=project, acting_user=world.staff)
    return project


def _expect(allowed: set[str]):
    return [(role, role in allowed) for role in ROLES]


READERS = {"editor_a", "viewer_a", "partner_b", "staff"}
EDITORS = {"editor_a", "staff"}
STAFF = {"staff"}
MEMBERS_AND_STAFF = {"editor_a", "viewer_a", "editor_b", "partner_b", "staff"}


@pytest.mark.parametrize(("role", "allowed"), _expect(READERS))
def test_it_lets_staff_and_members_of_the_owner_or_a_partner_view(world, role, allowed):
    project = _project(world, role)
    user = _user(world, role)
    assert policies.can_view_project(user, project) is allowed
    # The list form of the same rule agrees.
    assert visible_projects(user).filter(pk=project.pk).exists() is allowed


@pytest.mark.parametrize(("role", "allowed"), _expect(EDITORS))
def test_it_lets_staff_and_the_owners_editors_edit(world, role, allowed):
    assert policies.can_edit_project(_user(world, role), _project(world, role)) is allowed


@pytest.mark.parametrize(("role", "allowed"), _expect(EDITORS))
def test_it_lets_staff_and_the_corporations_editors_create(world, role, allowed):
    assert policies.can_create_project(_user(world, role), world.corp_a.pk) is allowed


@pytest.mark.parametrize(("role", "allowed"), _expect(STAFF))
def test_it_lets_only_staff_create_without_a_corporation_of_their_own(world, role, allowed):
    assert policies.can_create_project(_user(world, role), None) is allowed
    assert policies.can_choose_project_owner(_user(world, role)) is allowed


@pytest.mark.parametrize(("role", "allowed"), _expect(EDITORS))
def test_it_lets_editors_submit_a_draft(world, role, allowed):
    assert policies.can_submit_project(_user(world, role), _project(world, role)) is allowed


@pytest.mark.parametrize(("role", "allowed"), _expect(set()))
def test_it_lets_nobody_submit_a_project_already_submitted(world, role, allowed):
    assert policies.can_submit_project(_user(world, role), _project(world, role, state="submitted")) is allowed


@pytest.mark.parametrize(("role", "allowed"), _expect(STAFF))
def test_it_lets_staff_publish_and_send_back_a_submitted_project(world, role, allowed):
    project = _project(world, role, state="submitted")
    assert project.publication_state == PublicationState.SUBMITTED
    assert policies.can_publish_project(_user(world, role), project) is allowed
    assert policies.can_send_back_project(_user(world, role), project) is allowed


@pytest.mark.parametrize(("role", "allowed"), _expect(set()))
def test_it_lets_nobody_publish_or_send_back_a_draft(world, role, allowed):
    project = _project(world, role)
    assert policies.can_publish_project(_user(world, role), project) is allowed
    assert policies.can_send_back_project(_user(world, role), project) is allowed


@pytest.mark.parametrize(("role", "allowed"), _expect(STAFF))
def test_it_lets_staff_moderate(world, role, allowed):
    assert policies.can_moderate(_user(world, role)) is allowed


@pytest.mark.parametrize(("role", "allowed"), _expect(EDITORS))
def test_it_lets_editors_withdraw_a_public_project(world, role, allowed):
    assert policies.can_withdraw_project(_user(world, role), _project(world, role, state="published")) is allowed


@pytest.mark.parametrize(("role", "allowed"), _expect(set()))
def test_it_lets_nobody_withdraw_a_project_that_is_not_public(world, role, allowed):
    assert policies.can_withdraw_project(_user(world, role), _project(world, role)) is allowed


@pytest.mark.parametrize(("role", "allowed"), _expect(EDITORS))
def test_it_lets_editors_add_photos(world, role, allowed):
    assert policies.can_add_photo(_user(world, role), _project(world, role)) is allowed


@pytest.mark.parametrize(("role", "allowed"), _expect(EDITORS))
def test_it_lets_editors_delete_photos(world, role, allowed):
    assert policies.can_delete_photo(_user(world, role), _project(world, role)) is allowed


@pytest.mark.parametrize(("role", "allowed"), _expect(EDITORS))
def test_it_lets_editors_record_reviews(world, role, allowed):
    assert policies.can_review_project(_user(world, role), _project(world, role)) is allowed


@pytest.mark.parametrize(("role", "allowed"), _expect(STAFF))
def test_it_lets_only_staff_give_staff_scores(world, role, allowed):
    assert policies.can_give_staff_scores(_user(world, role)) is allowed


@pytest.mark.parametrize(("role", "allowed"), _expect(STAFF))
def test_it_lets_only_staff_read_the_history(world, role, allowed):
    assert policies.can_read_project_history(_user(world, role)) is allowed


@pytest.mark.parametrize(("role", "allowed"), _expect(MEMBERS_AND_STAFF))
def test_it_lets_members_and_staff_see_the_list_and_the_board(world, role, allowed):
    assert policies.can_list_projects(_user(world, role)) is allowed
    assert policies.can_see_board(_user(world, role)) is allowed


@pytest.mark.parametrize(("role", "allowed"), _expect(STAFF))
def test_it_lets_only_staff_see_overdue_reviews(world, role, allowed):
    assert policies.can_see_overdue(_user(world, role)) is allowed


@pytest.mark.parametrize(("role", "allowed"), _expect(STAFF))
def test_it_lets_only_staff_see_the_report(world, role, allowed):
    assert policies.can_see_report(_user(world, role)) is allowed


def test_it_refuses_an_inactive_staff_account(world):
    world.staff.is_active = False
    assert not policies.can_edit_project(world.staff, ProjectFactory(owner=world.corp_a))
    assert not policies.can_see_report(world.staff)
