"""Odd ids in the projects' query strings and forms answer a message, never a 500."""

import pytest
from django.urls import reverse

from contributions.models import Project
from core.ids import MAX_ID
from tests.conftest import client_for
from tests.contributions.conftest import form_data

HUGE = "99999999999999999999"


@pytest.mark.parametrize("owner", ["²", "①", HUGE, ""])
def test_it_ignores_an_owner_that_is_no_id(staff_client, owner):
    response = staff_client.get(reverse("contributions:create") + "?owner=" + owner)
    assert response.status_code == 200
    assert "owner_choice" not in response.context["form"].initial


@pytest.mark.parametrize("role", ["staff", "editor_a"])
@pytest.mark.parametrize("value", ["²", "①", HUGE, str(MAX_ID + 1)])
@pytest.mark.parametrize("field", ["partners", "areas", "themes", "facilities", "owner_choice"])
def test_it_refuses_a_posted_choice_that_is_no_id_with_a_message(world, vocab, role, value, field):
    response = client_for(world, role).post(reverse("contributions:create"), form_data(vocab, **{field: [value]}))
    if field == "owner_choice" and role == "editor_a":
        # Not a field of the editor's form: ignored, the project is the editor's corporation's.
        assert response.status_code == 302
        assert Project.objects.get().owner == world.corp_a
        return
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Project.objects.exists()
