import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from icalendar import Calendar

from meetings.models import Attachment, Meeting, MeetingSeries, ProgramItem

from .factories import (
    PDF_BYTES,
    AttachmentFactory,
    MeetingFactory,
    MeetingSeriesFactory,
    ProgramItemFactory,
)


def _tokyo(day, hour):
    from zoneinfo import ZoneInfo

    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=ZoneInfo("Asia/Tokyo"))


def test_it_lists_meetings_of_a_fiscal_year_in_wareki(editor_a_client, world, django_assert_num_queries):
    series = MeetingSeriesFactory(fiscal_year=2015)
    MeetingFactory(series=series, number=2, starts_at=_tokyo(datetime.date(2015, 10, 29), 14),
                   ends_at=_tokyo(datetime.date(2015, 10, 29), 17))
    MeetingFactory(series=series, number=3, starts_at=_tokyo(datetime.date(2016, 2, 10), 14),
                   ends_at=_tokyo(datetime.date(2016, 2, 10), 16))
    MeetingFactory(series=MeetingSeriesFactory(fiscal_year=2016))
    # session, user, membership, fiscal years, meetings with counts
    # + the data generation, read once by the page's first cached fragment (core/fragments.py)
    with django_assert_num_queries(6):
        response = editor_a_client.get(reverse("meetings:list") + "?fy=2015")
    content = response.content.decode()
    assert "平成27年度" in content and "平成27年10月29日（木）" in content and "平成28年2月10日（水）" in content
    assert [m.number for m in response.context["meetings"]] == [2, 3]
    assert Meeting.objects.get(series=series, number=3).fiscal_year == 2015


def test_it_creates_a_series_and_a_meeting(staff_client, world):
    response = staff_client.post(reverse("meetings:series_create"), {"title": "連絡会", "fiscal_year": "2015"})
    assert response.status_code == 302
    series = MeetingSeries.objects.get()
    response = staff_client.post(reverse("meetings:create"), {
        "series": series.pk, "number": "1", "starts_at": "2015-07-29T14:00", "ends_at": "2015-07-29T16:30",
        "venue": "区役所", "status": "held",
    })
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.history.first().history_user == world.staff
    # the same number twice is refused with a message next to the field
    response = staff_client.post(reverse("meetings:create"), {
        "series": series.pk, "number": "1", "starts_at": "2015-07-30T14:00", "ends_at": "2015-07-30T13:00",
        "status": "planned",
    })
    content = response.content.decode()
    assert "同じ回の連絡会がすでにあります" in content and "終了日時は開始日時より後にしてください" in content
    assert Meeting.objects.count() == 1


