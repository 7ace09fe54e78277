"""The day of the meeting: 回答どおり, the presence tick, walk-ins found by search, the field limit
of the screen, the sign-in sheet, held meetings and their counts, and the pages' queries at 1× and 10×."""

import datetime
import re
from urllib.parse import urlencode

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Attendee, Guest, Invitation, Meeting
from tests.factories import AreaFactory, CorporationFactory, FacilityFactory

from .factories import (
    AttendeeFactory,
    GuestFactory,
    InvitationFactory,
    MeetingFactory,
    MeetingSeriesFactory,
    RsvpPersonFactory,
    corporations_in_areas,
)
from .helpers import formset_post


def _answered(meeting, corporation, answer=Invitation.Answer.ATTEND, names=()):
    invitation = InvitationFactory(meeting=meeting, corporation=corporation, answer=answer, answered_at=timezone.now())
    for name in names:
        RsvpPersonFactory(invitation=invitation, name=name)
    return invitation


def _as_answered(client, meeting, area):
    return client.post(reverse("meetings:attendance_as_answered", kwargs={"pk": meeting.pk}), {"area": area})


# 回答どおり


def test_as_answered_ticks_those_who_said_they_would_come_in_that_area_only(staff_client, world):
    nerima, oizumi = AreaFactory(name="練馬"), AreaFactory(name="大泉")
    meeting = MeetingFactory()
    came = CorporationFactory(home_area=nerima)
    no_names = CorporationFactory(home_area=nerima)
    absent = CorporationFactory(home_area=nerima)
    elsewhere = CorporationFactory(home_area=oizumi)
    _answered(meeting, came, names=["出席 一郎", "出席 二郎"])
    _answered(meeting, no_names)
    _answered(meeting, absent, answer=Invitation.Answer.ABSENT, names=[])
    _answered(meeting, elsewhere, names=["大泉 三郎"])
    # The clerk had unticked 出席 二郎 already: 回答どおり ticks again, it never unticks.
    AttendeeFactory(meeting=meeting, corporation=came, name="出席 二郎", present=False)
    response = _as_answered(staff_client, meeting, nerima.pk)
    assert response.status_code == 302 and response["Location"].endswith(f"#area-{nerima.pk}")
    present = set(Attendee.objects.filter(meeting=meeting, present=True).values_list("corporation", "name"))
    assert present == {(came.pk, "出席 一郎"), (came.pk, "出席 二郎"), (no_names.pk, "")}
    assert Attendee.objects.filter(meeting=meeting).count() == 3
    ticked = Attendee.objects.get(name="出席 二郎")
    assert ticked.version == 2 and ticked.history.first().history_user == world.staff
    # Pressed twice: nothing more.
    _as_answered(staff_client, meeting, nerima.pk)
    assert Attendee.objects.filter(meeting=meeting).count() == 3


def test_as_answered_for_the_guests(staff_client, world):
    meeting = MeetingFactory()
    GuestFactory(meeting=meeting, name="講師 一郎", answer="attend", answered_at=timezone.now())
    GuestFactory(meeting=meeting, name="未定 二郎", answer="undecided", answered_at=timezone.now())
    assert _as_answered(staff_client, meeting, "guests").status_code == 302
    assert list(Guest.objects.filter(present=True).values_list("name", flat=True)) == ["講師 一郎"]


def test_as_answered_refuses_an_unknown_area_and_members(staff_client, editor_a_client, world):
    meeting = MeetingFactory()
    _answered(meeting, world.corp_a, names=["青葉 太郎"])
    assert _as_answered(staff_client, meeting, "999999").status_code == 404
    assert _as_answered(editor_a_client, meeting, world.corp_a.home_area_id).status_code == 403
    assert not Attendee.objects.exists()


