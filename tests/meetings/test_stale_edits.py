"""Two people open one screen of a meeting; the save made from the older screen is refused.

For each screen: two screens opened (GET), both saved, the second refused with the message,
the first's change kept, the second's typing shown again, and the change named in the table.
"""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import AreaGroup, Attendee, Invitation, Meeting, ProgramItem
from tests.factories import MembershipFactory, StaffFactory
from tests.stale import assert_refused, form_post, race

from .factories import AttendeeFactory, InvitationFactory, MeetingFactory, ProgramItemFactory
from .helpers import formset_post


@pytest.fixture
def other_staff_client(world):
    client = Client()
    client.force_login(StaffFactory(username="staff2"))
    return client


def test_it_refuses_a_meeting_save_from_an_outdated_screen(staff_client, other_staff_client, world):
    # Inside its series' fiscal year (2015).
    starts_at = datetime.datetime(2015, 7, 29, 14, tzinfo=timezone.get_current_timezone())
    meeting = MeetingFactory(venue="区役所", starts_at=starts_at)
    url = reverse("meetings:update", kwargs={"pk": meeting.pk})
    first = staff_client.get(url).context["form"]
    second = other_staff_client.get(url).context["form"]
    assert staff_client.post(url, form_post(first, venue="区民会館")).status_code == 302

    response = other_staff_client.post(url, form_post(second, notes="駐車場はありません。"))

    assert_refused(response, "会場")
    meeting.refresh_from_db()
    assert (meeting.venue, meeting.notes) == ("区民会館", "")
    form = response.context["form"]
    assert form["notes"].value() == "駐車場はありません。"
    assert form["venue"].value() == "区民会館"  # left alone on this screen: the saved value now
    assert other_staff_client.post(url, form_post(form)).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.venue, meeting.notes) == ("区民会館", "駐車場はありません。")


def test_it_refuses_a_programme_save_from_an_outdated_screen(staff_client, other_staff_client, world):
    meeting = MeetingFactory()
    greeting = ProgramItemFactory(meeting=meeting, order=1, kind="greeting", title="挨拶")
    ProgramItemFactory(meeting=meeting, order=2, kind="lecture", title="講演")
    url = reverse("meetings:program", kwargs={"pk": meeting.pk})
    first = staff_client.get(url).context["formset"]
    second = other_staff_client.get(url).context["formset"]
    assert staff_client.post(url, formset_post(first, {"items-0-title": "会長挨拶"})).status_code == 302

    response = other_staff_client.post(url, formset_post(second, {"items-1-speaker": "練馬 一郎"}))

    changes = assert_refused(response, "題目")
    assert [(c.row, c.before, c.after) for c in changes] == [("1", "挨拶", "会長挨拶")]
    assert list(meeting.program_items.values_list("title", "speaker")) == [
        ("会長挨拶", "大学教授"), ("講演", "大学教授"),
    ]
    formset = response.context["formset"]
    assert formset.forms[1]["speaker"].value() == "練馬 一郎"
    assert formset.forms[0]["title"].value() == "会長挨拶"
    assert ProgramItem.objects.get(pk=greeting.pk).version == 2


def test_it_refuses_an_answer_from_an_outdated_page(editor_a_client, world):
    invitation = InvitationFactory(corporation=world.corp_a)
    colleague = Client()
    colleague.force_login(MembershipFactory(user__username="editor_a2", corporation=world.corp_a).user)
    url = reverse("meetings:answer", kwargs={"pk": invitation.meeting_id, "invitation_pk": invitation.pk})
    first = editor_a_client.get(url)
    second = colleague.get(url)
    area = str(world.corp_a.home_area_id)
    first_data = {**formset_post(first.context["formset"]), **form_post(first.context["form"], answer="absent")}
    assert editor_a_client.post(url, first_data).status_code == 302

    second_data = {
        **formset_post(second.context["formset"], {"persons-0-name": "青葉 太郎", "persons-0-area": area}),
        **form_post(second.context["form"], answer="attend", comment="車椅子で伺います。"),
    }
    response = colleague.post(url, second_data)

    changes = assert_refused(response, "回答")
    assert ("回答", "未回答", "欠席") in {(c.label, c.before, c.after) for c in changes}
    invitation.refresh_from_db()
    assert invitation.answer == Invitation.Answer.ABSENT and not invitation.persons.exists()
    assert response.context["form"]["comment"].value() == "車椅子で伺います。"
    assert response.context["formset"].forms[0]["name"].value() == "青葉 太郎"
    assert colleague.post(url, form_post(response.context["form"]) | second_data | {
        "version": str(invitation.version)}).status_code == 302


@pytest.fixture
def attendance_meeting(world):
    meeting = MeetingFactory(status=Meeting.Status.HELD)
    InvitationFactory(meeting=meeting, corporation=world.corp_a)
    taro = AttendeeFactory(meeting=meeting, corporation=world.corp_a, name="青葉 太郎", title="理事長", order=0)
    hanako = AttendeeFactory(meeting=meeting, corporation=world.corp_a, name="青葉 花子", title="主任", order=1)
    return meeting, taro, hanako


