import threading

import pytest
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from meetings import services
from meetings.models import Attendee, Invitation
from tests.factories import AreaFactory, CorporationFactory, FacilityFactory

from .factories import (
    AttendeeFactory,
    InvitationFactory,
    MeetingFactory,
    RsvpPersonFactory,
    corporations_in_areas,
)
from .helpers import formset_post


def _url(meeting):
    return reverse("meetings:attendance", kwargs={"pk": meeting.pk})


def _invite(meeting, corporations):
    return [InvitationFactory(meeting=meeting, corporation=c) for c in corporations]


@pytest.fixture
def meeting(world):
    meeting = MeetingFactory()
    _invite(meeting, [world.corp_a, world.corp_b])
    return meeting


def _formset(client, meeting):
    response = client.get(_url(meeting))
    assert response.status_code == 200
    return response.context["formset"]


def _row_index(formset, corporation, name=None):
    for index, form in enumerate(formset.forms):
        if form.initial.get("corporation") == corporation.pk and (name is None or form.initial.get("name") == name):
            return index
    raise AssertionError("row not found")


def test_it_lists_invited_corporations_by_area_in_kana_order_prefilled_from_answers_but_not_ticked(
    staff_client, world
):
    meeting = MeetingFactory()
    oizumi, nerima = AreaFactory(name="大泉"), AreaFactory(name="練馬")
    late = CorporationFactory(name="社会福祉法人わかば会", name_kana="ワカバカイ", home_area=nerima)
    early = CorporationFactory(name="社会福祉法人いずみ会", name_kana="イズミカイ", home_area=nerima)
    far = CorporationFactory(name="社会福祉法人あさひ会", name_kana="アサヒカイ", home_area=oizumi)
    invitations = _invite(meeting, [late, far, early])
    invitations[0].answer = Invitation.Answer.ATTEND
    invitations[0].answered_at = invitations[0].invited_at
    invitations[0].save()
    RsvpPersonFactory(invitation=invitations[0], name="若葉 一郎", title="施設長")
    formset = _formset(staff_client, meeting)
    fixed = [f for f in formset.forms if f.is_fixed]
    names = [f.corporation_name for f in fixed]
    # 練馬 (sort order 1) before 大泉; within 練馬 イズミ before ワカバ
    assert names == ["社会福祉法人いずみ会", "社会福祉法人わかば会", "社会福祉法人あさひ会"]
    wakaba = fixed[1]
    # The answer names the person; the tick is the clerk's own on the day.
    assert (wakaba.initial["name"], wakaba.initial["title"]) == ("若葉 一郎", "施設長")
    assert wakaba.initial["present"] is False
    assert wakaba.answered_attend and wakaba.answer_label == "出席"
    assert fixed[0].initial["present"] is False and not fixed[0].answered_attend
    assert [f.group_name for f in fixed] == ["練馬", "練馬", "大泉"]


def test_it_saves_ticks_names_and_a_walk_in_at_once(staff_client, world, meeting):
    outsider = CorporationFactory(name="社会福祉法人そよかぜ会", name_kana="ソヨカゼカイ")
    formset = _formset(staff_client, meeting)
    a, b = _row_index(formset, world.corp_a), _row_index(formset, world.corp_b)
    extra = formset.initial_form_count()
    data = formset_post(formset, {
        f"rows-{a}-name": "青葉 太郎", f"rows-{a}-title": "理事長", f"rows-{a}-present": "on",
        f"rows-{a}-facility": str(world.facility_a.pk),
        f"rows-{b}-name": "桜 花子",
        f"rows-{extra}-corporation": str(outsider.pk), f"rows-{extra}-name": "風 次郎", f"rows-{extra}-present": "on",
    })
    response = staff_client.post(_url(meeting), data)
    assert response.status_code == 302
    rows = {a.name: a for a in Attendee.objects.filter(meeting=meeting)}
    assert set(rows) == {"青葉 太郎", "桜 花子", "風 次郎"}
    assert (
        rows["青葉 太郎"].present and rows["青葉 太郎"].facility == world.facility_a
        and not rows["青葉 太郎"].walk_in
    )
    assert not rows["桜 花子"].present
    assert rows["風 次郎"].walk_in and rows["風 次郎"].corporation == outsider
    assert rows["風 次郎"].area == outsider.home_area  # default group: the corporation's home area
    assert rows["青葉 太郎"].history.first().history_user == world.staff

    # Saved again without changes: the same rows, no duplicates.
    formset = _formset(staff_client, meeting)
    assert staff_client.post(_url(meeting), formset_post(formset)).status_code == 302
    assert Attendee.objects.filter(meeting=meeting).count() == 3