def test_the_screen_offers_as_answered_per_area_with_and_without_javascript(staff_client, world):
    meeting = MeetingFactory()
    _answered(meeting, world.corp_a, names=["青葉 太郎"])
    content = staff_client.get(reverse("meetings:attendance", kwargs={"pk": meeting.pk})).content.decode()
    area = world.corp_a.home_area_id
    # A submit button of the small form (no JavaScript) with its own value, which attendance.js
    # turns into ticking. One form for every area: its CSRF token stays out of the kept rows.
    assert f'form="as-answered" name="area" value="{area}"' in content
    assert content.count('id="as-answered"') == 1
    assert 'data-answered="attend"' in content
    assert 'name="rows-0-present"' in content and "checked" not in content.split('name="rows-0-present"')[1][:40]


# The corporations and facilities a screen carries


def test_the_screen_carries_the_meetings_corporations_and_each_rows_own_facilities_only(staff_client, world):
    meeting = MeetingFactory()
    InvitationFactory(meeting=meeting, corporation=world.corp_a)
    others = [CorporationFactory(name=f"社会福祉法人ほかの会{i}") for i in range(12)]
    for corporation in others:
        FacilityFactory(corporation=corporation, name=f"ほかの施設{corporation.pk}")
    content = staff_client.get(reverse("meetings:attendance", kwargs={"pk": meeting.pk})).content.decode()
    assert "ほかの会" not in content and "ほかの施設" not in content
    assert world.facility_a.name in content and world.facility_b.name not in content
    assert reverse("corporations:search") in content  # walk-ins: found by search


def test_a_walk_in_from_an_uninvited_corporation_is_saved_with_its_facility(staff_client, world):
    meeting = MeetingFactory()
    InvitationFactory(meeting=meeting, corporation=world.corp_a)
    response = staff_client.get(reverse("meetings:attendance", kwargs={"pk": meeting.pk}))
    formset, guests = response.context["formset"], response.context["guest_formset"]
    extra = formset.initial_form_count()
    data = {**formset_post(formset, {
        f"rows-{extra}-corporation": str(world.corp_b.pk), f"rows-{extra}-name": "桜 花子",
        f"rows-{extra}-facility": str(world.facility_b.pk), f"rows-{extra}-present": "on",
    }), **formset_post(guests)}
    assert staff_client.post(reverse("meetings:attendance", kwargs={"pk": meeting.pk}), data).status_code == 302
    walk_in = Attendee.objects.get(meeting=meeting, corporation=world.corp_b)
    assert walk_in.walk_in and walk_in.facility == world.facility_b and walk_in.present
    # A facility of another corporation, or a corporation that does not exist, is refused.
    data[f"rows-{extra}-facility"] = str(world.facility_a.pk)
    data[f"rows-{extra}-name"] = "別の 人"
    assert staff_client.post(reverse("meetings:attendance", kwargs={"pk": meeting.pk}), data).status_code == 400
    data[f"rows-{extra}-corporation"] = "999999"
    assert staff_client.post(reverse("meetings:attendance", kwargs={"pk": meeting.pk}), data).status_code == 400


def test_the_facilities_of_the_chosen_corporation_come_as_json(staff_client, world):
    FacilityFactory(corporation=world.corp_a, name="あおば保育園")
    meeting = MeetingFactory()
    url = reverse("meetings:attendance_facilities", kwargs={"pk": meeting.pk})
    found = staff_client.get(url, {"corporation": world.corp_a.pk}).json()["results"]
    assert sorted(r["text"] for r in found) == sorted(["あおばホーム", "あおば保育園"])
    assert staff_client.get(url, {"corporation": "x"}).json() == {"results": []}


# The field limit, raised for this view only


@pytest.mark.parametrize("invited", [220, 630])
def test_the_screen_reads_more_fields_than_the_site_wide_limit_and_no_other_view_does(staff_client, world, invited):
    # The site-wide limit is Django's 1,000 fields; 630 invited corporations post over 5,000.
    meeting = MeetingFactory()
    corporations = corporations_in_areas(invited)
    for corporation in corporations:
        InvitationFactory(meeting=meeting, corporation=corporation)
    response = staff_client.get(reverse("meetings:attendance", kwargs={"pk": meeting.pk}))
    formset, guests = response.context["formset"], response.context["guest_formset"]
    data = {**formset_post(formset, {f"rows-{i}-name": f"出席 {i}" for i in range(invited)}), **formset_post(guests)}
    data.update({f"rows-{i}-present": "on" for i in range(invited)})
    assert len(data) > 1000 * invited // 220
    body, form = urlencode(data), "application/x-www-form-urlencoded"
    response = staff_client.post(reverse("meetings:attendance", kwargs={"pk": meeting.pk}), body, content_type=form)
    assert response.status_code == 302
    assert Attendee.objects.filter(meeting=meeting, present=True).count() == invited
    other = staff_client.post(reverse("meetings:groups", kwargs={"pk": meeting.pk}), body, content_type=form)
    assert other.status_code == 400  # TooManyFieldsSent: the site-wide limit still holds elsewhere


