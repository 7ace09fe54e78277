"""The admin's changelists and change forms of meetings data hold at ten times the rows.

Each changelist is read at 1× and at 10× the generated rows (portal/scale/) and must run
the same queries; a change form never lists a whole table as <option>s (its foreign keys
are searched: autocomplete_fields / raw_id_fields).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from contributions.models import Project, PublishedProject
from meetings.models import Attendee, Invitation, Meeting, RsvpPerson
from portal.scale import Generator, Shape
from tests.conftest import client_for

# One unit of generated rows; 10× adds nine more.
UNIT = Shape(corporations=12, facilities=30, meetings=3, attendees=36, projects=8)

# Every changelist runs these 5 queries: session, user, the count with and without filters
# (the "N total" link), the page of rows with their foreign keys joined (list_select_related).
# Then one query per filter that reads the database: the 年度 filter's distinct fiscal years,
# the areas, the attachments' distinct content types, the patterns … and, once a 年度 is
# chosen, that year's meetings (one query with their series). None of these grows with the
# rows. The large tables (invitations, answers' names, attendees, meeting mails) skip the unfiltered
# count (show_full_result_count): 4 + filters.
CHANGELISTS = {
    "meetings_meeting": ({}, 5 + 1),  # 年度
    "meetings_meetingseries": ({}, 5 + 1),  # fiscal_year
    "meetings_invitation": ({}, 4 + 1),  # 年度
    "meetings_rsvpperson": ({}, 4 + 2),  # areas, 年度
    "meetings_attendee": ({}, 4 + 2),  # areas, 年度
    "meetings_programitem": ({}, 5 + 1),  # 年度
    "meetings_attachment": ({}, 5 + 2),  # 年度, content types
    "meetings_areagroup": ({}, 5 + 2),  # areas, 年度
    "meetings_invitation+year": ({"fiscal_year": "2015"}, 4 + 2),  # 年度, its meetings
    "meetings_attendee+year": ({"fiscal_year": "2015"}, 4 + 3),  # areas, 年度, its meetings
    "meetings_rsvpperson+year": ({"fiscal_year": "2015"}, 4 + 3),  # areas, 年度, its meetings
    "meetings_meetingmail": ({}, 4 + 1),  # 年度 (a large table: no unfiltered count)
    "meetings_meetingmail+year": ({"fiscal_year": "2015"}, 4 + 2),  # 年度, its meetings
    "meetings_guest": ({}, 5 + 2),  # areas, 年度
    "meetings_minutes": ({}, 5 + 1),  # 年度
    "meetings_minutesdecision": ({}, 5),
    "meetings_minutesfollowup": ({}, 5),
    "contributions_project": ({}, 5 + 3),  # patterns, areas, themes
    "contributions_publishedproject": ({}, 5 + 2),  # patterns, areas
}


@pytest.fixture
def superuser_client(world):
    """The secretariat's admin account (the demo's staff is a superuser too)."""
    world.staff.is_superuser = True
    world.staff.save(update_fields=["is_superuser"])
    return client_for(world, "staff")


def _grow(times: int):
    Generator(seed=times).run(UNIT.scaled(times))
    # Answers name who gave them (the generator's have no account): a column of the list.
    Invitation.objects.exclude(answer=Invitation.Answer.PENDING).update(
        answered_by=User.objects.filter(is_staff=True).first()
    )


def _changelist_queries(client, key):
    model = key.split("+")[0]
    query, _expected = CHANGELISTS[key]
    url = reverse(f"admin:{model}_changelist")
    client.get(url, query)  # the first request fills per-process caches (content types …)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query)
    assert response.status_code == 200, (key, response.status_code)
    return len(queries), response


@pytest.mark.parametrize("key", list(CHANGELISTS))
def test_it_reads_a_changelist_with_the_same_queries_at_1x_and_10x(superuser_client, key):
    _grow(1)
    at_1x, _response = _changelist_queries(superuser_client, key)
    _grow(9)
    at_10x, response = _changelist_queries(superuser_client, key)
    assert (at_1x, at_10x) == (CHANGELISTS[key][1], CHANGELISTS[key][1]), key
    assert response.content.count(b"<option") < 100, key


def _first(model):
    return model.objects.order_by("pk").first()


CHANGE_FORMS = {
    "meetings_meeting": Meeting,
    "meetings_invitation": Invitation,
    "meetings_rsvpperson": RsvpPerson,
    "meetings_attendee": Attendee,
    "contributions_project": Project,
    "contributions_publishedproject": PublishedProject,
}


@pytest.mark.parametrize("model", list(CHANGE_FORMS))
def test_it_picks_related_rows_by_search_on_a_change_form(superuser_client, model):
    _grow(10)
    row = _first(CHANGE_FORMS[model])
    response = superuser_client.get(reverse(f"admin:{model}_change", args=[row.pk]))
    assert response.status_code == 200
    # The register has 120 corporations and 300 facilities here: none is listed.
    assert response.content.count(b"<option") < 100, model


def test_it_offers_the_meetings_of_the_chosen_year_only(superuser_client):
    _grow(1)
    response = superuser_client.get(reverse("admin:meetings_attendee_changelist"))
    assert b"meeting=" not in response.content
    response = superuser_client.get(reverse("admin:meetings_attendee_changelist"), {"fiscal_year": "2006"})
    meetings_2006 = Meeting.objects.filter(series__fiscal_year=2006)
    assert response.content.count(b"meeting=") >= meetings_2006.count() > 0
    chosen = meetings_2006.first()
    response = superuser_client.get(
        reverse("admin:meetings_attendee_changelist"), {"fiscal_year": "2006", "meeting": str(chosen.pk)}
    )
    listed = response.context["cl"].result_list
    assert listed and all(attendee.meeting_id == chosen.pk for attendee in listed)
