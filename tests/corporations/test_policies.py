"""corporations/policies.py: each rule for each role, on corporation A."""

import pytest

from corporations import policies
from tests.conftest import POLICY_ROLES, user_for

# rule → the roles it allows (every other role is refused).
ON_CORPORATION_A = {
    "can_view_corporation": {"editor_a", "viewer_a", "staff"},
    "can_edit_corporation": {"editor_a", "staff"},
}
REGISTER_WIDE = {
    "can_manage_register": {"staff"},
    "can_see_staff_notes": {"staff"},
    "can_manage_accounts": {"staff"},
    "can_read_history": {"staff"},
}


@pytest.mark.parametrize("role", POLICY_ROLES)
@pytest.mark.parametrize("rule", ON_CORPORATION_A)
def test_it_answers_each_role_about_corporation_a(world, rule, role):
    allowed = getattr(policies, rule)(user_for(world, role), world.corp_a.pk)
    assert allowed is (role in ON_CORPORATION_A[rule])


@pytest.mark.parametrize("role", POLICY_ROLES)
@pytest.mark.parametrize("rule", REGISTER_WIDE)
def test_it_answers_each_role_about_the_register(world, rule, role):
    allowed = getattr(policies, rule)(user_for(world, role))
    assert allowed is (role in REGISTER_WIDE[rule])


def test_it_refuses_a_deactivated_staff_account(world):
    world.staff.is_active = False
    assert not policies.can_edit_corporation(world.staff, world.corp_a.pk)
    assert not policies.can_manage_register(world.staff)
