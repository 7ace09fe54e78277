"""Nothing with a history disappears by cascade, and replaced names on an answer can be read back."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from meetings import services
from meetings.models import AreaGroup, Attendee, Invitation, Meeting, RsvpPerson
from tests.factories import AreaFactory

from .factories import (
    AttachmentFactory,
    AttendeeFactory,
    InvitationFactory,
    MeetingFactory,
    ProgramItemFactory,
    RsvpPersonFactory,
)


def _area_group(meeting):
    return AreaGroup.objects.create(meeting=meeting, area=AreaFactory(name="光が丘"))


@pytest.mark.parametrize("make", [
    lambda m: InvitationFactory(meeting=m),
    lambda m: AttendeeFactory(meeting=m),
    lambda m: ProgramItemFactory(meeting=m),
    lambda m: AttachmentFactory(meeting=m),
    _area_group,
], ids=["invitation", "attendee", "program_item", "attachment", "area_group"])
def test_it_refuses_to_delete_a_meeting_with_records(world, make):
    meeting = MeetingFactory()
    row = make(meeting)
    with pytest.raises(ProtectedError):
        meeting.delete()
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    assert type(row).objects.filter(pk=row.pk).exists()


def test_it_still_deletes_a_meeting_that_has_no_records(world):
    meeting = MeetingFactory()
    meeting.delete()
    assert not Meeting.objects.filter(pk=meeting.pk).exists()


def test_it_refuses_to_delete_an_invitation_with_names(world):
    person = RsvpPersonFactory(invitation=InvitationFactory(corporation=world.corp_a))
    with pytest.raises(ProtectedError):
        person.invitation.delete()
    assert RsvpPerson.objects.filter(pk=person.pk).exists()


def test_it_shows_in_the_admin_that_a_meeting_with_invitations_cannot_be_deleted(superuser_client, world):
    client = superuser_client
    invitation = InvitationFactory(corporation=world.corp_a)
    RsvpPersonFactory(invitation=invitation, name="青葉 一郎")
    AttendeeFactory(meeting=invitation.meeting, corporation=world.corp_a)
    url = reverse("admin:meetings_meeting_delete", args=[invitation.meeting.pk])

    response = client.get(url)
    assert response.status_code == 200
    assert response.context["protected"]
    assert "Cannot delete" in response.context["title"] or "削除できません" in response.context["title"]

    response = client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert Meeting.objects.filter(pk=invitation.meeting.pk).exists()
    assert Invitation.objects.filter(pk=invitation.pk).exists()
    assert invitation.persons.get().name == "青葉 一郎"
    assert Attendee.objects.filter(meeting=invitation.meeting).count() == 1


def test_it_refuses_in_the_admin_the_bulk_delete_of_meetings_with_invitations(superuser_client, world):
    client = superuser_client
    invitation = InvitationFactory(corporation=world.corp_a)
    response = client.post(reverse("admin:meetings_meeting_changelist"), {
        "action": "delete_selected", "_selected_action": [invitation.meeting.pk], "post": "yes",
    })
    assert response.status_code == 200
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_it_refuses_to_delete_a_facility_used_on_attendance_and_keeps_it_there(world):
    attendee = AttendeeFactory(corporation=world.corp_a, facility=world.facility_a)
    with pytest.raises(ProtectedError):
        world.facility_a.delete()
    attendee.refresh_from_db()
    assert attendee.facility == world.facility_a


def test_it_refuses_to_delete_a_facility_named_on_an_answer_and_keeps_it_there(world):
    person = RsvpPersonFactory(invitation=InvitationFactory(corporation=world.corp_a), facility=world.facility_a)
    with pytest.raises(ProtectedError):
        world.facility_a.delete()
    person.refresh_from_db()
    assert person.facility == world.facility_a


def test_it_shows_in_the_admin_that_a_facility_on_attendance_cannot_be_deleted(superuser_client, world):
    client = superuser_client
    attendee = AttendeeFactory(corporation=world.corp_a, facility=world.facility_a)
    url = reverse("admin:corporations_facility_delete", args=[world.facility_a.pk])
    assert client.get(url).context["protected"]
    assert client.post(url, {"post": "yes"}).status_code == 200
    attendee.refresh_from_db()
    assert attendee.facility == world.facility_a


def test_it_records_replaced_names_on_an_answer_with_who_replaced_them(world):
    invitation = InvitationFactory(corporation=world.corp_a)
    area = world.corp_a.home_area
    services.rsvp_answer(
        invitation=invitation, acting_user=world.editor_a, answer="attend", comment="",
        persons=[
            {"name": "青葉 一郎", "title": "施設長", "area": area},
            {"name": "青葉 二郎", "title": "", "area": area},
        ],
    )
    services.rsvp_answer(
        invitation=invitation, acting_user=world.staff, answer="attend", comment="",
        persons=[{"name": "青葉 三郎", "title": "", "area": area}],
    )

    assert list(invitation.persons.values_list("name", flat=True)) == ["青葉 三郎"]
    history = RsvpPerson.history.filter(invitation_id=invitation.pk)
    assert sorted(history.filter(history_type="+").values_list("name", "history_user__username")) == [
        ("青葉 一郎", "editor_a"), ("青葉 三郎", "staff"), ("青葉 二郎", "editor_a"),
    ]
    # The names the staff member replaced, and who replaced them.
    assert sorted(history.filter(history_type="-").values_list("name", "title", "history_user__username")) == [
        ("青葉 一郎", "施設長", "staff"), ("青葉 二郎", "", "staff"),
    ]


def test_it_records_the_names_removed_by_an_absent_answer(world):
    invitation = InvitationFactory(corporation=world.corp_a)
    RsvpPersonFactory(invitation=invitation, name="青葉 一郎")
    services.rsvp_answer(invitation=invitation, acting_user=world.editor_a, answer="absent", comment="", persons=[])
    assert not invitation.persons.exists()
    removed = RsvpPerson.history.get(invitation_id=invitation.pk, history_type="-")
    assert (removed.name, removed.history_user) == ("青葉 一郎", world.editor_a)