def test_it_says_next_to_the_field_when_a_fiscal_year_is_out_of_range(staff_client, world):
    response = staff_client.post(reverse("meetings:series_create"), {"title": "連絡会", "fiscal_year": "1980"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {"fiscal_year": ["年度は1989（平成元年度）から2100までの年度を入力してください。"]}
    assert not MeetingSeries.objects.exists()


@pytest.mark.parametrize("fy", ["100", "20000", "-5", "abc"])
def test_it_lists_the_latest_year_when_asked_for_a_year_it_cannot_print(editor_a_client, world, fy):
    MeetingSeriesFactory(fiscal_year=2015)
    response = editor_a_client.get(reverse("meetings:list") + f"?fy={fy}")
    assert response.status_code == 200
    assert response.context["fiscal_year"] == 2015 and "平成27年度" in response.content.decode()


def test_it_refuses_a_fiscal_year_out_of_range_in_the_database(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingSeries.objects.create(title="x", fiscal_year=1980)


def test_it_copies_the_last_meeting_with_its_programme(staff_client, world):
    last = MeetingFactory(number=2)
    ProgramItemFactory(meeting=last, order=1, kind=ProgramItem.Kind.GREETING, title="挨拶")
    ProgramItemFactory(meeting=last, order=2, title="講演")
    url = reverse("meetings:copy", kwargs={"series_pk": last.series_id})
    assert staff_client.get(url).context["form"].initial["venue"] == last.venue
    response = staff_client.post(
        url, {"starts_at": "2016-02-10T14:00", "ends_at": "2016-02-10T16:00", "venue": "区民会館"}
    )
    assert response.status_code == 302
    copy = Meeting.objects.get(series=last.series, number=3)
    assert copy.status == Meeting.Status.PLANNED and copy.venue == "区民会館"
    assert list(copy.program_items.values_list("order", "title")) == [(1, "挨拶"), (2, "講演")]


def test_it_keeps_a_meetings_date_inside_its_series_fiscal_year(staff_client, world):
    # 平成27年度 runs from 2015-04-01 to 2016-03-31: 2016-04-10 is in the next 年度.
    last = MeetingFactory(number=2, series=MeetingSeriesFactory(fiscal_year=2015), venue="元の会場")
    message = "開始日時は平成27年度（平成27年4月1日〜平成28年3月31日）の中にしてください。"
    response = staff_client.post(
        reverse("meetings:copy", kwargs={"series_pk": last.series_id}),
        {"starts_at": "2016-04-10T14:00", "ends_at": "2016-04-10T16:00", "venue": "区民会館"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"starts_at": [message]}
    assert 'value="区民会館"' in response.content.decode()  # what was typed is kept
    assert not Meeting.objects.filter(number=3).exists()
    response = staff_client.post(reverse("meetings:update", kwargs={"pk": last.pk}), {
        "number": 2, "starts_at": "2015-03-31T14:00", "ends_at": "2015-03-31T16:00", "venue": "x", "status": "held",
        "version": last.version,
    })
    assert response.context["form"].errors == {"starts_at": [message]}
    last.refresh_from_db()
    assert last.venue == "元の会場" and last.status == Meeting.Status.PLANNED
    response = staff_client.post(reverse("meetings:create"), {
        "series": last.series_id, "number": "4", "starts_at": "2017-01-10T14:00", "ends_at": "2017-01-10T16:00",
        "status": "planned",
    })
    assert response.context["form"].errors == {"starts_at": [message]}
    assert not Meeting.objects.filter(number=4).exists()


def test_it_edits_a_meeting_but_never_moves_its_series(staff_client, world):
    meeting = MeetingFactory()
    other = MeetingSeriesFactory()
    data = {"number": meeting.number, "starts_at": "2015-05-01T10:00", "ends_at": "2015-05-01T12:00",
            "venue": "新会場", "status": "cancelled", "series": other.pk, "version": meeting.version}
    assert staff_client.post(reverse("meetings:update", kwargs={"pk": meeting.pk}), data).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.venue, meeting.status, meeting.series_id) == ("新会場", "cancelled", meeting.series_id)
    assert meeting.series_id != other.pk


def test_it_refuses_edits_from_members_and_changes_nothing(editor_a_client, world):
    meeting = MeetingFactory(venue="元の会場")
    data = {
        "number": meeting.number, "starts_at": "2031-05-01T10:00", "ends_at": "2031-05-01T12:00", "venue": "x",
        "status": "held",
    }
    assert editor_a_client.post(reverse("meetings:update", kwargs={"pk": meeting.pk}), data).status_code == 403
    meeting.refresh_from_db()
    assert meeting.venue == "元の会場"


def _program_data(rows, initial=0):
    data = {"items-TOTAL_FORMS": str(len(rows)), "items-INITIAL_FORMS": str(initial), "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "1000"}
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"items-{index}-{key}"] = value
    return data


def test_it_saves_the_programme_and_swaps_orders(staff_client, world):
    meeting = MeetingFactory()
    first = ProgramItemFactory(meeting=meeting, order=1, title="挨拶")
    second = ProgramItemFactory(meeting=meeting, order=2, title="講演")
    data = _program_data([
        {"id": first.pk, "version": first.version, "order": "2", "kind": "greeting", "title": "挨拶"},
        {"id": second.pk, "version": second.version, "order": "1", "kind": "lecture", "title": "講演"},
        {"order": "3", "kind": "practice_report", "title": "実践報告", "corporation": world.corp_a.pk,
         "facility": world.facility_a.pk},
    ], initial=2)
    response = staff_client.post(reverse("meetings:program", kwargs={"pk": meeting.pk}), data)
    assert response.status_code == 302, response.context["formset"].errors
    assert list(meeting.program_items.values_list("title", flat=True)) == ["講演", "挨拶", "実践報告"]


def test_it_refuses_two_items_in_one_place_and_a_facility_of_another_corporation(staff_client, world):
    meeting = MeetingFactory()
    data = _program_data([
        {"order": "1", "kind": "greeting", "title": "挨拶"},
        {"order": "1", "kind": "practice_report", "title": "報告", "corporation": world.corp_a.pk,
         "facility": world.facility_b.pk},
    ])
    response = staff_client.post(reverse("meetings:program", kwargs={"pk": meeting.pk}), data)
    content = response.content.decode()
    assert "順番が重複しています。" in content and "選んだ法人の施設・事業所を選んでください。" in content
    assert not meeting.program_items.exists()


def _upload(client, meeting, name, content):
    return client.post(
        reverse("meetings:attachment_upload", kwargs={"pk": meeting.pk}), {"file": SimpleUploadedFile(name, content)}
    )


def test_it_stores_material_under_a_generated_name_and_serves_it_to_members(staff_client, editor_b_client, world):
    meeting = MeetingFactory()
    assert _upload(staff_client, meeting, "第2回次第.pdf", PDF_BYTES).status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == "第2回次第.pdf" and "第2回" not in attachment.file.name
    assert attachment.file.name.startswith("meetings/") and attachment.file.name.endswith(".pdf")
    response = editor_b_client.get(
        reverse("meetings:attachment", kwargs={"pk": meeting.pk, "attachment_pk": attachment.pk})
    )
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("script.exe", b"MZ\x90\x00", "この種類のファイルは登録できません"),
        ("fake.pdf", b"<html>not a pdf</html>", "ファイルの中身が拡張子と一致しません"),
        ("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "10MB以下にしてください"),
    ],
)
def test_it_refuses_wrong_types_and_large_files(staff_client, world, name, content, message):
    meeting = MeetingFactory()
    response = _upload(staff_client, meeting, name, content)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Attachment.objects.exists()


def test_it_refuses_uploads_from_members(editor_a_client, world):
    meeting = MeetingFactory()
    assert _upload(editor_a_client, meeting, "a.pdf", PDF_BYTES).status_code == 403
    assert not Attachment.objects.exists()


def test_it_does_not_serve_material_under_another_meeting(editor_a_client, world):
    attachment = AttachmentFactory()
    other = MeetingFactory()
    url = reverse("meetings:attachment", kwargs={"pk": other.pk, "attachment_pk": attachment.pk})
    assert editor_a_client.get(url).status_code == 404


def test_it_publishes_an_ical_feed_without_personal_data(client, world):
    meeting = MeetingFactory(venue="区役所", notes="内部メモ")
    from .factories import AttendeeFactory

    AttendeeFactory(meeting=meeting, corporation=world.corp_a, name="青葉 個人")
    response = client.get(reverse("meetings:feed"))
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1 and str(events[0]["location"]) == "区役所"
    assert events[0].decoded("dtstart") == meeting.starts_at
    assert "青葉 個人".encode() not in response.content and "内部メモ".encode() not in response.content


def test_it_downloads_one_meeting_as_ics(editor_a_client, world):
    meeting = MeetingFactory()
    response = editor_a_client.get(reverse("meetings:ics", kwargs={"pk": meeting.pk}))
    assert response["Content-Type"].startswith("text/calendar")
    assert str(Calendar.from_ical(response.content).walk("VEVENT")[0]["summary"]) == str(meeting)


def test_it_shows_the_next_meeting_on_the_dashboard(staff_client, world):
    meeting = MeetingFactory()
    response = staff_client.get(reverse("portal:dashboard"))
    assert str(meeting) in response.content.decode() and "未回答 0" in response.content.decode()
