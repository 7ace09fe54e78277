"""Odd input on the meetings pages answers a page, never a 500: an empty fiscal year, a
chosen corporation that is no id, a tampered programme formset, an order taken meanwhile."""

import pytest
from django.urls import reverse

from meetings.models import ProgramItem

from .factories import MeetingFactory

HUGE = "99999999999999999999"


def test_it_answers_participation_with_an_empty_fiscal_year(staff_client):
    assert staff_client.get(reverse("meetings:participation") + "?fy=").status_code == 200


def test_it_refuses_invitations_to_a_corporation_that_is_no_id(staff_client):
    meeting = MeetingFactory()
    response = staff_client.post(
        reverse("meetings:invite", kwargs={"pk": meeting.pk}), {"action": "chosen", "corporations": ["²", HUGE]}
    )
    assert response.status_code == 200
    assert "corporations" in response.context["form"].errors
    assert not meeting.invitations.exists()


def _programme(total="1", initial="0", minimum="0", maximum="1000", order="1"):
    return {"items-TOTAL_FORMS": total, "items-INITIAL_FORMS": initial, "items-MIN_NUM_FORMS": minimum,
            "items-MAX_NUM_FORMS": maximum, "items-0-order": order, "items-0-kind": "greeting",
            "items-0-title": "挨拶"}


@pytest.mark.parametrize("changes", [
    {"total": HUGE}, {"total": "100000"}, {"total": "-5"}, {"total": "x"}, {"total": ""}, {"total": "²"},
    {"initial": HUGE}, {"initial": "-1"}, {"initial": "5"}, {"minimum": HUGE}, {"maximum": "-1"},
    {"maximum": "x"},
])
def test_it_answers_a_tampered_programme_formset_without_500(staff_client, changes):
    meeting = MeetingFactory()
    response = staff_client.post(reverse("meetings:program", kwargs={"pk": meeting.pk}), _programme(**changes))
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert len(response.context["formset"].forms) <= 100


def test_it_says_so_when_a_programme_order_was_taken_meanwhile(staff_client):
    # Two pages opened on an empty programme; the second adds an item with the order the first saved.
    meeting = MeetingFactory()
    url = reverse("meetings:program", kwargs={"pk": meeting.pk})
    assert staff_client.post(url, _programme()).status_code == 302
    response = staff_client.post(url, _programme())
    assert response.status_code == 200
    assert ProgramItem.objects.filter(meeting=meeting).count() == 1
    assert any("既に存在します" in str(message) for message in response.context["messages"])