def _row(formset, name):
    return next(i for i, form in enumerate(formset.forms) if form.initial.get("name") == name)


def test_it_refuses_an_attendance_save_from_an_outdated_screen(staff_client, other_staff_client, attendance_meeting):
    meeting, taro, hanako = attendance_meeting
    url = reverse("meetings:attendance", kwargs={"pk": meeting.pk})
    first = staff_client.get(url).context["formset"]
    second = other_staff_client.get(url).context["formset"]
    # One unticks a person and saves; the other, on the older screen, fixes a title.
    unticked = formset_post(first, {f"rows-{_row(first, '青葉 太郎')}-present": None})
    assert staff_client.post(url, unticked).status_code == 302

    response = other_staff_client.post(url, formset_post(second, {f"rows-{_row(second, '青葉 花子')}-title": "施設長"}))

    changes = assert_refused(response, "出席")
    assert [(c.row, c.label, c.before, c.after) for c in changes] == [
        (f"{taro.corporation.name} 青葉 太郎", "出席", "はい", "いいえ")
    ]
    assert Attendee.objects.get(pk=taro.pk).present is False  # the first change is kept
    assert Attendee.objects.get(pk=hanako.pk).title == "主任"
    formset = response.context["formset"]
    assert formset.forms[_row(second, "青葉 花子")]["title"].value() == "施設長"
    assert formset.forms[_row(second, "青葉 太郎")]["present"].value() is False  # refreshed, not re-ticked

    # Saved again from the re-rendered screen: both changes stand.
    data = {key: value for key, value in response.context["formset"].data.items()}
    for form in formset.forms:
        data.update({key: value for key, value in form.data.items() if key.startswith(form.prefix + "-")})
        if not form.data.get(form.add_prefix("present")):
            data.pop(form.add_prefix("present"), None)
    assert other_staff_client.post(url, data).status_code == 302
    assert Attendee.objects.get(pk=taro.pk).present is False
    assert Attendee.objects.get(pk=hanako.pk).title == "施設長"


def _groups_data(response, **typed):
    data = {}
    for form, area, _people in response.context["rows"]:
        data.update(form_post(form))
        data.update(
            {form.add_prefix(name): value for (area_name, name), value in typed.items() if area_name == area.name}
        )
    return data


def test_it_refuses_an_area_group_save_from_an_outdated_screen(staff_client, other_staff_client, world):
    meeting = MeetingFactory(status=Meeting.Status.HELD)
    nerima = world.corp_a.home_area
    AreaGroup.objects.create(meeting=meeting, area=nerima, facilitator="進行 花子")
    url = reverse("meetings:groups", kwargs={"pk": meeting.pk})
    first = staff_client.get(url)
    second = other_staff_client.get(url)
    assert staff_client.post(url, _groups_data(first, **{}) | {
        f"area-{nerima.pk}-notes": "自己紹介から始めた。"}).status_code == 302

    response = other_staff_client.post(url, _groups_data(second) | {f"area-{nerima.pk}-recorder": "記録 一郎"})

    assert_refused(response, "話し合いの記録")
    group = AreaGroup.objects.get(meeting=meeting, area=nerima)
    assert (group.notes, group.recorder) == ("自己紹介から始めた。", "")
    form = next(form for form, area, _people in response.context["rows"] if area == nerima)
    assert form["recorder"].value() == "記録 一郎"
    assert form["notes"].value() == "自己紹介から始めた。"
    assert other_staff_client.post(url, _groups_data(response)).status_code == 302
    group.refresh_from_db()
    assert (group.notes, group.recorder) == ("自己紹介から始めた。", "記録 一郎")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks and concurrent connections: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_it_lets_only_one_of_two_simultaneous_attendance_saves_of_one_screen_through_on_postgresql():
    from corporations.models import Corporation
    from tests.factories import CorporationFactory

    corporation: Corporation = CorporationFactory()
    meeting = MeetingFactory()
    attendee = AttendeeFactory(meeting=meeting, corporation=corporation, name="青葉 太郎", title="理事長")
    staff = StaffFactory()
    row = {"attendee_id": attendee.pk, "version": attendee.version, "corporation_id": corporation.pk,
           "facility_id": None, "name": "青葉 太郎", "area_id": corporation.home_area_id, "walk_in": False}

    def save(change):
        title, present = change
        services.attendance_save(meeting=meeting, rows=[{**row, "title": title, "present": present}], acting_user=staff)

    outcomes = [(outcome, title) for outcome, (title, _present) in race(save, [("施設長", True), ("理事長", False)])]
    assert sorted(outcome for outcome, _title in outcomes) == ["refused", "saved"]
    saved_title = next(title for outcome, title in outcomes if outcome == "saved")
    stored = Attendee.objects.get(pk=attendee.pk)
    assert (stored.title, stored.version) == (saved_title, 2)