def test_the_screen_still_checks_csrf(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.staff)
    meeting = MeetingFactory()
    InvitationFactory(meeting=meeting, corporation=world.corp_a)
    data = {"rows-TOTAL_FORMS": "1", "rows-INITIAL_FORMS": "1", "rows-0-corporation": str(world.corp_a.pk),
            "rows-0-name": "青葉 太郎", "rows-0-present": "on"}
    response = client.post(
        reverse("meetings:attendance", kwargs={"pk": meeting.pk}), urlencode(data),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 403
    assert not Attendee.objects.exists()


def test_630_changed_rows_are_saved_with_their_history_in_a_fixed_number_of_queries(
    world, django_assert_max_num_queries
):
    meeting = MeetingFactory()
    corporations = corporations_in_areas(630)
    rows = [
        {"attendee_id": None, "corporation_id": c.pk, "facility_id": None, "name": f"出席者 {i}", "title": "",
         "area_id": c.home_area_id, "present": True, "walk_in": False}
        for i, c in enumerate(corporations)
    ]
    # savepoint, lock, attendees, INSERT (executemany), their ids, history INSERT (executemany),
    # guests present, release
    with django_assert_max_num_queries(8):
        services.attendance_save(meeting=meeting, rows=rows, acting_user=world.staff)
    recorded = {a.name: a for a in Attendee.objects.filter(meeting=meeting)}
    for row in rows:
        row["attendee_id"], row["version"], row["title"] = recorded[row["name"]].pk, 1, "理事"
        row["present"] = not row["name"].endswith("0")
    with django_assert_max_num_queries(8):
        result = services.attendance_save(meeting=meeting, rows=rows, acting_user=world.staff)
    assert result.updated == 630 and result.present == 567
    attendee = Attendee.objects.get(meeting=meeting, name="出席者 10")
    assert (attendee.title, attendee.present, attendee.version) == ("理事", False, 2)
    history = list(attendee.history.order_by("history_id").values_list("history_type", "title", "history_user"))
    assert history == [("+", "", world.staff.pk), ("~", "理事", world.staff.pk)]


# 開催済 only on or after the meeting's day


def test_a_meeting_cannot_be_held_before_its_date(world):
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    series = MeetingSeriesFactory(fiscal_year=timezone.localdate().year if tomorrow.month >= 4 else tomorrow.year - 1)
    meeting = MeetingFactory(series=series, starts_at=tomorrow, ends_at=tomorrow + datetime.timedelta(hours=2))
    meeting.status = Meeting.Status.HELD
    with pytest.raises(ValidationError) as refused:
        meeting.full_clean()
    assert "開催日" in refused.value.message_dict["status"][0]
    with pytest.raises(ValidationError):
        services.meeting_update(meeting=meeting, acting_user=world.staff, status=Meeting.Status.HELD)
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.PLANNED


def test_a_meeting_can_be_held_on_its_day_and_after(world):
    now = timezone.localtime()
    starts = now.replace(hour=23, minute=0, second=0, microsecond=0)  # later today
    from core.wareki import fiscal_year_of

    meeting = MeetingFactory(
        series=MeetingSeriesFactory(fiscal_year=fiscal_year_of(starts)), starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=30),
    )
    services.meeting_update(meeting=meeting, acting_user=world.staff, status=Meeting.Status.HELD)
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.HELD