def test_it_saves_nothing_and_keeps_what_was_typed_when_a_row_is_invalid(staff_client, world, meeting):
    formset = _formset(staff_client, meeting)
    a, b = _row_index(formset, world.corp_a), _row_index(formset, world.corp_b)
    extra = formset.initial_form_count()
    data = formset_post(formset, {
        f"rows-{a}-name": "青葉 太郎", f"rows-{a}-present": "on",
        f"rows-{b}-name": "桜 花子", f"rows-{b}-present": "on",
        # an extra person of A with the same name: refused
        f"rows-{extra}-corporation": str(world.corp_a.pk), f"rows-{extra}-name": "青葉 太郎",
        f"rows-{extra}-present": "on",
    })
    response = staff_client.post(_url(meeting), data)
    assert response.status_code == 400
    assert not Attendee.objects.filter(meeting=meeting).exists()
    content = response.content.decode()
    assert "同じ法人に同じ氏名の行があります。" in content
    assert "何も保存されていません" in content
    assert 'value="桜 花子"' in content  # what was typed is kept


def test_it_refuses_a_facility_of_another_corporation(staff_client, world, meeting):
    formset = _formset(staff_client, meeting)
    a = _row_index(formset, world.corp_a)
    data = formset_post(formset, {f"rows-{a}-name": "青葉 太郎", f"rows-{a}-facility": str(world.facility_b.pk)})
    response = staff_client.post(_url(meeting), data)
    assert response.status_code == 400
    assert not Attendee.objects.exists()


def test_it_saves_63_corporations_in_a_bounded_number_of_queries(staff_client, world, django_assert_max_num_queries):
    meeting = MeetingFactory()
    corporations = corporations_in_areas(63)
    _invite(meeting, corporations)
    formset = _formset(staff_client, meeting)
    overrides = {}
    for index in range(formset.initial_form_count()):
        overrides[f"rows-{index}-name"] = f"出席者 {index}"
        overrides[f"rows-{index}-present"] = "on"
    rows_formset = formset.__class__(  # (the page's context holds it lazily)
        formset_post(formset, overrides), initial=formset.initial, prefix="rows", form_kwargs=formset.form_kwargs,
        screen=formset.screen,
    )
    assert rows_formset.is_valid(), rows_formset.errors
    rows = rows_formset.rows()
    assert len(rows) >= 63
    # savepoint, lock the meeting, read its attendees, insert attendees, insert their history,
    # count the guests present, release savepoint: 7 whatever the number of rows (≤ 10 asked).
    with django_assert_max_num_queries(10):
        result = services.attendance_save(meeting=meeting, rows=rows, acting_user=world.staff)
    assert result.created == result.present == Attendee.objects.filter(meeting=meeting, present=True).count() >= 63
    # Changing every row is an UPDATE per 50 rows (services.rows.UPDATE_BATCH) and one
    # history INSERT: 63 rows, 2 UPDATEs.
    for row, attendee in zip(rows, Attendee.objects.filter(meeting=meeting).order_by("pk"), strict=False):
        row["attendee_id"] = attendee.pk
        row["title"] = "施設長"
    with django_assert_max_num_queries(10):
        services.attendance_save(meeting=meeting, rows=rows, acting_user=world.staff)
    assert set(Attendee.objects.filter(meeting=meeting).values_list("title", flat=True)) == {"施設長"}


def _screen_queries(client, meeting, django_assert_num_queries, expected):
    # session, user, meeting, invitations+corporations+home areas, RSVP persons,
    # attendees+corporations+home areas, facilities of those corporations only, guests, areas,
    # the data generation, read once by the page's first cached fragment (core/fragments.py)
    with django_assert_num_queries(expected):
        assert client.get(_url(meeting)).status_code == 200


