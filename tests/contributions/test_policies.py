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
        assert project.publication_state == PublicationState.SUBMITTED
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


# Rules about a project of A: (rule, the project's state, who may).
PROJECT_RULES = [
    (policies.can_edit_project, "draft", EDITORS),
    (policies.can_submit_project, "draft", EDITORS),
    (policies.can_submit_project, "submitted", set()),  # already submitted: nobody
    (policies.can_publish_project, "submitted", STAFF),
    (policies.can_send_back_project, "submitted", STAFF),
    (policies.can_publish_project, "draft", set()),  # not submitted: nobody
    (policies.can_send_back_project, "draft", set()),
    (policies.can_withdraw_project, "published", EDITORS),
    (policies.can_withdraw_project, "draft", set()),  # not public: nobody
    (policies.can_add_photo, "draft", EDITORS),
    (policies.can_delete_photo, "draft", EDITORS),
    (policies.can_review_project, "draft", EDITORS),
]
# Rules about the user alone: (rule, who may).
USER_RULES = [
    (policies.can_choose_project_owner, STAFF),
    (policies.can_moderate, STAFF),
    (policies.can_give_staff_scores, STAFF),
    (policies.can_read_project_history, STAFF),
    (policies.can_list_projects, MEMBERS_AND_STAFF),
    (policies.can_see_board, MEMBERS_AND_STAFF),
    (policies.can_see_overdue, STAFF),
    (policies.can_see_report, STAFF),
]


@pytest.mark.parametrize(("rule", "state", "role", "allowed"), [
    pytest.param(rule, state, role, role in allowed, id=f"{rule.__name__}-{state}-{role}")
    for rule, state, allowed in PROJECT_RULES for role in ROLES
])
def test_it_answers_each_rule_about_a_project_for_each_role(world, rule, state, role, allowed):
    assert rule(_user(world, role), _project(world, role, state=state)) is allowed


@pytest.mark.parametrize(("rule", "role", "allowed"), [
    pytest.param(rule, role, role in allowed, id=f"{rule.__name__}-{role}")
    for rule, allowed in USER_RULES for role in ROLES
])
def test_it_answers_each_rule_about_the_user_for_each_role(world, rule, role, allowed):
    assert rule(_user(world, role)) is allowed


@pytest.mark.parametrize(("role", "allowed"), _expect(EDITORS))
def test_it_lets_staff_and_the_corporations_editors_create(world, role, allowed):
    assert policies.can_create_project(_user(world, role), world.corp_a.pk) is allowed


@pytest.mark.parametrize(("role", "allowed"), _expect(STAFF))
def test_it_lets_only_staff_create_without_a_corporation_of_their_own(world, role, allowed):
    assert policies.can_create_project(_user(world, role), None) is allowed


def test_it_refuses_an_inactive_staff_account(world):
    world.staff.is_active = False
    assert not policies.can_edit_project(world.staff, ProjectFactory(owner=world.corp_a))
    assert not policies.can_see_report(world.staff)