def test_the_edit_form_says_why_next_to_the_status(staff_client, world):
    meeting = MeetingFactory()  # 30 days ahead
    local = timezone.localtime(meeting.starts_at)
    response = staff_client.post(reverse("meetings:update", kwargs={"pk": meeting.pk}), {
        "number": str(meeting.number), "starts_at": local.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": timezone.localtime(meeting.ends_at).strftime("%Y-%m-%dT%H:%M"), "venue": meeting.venue,
        "status": "held", "version": str(meeting.version),
    })
    assert response.status_code in (200, 400)
    assert "「開催済」にはできません" in " ".join(response.context["form"].errors["status"])
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.PLANNED


# The list of meetings: corporations that came over those invited, guests apart


def _held(fiscal_year=2015, **kwargs):
    starts = datetime.datetime(fiscal_year, 10, 29, 14, tzinfo=datetime.UTC)
    return MeetingFactory(
        series=MeetingSeriesFactory(fiscal_year=fiscal_year), starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2), status=Meeting.Status.HELD, **kwargs,
    )


def test_the_list_shows_held_meetings_as_corporations_attended_over_invited(staff_client, world):
    meeting = _held()
    corporations = corporations_in_areas(5)
    for corporation in corporations:
        _answered(meeting, corporation)  # all five answered 出席 …
    AttendeeFactory(meeting=meeting, corporation=corporations[0], name="一", present=True)
    AttendeeFactory(meeting=meeting, corporation=corporations[0], name="二", present=True)
    AttendeeFactory(meeting=meeting, corporation=corporations[1], present=True)
    AttendeeFactory(meeting=meeting, corporation=corporations[2], present=False)  # … one no-show
    AttendeeFactory(meeting=meeting, corporation=world.corp_b, present=True, walk_in=True)  # not invited
    GuestFactory(meeting=meeting, present=True)
    GuestFactory(meeting=meeting, present=False)
    content = staff_client.get(reverse("meetings:list"), {"fy": 2015}).content.decode()
    cell = re.search(r'data-testid="held-count">([^<]*)<', content).group(1)
    assert cell == "出席 3 / 6"
    assert "1人" in content


# 受付名簿


def test_the_signin_sheet_has_no_empty_header_cells_and_lists_the_guests(staff_client, world):
    meeting = MeetingFactory()
    _answered(meeting, world.corp_a, names=["青葉 太郎", "青葉 次郎"])
    _answered(meeting, world.corp_b, answer=Invitation.Answer.ABSENT)
    GuestFactory(meeting=meeting, name="講師 一郎", organisation="○○大学")
    GuestFactory(meeting=meeting, name="欠席 来賓", answer="absent", answered_at=timezone.now())
    content = staff_client.get(reverse("meetings:signin_sheet", kwargs={"pk": meeting.pk})).content.decode()
    assert not re.search(r"<th[^>]*>\s*(&nbsp;)?\s*</th>", content)
    assert 'rowspan="2"' in content and "青葉 次郎" in content
    assert "講師 一郎" in content and "欠席 来賓" not in content


# Query counts at 1× and 10×