def test_it_shows_the_screen_in_the_same_number_of_queries_at_10x(staff_client, world, django_assert_num_queries):
    small, large = MeetingFactory(), MeetingFactory()
    few = corporations_in_areas(6)
    for corporation in few:
        FacilityFactory(corporation=corporation)
    for invitation in _invite(small, few):
        RsvpPersonFactory(invitation=invitation)
    AttendeeFactory(meeting=small, corporation=few[0])
    many = corporations_in_areas(60)
    for corporation in many:
        FacilityFactory(corporation=corporation)
    for invitation in _invite(large, many):
        RsvpPersonFactory(invitation=invitation)
    for corporation in many[:10]:
        AttendeeFactory(meeting=large, corporation=corporation)
    for meeting in (small, large):
        cache.clear()  # nothing kept: neither the rows nor the user (accounts/current_user.py)
        _screen_queries(staff_client, meeting, django_assert_num_queries, 10)
        # Again, nothing written since: the rows and the user are kept (core/fragments.py). The data
        # generation (read first: views/attendance.py), session, the meeting (its access check).
        _screen_queries(staff_client, meeting, django_assert_num_queries, 3)


def test_a_posted_screen_is_never_kept_and_a_save_shows_at_once(staff_client, world, meeting):
    formset = _formset(staff_client, meeting)  # the rows are kept from here
    a = _row_index(formset, world.corp_a)
    extra = formset.initial_form_count()
    refused = formset_post(formset, {
        f"rows-{a}-name": "青葉 太郎", f"rows-{extra}-corporation": str(world.corp_a.pk),
        f"rows-{extra}-name": "青葉 太郎", f"rows-{extra}-title": "打ち間違い",
    })
    for _attempt in range(2):  # drawn afresh each time, with its errors and what was typed
        content = staff_client.post(_url(meeting), refused).content.decode()
        assert "同じ法人に同じ氏名の行があります。" in content and 'value="打ち間違い"' in content
    content = staff_client.get(_url(meeting)).content.decode()
    assert "同じ法人に同じ氏名の行があります。" not in content and "打ち間違い" not in content
    # The kept rows hold no CSRF token: the form's one is its own, outside them (attendance.html).
    assert content.split('id="attendance-form"')[1].split("</form>")[0].count('name="csrfmiddlewaretoken"') == 1
    saved = formset_post(formset, {f"rows-{a}-name": "青葉 太郎", f"rows-{a}-present": "on"})
    assert staff_client.post(_url(meeting), saved).status_code == 302
    assert 'value="青葉 太郎"' in staff_client.get(_url(meeting)).content.decode()  # a new generation: drawn again


def test_it_merges_a_person_another_staff_member_saved_first(world, meeting):
    row = {"attendee_id": None, "corporation_id": world.corp_a.pk, "facility_id": None, "name": "青葉 太郎",
           "title": "", "area_id": world.corp_a.home_area_id, "present": True, "walk_in": True}
    services.attendance_save(meeting=meeting, rows=[row], acting_user=world.staff)
    # The second screen was opened before the first save: its row has no id yet.
    services.attendance_save(meeting=meeting, rows=[{**row, "title": "理事"}], acting_user=world.staff)
    assert list(Attendee.objects.filter(meeting=meeting).values_list("name", "title")) == [("青葉 太郎", "理事")]


def test_it_has_the_database_refuse_a_second_record_of_one_person(world, meeting):
    AttendeeFactory(meeting=meeting, corporation=world.corp_a, name="青葉 太郎")
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendee.objects.create(
            meeting=meeting, corporation=world.corp_a, name="青葉 太郎", area=world.corp_a.home_area
        )


