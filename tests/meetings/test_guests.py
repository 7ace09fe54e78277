"""Guests of no corporation: added, answered, ticked on the day, counted apart from corporations."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from meetings import selectors, services
from meetings.models import Attendee, Guest, Invitation

from .factories import AttendeeFactory, GuestFactory, InvitationFactory, MeetingFactory
from .helpers import formset_post


@pytest.fixture
def meeting(world):
    meeting = MeetingFactory()
    for corporation in (world.corp_a, world.corp_b):
        InvitationFactory(meeting=meeting, corporation=corporation)
    return meeting


def _attendance(client, meeting):
    response = client.get(reverse("meetings:attendance", kwargs={"pk": meeting.pk}))
    assert response.status_code == 200
    return response.context["formset"], response.context["guest_formset"]


def _post_screen(client, meeting, formset, guests, rows=None, guest_rows=None):
    data = {**formset_post(formset, rows), **formset_post(guests, guest_rows)}
    return client.post(reverse("meetings:attendance", kwargs={"pk": meeting.pk}), data)


def test_it_has_the_database_refuse_a_guest_twice_or_without_an_organisation(world, meeting):
    GuestFactory(meeting=meeting, name="福祉 太郎", organisation="練馬区 福祉部")
    with pytest.raises(IntegrityError), transaction.atomic():
        Guest.objects.create(meeting=meeting, name="福祉 太郎", organisation="練馬区 福祉部")
    with pytest.raises(IntegrityError, match="guest_has_organisation"), transaction.atomic():
        Guest.objects.create(meeting=meeting, name="住民 花子", organisation="")
    with pytest.raises(IntegrityError, match="guest_answer_has_time"), transaction.atomic():
        Guest.objects.create(meeting=meeting, name="講師 一郎", organisation="大学", answer="attend")


def test_it_keeps_a_meeting_with_guests_from_being_deleted(world, meeting):
    from django.db.models import ProtectedError

    GuestFactory(meeting=meeting)
    with pytest.raises(ProtectedError):
        meeting.delete()


def test_staff_add_a_guest_with_an_answer_and_mail_the_invitation(
    staff_client, world, meeting, django_capture_on_commit_callbacks, deliver_mail
):
    url = reverse("meetings:guests", kwargs={"pk": meeting.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {
            "name": "福祉　太郎", "organisation": "練馬区 福祉部", "title": "部長", "email": "fukushi@example.jp",
            "answer": "attend", "area": "", "send_invitation": "on",
        })
    assert response.status_code == 302
    guest = Guest.objects.get(meeting=meeting)
    assert (guest.name, guest.answer, guest.answered_at is not None) == ("福祉 太郎", "attend", True)
    assert guest.history.first().history_user == world.staff
    assert [m.to for m in deliver_mail()] == [["fukushi@example.jp"]]
    assert "練馬区役所" in mail.outbox[0].body
    page = staff_client.get(url).content.decode()
    assert "福祉 太郎" in page and "練馬区 福祉部" in page


def test_it_refuses_a_guest_without_an_organisation_next_to_the_field(staff_client, meeting):
    response = staff_client.post(reverse("meetings:guests", kwargs={"pk": meeting.pk}), {
        "name": "住民 花子", "organisation": "", "answer": "pending", "area": "",
    })
    assert response.status_code == 400
    assert response.context["form"].errors["organisation"]
    assert not Guest.objects.exists()


def test_staff_record_a_guests_answer_and_an_outdated_screen_is_refused(staff_client, world, meeting):
    guest = GuestFactory(meeting=meeting)
    url = reverse("meetings:guest_update", kwargs={"pk": meeting.pk, "guest_pk": guest.pk})
    data = {"name": guest.name, "organisation": guest.organisation, "title": "", "email": "", "answer": "absent",
            "area": "", "version": "1"}
    assert staff_client.post(url, data).status_code == 302
    guest.refresh_from_db()
    assert guest.answer == "absent" and guest.answered_at is not None and guest.version == 2
    assert staff_client.post(url, {**data, "answer": "attend"}).status_code == 409
    guest.refresh_from_db()
    assert guest.answer == "absent"


def test_another_meetings_guest_answers_404(staff_client, meeting):
    guest = GuestFactory()
    url = reverse("meetings:guest_update", kwargs={"pk": meeting.pk, "guest_pk": guest.pk})
    assert staff_client.get(url).status_code == 404


def test_guests_are_ticked_on_the_screen_and_a_walk_in_guest_is_added(staff_client, world, meeting):
    came = GuestFactory(meeting=meeting, name="講師 一郎", organisation="○○大学", answer="attend",
                        answered_at=meeting.starts_at)
    GuestFactory(meeting=meeting, name="欠席 次郎", organisation="練馬区 福祉部")
    formset, guests = _attendance(staff_client, meeting)
    index = next(i for i, form in enumerate(guests.forms) if form.initial.get("guest") == came.pk)
    extra = guests.initial_form_count()
    response = _post_screen(staff_client, meeting, formset, guests, guest_rows={
        f"guests-{index}-present": "on",
        f"guests-{extra}-name": "住民 花子", f"guests-{extra}-organisation": "住民",
        f"guests-{extra}-area": str(world.corp_a.home_area_id), f"guests-{extra}-present": "on",
    })
    assert response.status_code == 302
    assert set(Guest.objects.filter(meeting=meeting, present=True).values_list("name", "walk_in")) == {
        ("講師 一郎", False), ("住民 花子", True),
    }
    # Counted apart: no corporation gained an attendee.
    assert not Attendee.objects.filter(meeting=meeting).exists()
    counts = selectors.attendance_counts(meeting)
    assert (counts["attended_corporations"], counts["guests_present"], counts["guests_invited"]) == (0, 2, 2)


def test_a_walk_in_guest_row_needs_a_name_and_an_organisation(staff_client, meeting):
    formset, guests = _attendance(staff_client, meeting)
    extra = guests.initial_form_count()
    response = _post_screen(staff_client, meeting, formset, guests, guest_rows={
        f"guests-{extra}-name": "住民 花子", f"guests-{extra}-present": "on",
    })
    assert response.status_code == 400
    assert "所属を入力してください" in response.content.decode()
    assert not Guest.objects.exists()


def test_an_outdated_guest_tick_is_refused_and_nothing_is_saved(staff_client, world, meeting):
    guest = GuestFactory(meeting=meeting)
    formset, guests = _attendance(staff_client, meeting)
    services.attendance_save(
        meeting=meeting, rows=[], acting_user=world.staff,
        guest_rows=[{"guest_id": guest.pk, "version": 1, "present": True, "area_id": None}],
    )
    a = next(i for i, f in enumerate(formset.forms) if f.initial.get("corporation") == world.corp_a.pk)
    response = _post_screen(staff_client, meeting, formset, guests, rows={
        f"rows-{a}-name": "青葉 太郎", f"rows-{a}-present": "on",
    }, guest_rows={"guests-0-present": None})
    assert response.status_code == 409
    assert not Attendee.objects.filter(meeting=meeting).exists()
    guest.refresh_from_db()
    assert guest.present and guest.version == 2


def test_the_report_counts_guests_apart_from_corporations(staff_client, world, meeting):
    AttendeeFactory(meeting=meeting, corporation=world.corp_a, name="青葉 太郎", present=True)
    GuestFactory(meeting=meeting, name="講師 一郎", organisation="○○大学", present=True,
                 area=world.corp_a.home_area)
    GuestFactory(meeting=meeting, name="区 職員", organisation="練馬区 福祉部", present=True)
    GuestFactory(meeting=meeting, name="来なかった 人", organisation="町会", present=False)
    response = staff_client.get(reverse("meetings:report", kwargs={"pk": meeting.pk}))
    report = response.context["report"]
    assert (report.attended_count, report.total_count, report.attendee_count, report.guest_count) == (1, 2, 1, 2)
    content = response.content.decode()
    assert "出席 1法人 / 2法人 (50.0%)" in content
    assert "来賓・関係者（法人以外） 2人" in content
    assert "講師 一郎" in content and "来なかった 人" not in content
    area = next(a for a in report.areas if a.area == world.corp_a.home_area)
    assert [g.name for g in area.guests] == ["講師 一郎"]
    printed = staff_client.get(reverse("meetings:report_print", kwargs={"pk": meeting.pk})).content.decode()
    assert "区 職員" in printed  # the guest of no group has a page of its own


def test_the_answers_prefill_names_but_a_no_show_is_not_counted_present(staff_client, world, meeting):
    from .factories import RsvpPersonFactory

    for invitation in meeting.invitations.all():
        invitation.answer, invitation.answered_at = Invitation.Answer.ATTEND, invitation.invited_at
        invitation.save()
        RsvpPersonFactory(invitation=invitation, name=f"予定 {invitation.corporation.name_kana}")
    formset, guests = _attendance(staff_client, meeting)
    assert not any(form.initial.get("present") for form in formset.forms)
    a = next(i for i, f in enumerate(formset.forms) if f.initial.get("corporation") == world.corp_a.pk)
    # Only A's person is ticked by the clerk; B's said 出席 and did not come.
    response = _post_screen(staff_client, meeting, formset, guests, rows={f"rows-{a}-present": "on"})
    assert response.status_code == 302
    report = selectors.area_report(meeting)
    assert (report.attended_count, report.total_count) == (1, 2)
    assert selectors.attendance_counts(meeting)["attended_corporations"] == 1


def test_the_report_workbook_lists_the_guests_on_a_sheet_of_their_own(staff_client, world, meeting):
    import io

    from openpyxl import load_workbook

    GuestFactory(meeting=meeting, name="講師 一郎", organisation="○○大学", present=True)
    response = staff_client.get(reverse("meetings:report_xlsx", kwargs={"pk": meeting.pk}))
    book = load_workbook(io.BytesIO(response.getvalue()))
    assert book.sheetnames[-1] == "来賓・関係者"
    assert ("○○大学", "講師 一郎") in [row[:2] for row in book["来賓・関係者"].values]