def _meeting_of(size, *, held=False):
    meeting = _held() if held else MeetingFactory()
    corporations = corporations_in_areas(size)
    for i, corporation in enumerate(corporations):
        FacilityFactory(corporation=corporation)
        _answered(meeting, corporation, names=[f"予定 {i}"])
        if i % 2:
            AttendeeFactory(meeting=meeting, corporation=corporation, present=True)
    for i in range(max(1, size // 3)):
        GuestFactory(meeting=meeting, present=bool(i % 2), area=corporations[0].home_area)
    return meeting


@pytest.mark.parametrize(("url_name", "queries"), [
    # Each page also reads the data generation, read once by its first cached fragment
    # (core/fragments.py): the last query of each count.
    # session, user, meeting, invitations+corporations+home areas, RSVP persons,
    # attendees+corporations+home areas, facilities of those corporations, guests, areas
    ("meetings:attendance", 10),
    # session, user, meeting, invitations+corporations+home areas, RSVP persons, guests
    ("meetings:signin_sheet", 7),
    # session, user, meeting, group records, areas (rows), group records, present attendees,
    # areas, present guests
    ("meetings:groups", 10),
    # session, user, meeting, areas, invitations+corporations, present attendees, present guests
    ("meetings:report", 8),
    ("meetings:report_print", 8),
    # session, user, meeting, guests+areas, (the data generation), areas (the form's choices)
    ("meetings:guests", 6),
])
def test_the_pages_of_the_day_take_the_same_queries_at_10x(
    staff_client, world, django_assert_num_queries, url_name, queries
):
    for size in (6, 60):
        meeting = _meeting_of(size)
        with django_assert_num_queries(queries):
            assert staff_client.get(reverse(url_name, kwargs={"pk": meeting.pk})).status_code == 200


def test_the_list_of_held_meetings_takes_the_same_queries_at_10x(staff_client, world, django_assert_num_queries):
    # session, user, fiscal years, meetings with their counts (one query, correlated subqueries),
    # the year's series (staff: the copy links), the data generation (read once by the page's
    # first cached fragment, core/fragments.py)
    for count in (1, 10):
        for _ in range(count):
            _meeting_of(3, held=True)
        with django_assert_num_queries(6):
            response = staff_client.get(reverse("meetings:list"), {"fy": 2015})
        assert response.content.decode().count('data-testid="held-count"') == Meeting.objects.filter(
            series__fiscal_year=2015
        ).count()


def test_as_answered_on_the_screen_marks_the_people_the_answer_named_only(staff_client, world):
    meeting = MeetingFactory()
    _answered(meeting, world.corp_a, names=["青葉 太郎"])
    AttendeeFactory(meeting=meeting, corporation=world.corp_a, name="青葉 太郎", present=False)
    AttendeeFactory(meeting=meeting, corporation=world.corp_a, name="当日 追加", present=False, walk_in=True)
    formset = staff_client.get(reverse("meetings:attendance", kwargs={"pk": meeting.pk})).context["formset"]
    marked = {form.initial["name"]: form.answered_attend for form in formset.forms if form.is_fixed}
    assert marked == {"青葉 太郎": True, "当日 追加": False}


# The group picker: only where a row has a choice


def test_a_row_offers_the_groups_of_its_facilities_areas_and_none_when_home_is_the_only_one(staff_client, world):
    nerima, oizumi, hikari = AreaFactory(name="練馬"), AreaFactory(name="大泉"), AreaFactory(name="光が丘")
    meeting = MeetingFactory()
    at_home = CorporationFactory(home_area=nerima)
    FacilityFactory(corporation=at_home, area=nerima)
    spread = CorporationFactory(home_area=nerima)
    FacilityFactory(corporation=spread, area=oizumi)
    moved = CorporationFactory(home_area=nerima)
    for corporation in (at_home, spread, moved):
        _answered(meeting, corporation)
    AttendeeFactory(meeting=meeting, corporation=moved, name="移動 一郎", area=hikari)
    response = staff_client.get(reverse("meetings:attendance", kwargs={"pk": meeting.pk}))
    forms = {form.corporation_id: form for form in response.context["formset"].forms if form.is_fixed}
    assert forms[at_home.pk].group_choices is None  # its home area, shown as text
    assert [value for value, _label in forms[spread.pk].group_choices] == ["", oizumi.pk]
    assert [value for value, _label in forms[moved.pk].group_choices] == ["", hikari.pk]  # as recorded
    content = response.content.decode()
    assert f'name="{forms[at_home.pk].add_prefix("area")}"' not in content
    assert f'name="{forms[spread.pk].add_prefix("area")}"' in content
    # Any active area is still taken when posted (the row's own corporation's home area when none is).
    data = formset_post(response.context["formset"], {forms[at_home.pk].add_prefix("name"): "在宅 花子",
                                                      forms[at_home.pk].add_prefix("present"): "on",
                                                      forms[at_home.pk].add_prefix("area"): None})
    staff_client.post(reverse("meetings:attendance", kwargs={"pk": meeting.pk}), data)
    assert Attendee.objects.get(meeting=meeting, corporation=at_home).area == nerima