def test_it_reports_a_conflict_cleanly_and_keeps_nothing_of_the_save(world, meeting, monkeypatch):
    # Simulate the race the lock prevents: the other save's row appears after ours was read.
    AttendeeFactory(meeting=meeting, corporation=world.corp_a, name="青葉 太郎")
    monkeypatch.setattr(
        "meetings.services.attendance.Meeting.attendees", property(lambda self: Attendee.objects.filter(pk__in=[]))
    )
    rows = [
        {"attendee_id": None, "corporation_id": world.corp_b.pk, "facility_id": None, "name": "桜 花子", "title": "",
         "area_id": world.corp_b.home_area_id, "present": True, "walk_in": False},
        {"attendee_id": None, "corporation_id": world.corp_a.pk, "facility_id": None, "name": "青葉 太郎", "title": "",
         "area_id": world.corp_a.home_area_id, "present": True, "walk_in": False},
    ]
    with pytest.raises(services.AttendanceConflict):
        services.attendance_save(meeting=meeting, rows=rows, acting_user=world.staff)
    monkeypatch.undo()
    assert list(Attendee.objects.filter(meeting=meeting).values_list("name", flat=True)) == ["青葉 太郎"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks and concurrent connections: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_it_does_not_duplicate_when_two_staff_save_at_the_same_time_on_postgresql():
    from tests.factories import StaffFactory

    corporation = CorporationFactory()
    meeting = MeetingFactory()
    InvitationFactory(meeting=meeting, corporation=corporation)
    staff = StaffFactory()
    rows = [
        {"attendee_id": None, "corporation_id": corporation.pk, "facility_id": None, "name": f"同時 太郎{i}",
         "title": "", "area_id": corporation.home_area_id, "present": True, "walk_in": False}
        for i in range(20)
    ]
    barrier = threading.Barrier(2)
    errors = []

    def save():
        try:
            barrier.wait()
            services.attendance_save(meeting=meeting, rows=rows, acting_user=staff)
        except Exception as error:  # noqa: BLE001 - the assertion below shows it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=save) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Attendee.objects.filter(meeting=meeting).count() == 20


def test_it_refuses_members_and_changes_nothing(editor_a_client, viewer_a_client, client, world, meeting):
    AttendeeFactory(meeting=meeting, corporation=world.corp_a, name="青葉 太郎", present=False)
    data = {"rows-TOTAL_FORMS": "1", "rows-INITIAL_FORMS": "1", "rows-0-corporation": str(world.corp_a.pk),
            "rows-0-name": "青葉 太郎", "rows-0-present": "on"}
    assert editor_a_client.post(_url(meeting), data).status_code == 403
    assert viewer_a_client.post(_url(meeting), data).status_code == 403
    assert client.post(_url(meeting), data).status_code == 302  # to the log-in page
    assert not Attendee.objects.get(meeting=meeting).present


def test_it_answers_405_to_other_methods(staff_client, meeting):
    assert staff_client.put(_url(meeting)).status_code == 405
    assert staff_client.delete(_url(meeting)).status_code == 405


def test_it_opens_a_well_formed_attendance_screen_when_nobody_was_invited(staff_client, world):
    from html.parser import HTMLParser

    from django.urls import reverse

    from tests.meetings.factories import MeetingFactory

    class Tbodies(HTMLParser):
        depth = opened = 0
        stray = False

        def handle_starttag(self, tag, attrs):
            if tag == "tbody":
                self.depth += 1
                self.opened += 1

        def handle_endtag(self, tag):
            if tag == "tbody":
                self.stray |= self.depth == 0
                self.depth -= 1

    meeting = MeetingFactory()
    response = staff_client.get(reverse("meetings:attendance", kwargs={"pk": meeting.pk}))
    parser = Tbodies()
    parser.feed(response.content.decode())
    assert not parser.stray and parser.depth == 0
    assert 'id="walk-in-rows"' in response.content.decode()


def test_it_takes_a_full_width_space_in_a_name_as_the_same_person(staff_client, world, meeting):
    formset = _formset(staff_client, meeting)
    a = _row_index(formset, world.corp_a)
    extra = formset.initial_form_count()
    data = formset_post(formset, {
        f"rows-{a}-name": "青葉 太郎", f"rows-{a}-present": "on",
        # typed on the day with a full-width space: the same person, so refused as a duplicate
        f"rows-{extra}-corporation": str(world.corp_a.pk), f"rows-{extra}-name": "青葉　太郎 ",
        f"rows-{extra}-present": "on",
    })
    response = staff_client.post(_url(meeting), data)
    assert response.status_code == 400
    assert "同じ法人に同じ氏名の行があります。" in response.content.decode()
    assert not Attendee.objects.filter(meeting=meeting).exists()
    # Alone, it is saved in one form.
    data[f"rows-{extra}-corporation"] = ""
    data[f"rows-{extra}-name"] = ""
    data.pop(f"rows-{extra}-present")
    data[f"rows-{a}-name"] = "青葉　太郎"
    assert staff_client.post(_url(meeting), data).status_code == 302
    assert list(
        Attendee.objects.filter(meeting=meeting, corporation=world.corp_a).values_list("name", flat=True)
    ) == ["青葉 太郎"]
