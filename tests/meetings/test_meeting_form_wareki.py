"""The meeting forms as clerks type them: 和暦 dates, the series with its 年度, a 年度 in 和暦,
and a copy from a series with no earlier meeting that says so."""

import datetime

from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting, MeetingSeries

from .factories import MeetingFactory, MeetingSeriesFactory, ProgramItemFactory


def test_it_creates_a_meeting_from_dates_typed_in_wareki(staff_client, world):
    series = MeetingSeriesFactory(fiscal_year=2027)
    response = staff_client.post(reverse("meetings:create"), {
        "series": series.pk, "number": "1", "starts_at": "R9.5.20 14:00", "ends_at": "令和9年5月20日 16時30分",
        "venue": "区役所", "status": "planned",
    })
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert timezone.localtime(meeting.starts_at) == datetime.datetime(
        2027, 5, 20, 14, 0, tzinfo=timezone.get_current_timezone()
    )
    assert timezone.localtime(meeting.ends_at).time() == datetime.time(16, 30)


def test_it_shows_the_dates_in_wareki_and_says_next_to_the_field_when_one_is_wrong(staff_client, world):
    meeting = MeetingFactory(
        series=MeetingSeriesFactory(fiscal_year=2015),
        starts_at=datetime.datetime(2015, 10, 29, 14, 0, tzinfo=timezone.get_current_timezone()),
        ends_at=datetime.datetime(2015, 10, 29, 16, 0, tzinfo=timezone.get_current_timezone()),
    )
    url = reverse("meetings:update", kwargs={"pk": meeting.pk})
    html = staff_client.get(url).content.decode()
    assert 'value="平成27年10月29日 14:00"' in html
    response = staff_client.post(url, {
        "number": meeting.number, "starts_at": "H27.10.32 14:00", "ends_at": "平成27年10月29日 16:00",
        "venue": "x", "status": "planned", "version": meeting.version,
    })
    assert response.status_code == 200
    assert response.context["form"].errors["starts_at"] == ["その日付はありません。"]
    assert 'value="H27.10.32 14:00"' in response.content.decode()


def test_the_series_picker_shows_each_series_with_its_fiscal_year(staff_client, world):
    MeetingSeriesFactory(title="ネットワーク連絡会", fiscal_year=2027)
    MeetingSeriesFactory(title="ネットワーク連絡会", fiscal_year=2015)
    html = staff_client.get(reverse("meetings:create")).content.decode()
    assert "ネットワーク連絡会（令和9年度）" in html and "ネットワーク連絡会（平成27年度）" in html
    assert html.index("令和9年度") < html.index("平成27年度")  # newest year first


def test_a_series_takes_its_fiscal_year_in_wareki_or_western(staff_client, world):
    for title, typed in (("令和の連絡会", "令和9年度"), ("略した連絡会", "R8"), ("西暦の連絡会", "2026"),
                         ("平成の連絡会", "H27")):
        response = staff_client.post(reverse("meetings:series_create"), {"title": title, "fiscal_year": typed})
        assert response.status_code == 302, response.context["form"].errors
    assert dict(MeetingSeries.objects.values_list("title", "fiscal_year")) == {
        "令和の連絡会": 2027, "略した連絡会": 2026, "西暦の連絡会": 2026, "平成の連絡会": 2015,
    }
    response = staff_client.post(reverse("meetings:series_create"), {"title": "x", "fiscal_year": "来年度"})
    assert response.context["form"].errors == {"fiscal_year": ["年度は 令和9年度、R9、2027 のように入力してください。"]}


def test_a_copy_from_a_series_with_no_meeting_says_nothing_was_copied(staff_client, world):
    series = MeetingSeriesFactory(fiscal_year=2015)
    url = reverse("meetings:copy", kwargs={"series_pk": series.pk})
    page = staff_client.get(url).content.decode()
    assert "第1回を作成" in page and "コピーする前回の会場・次第はありません" in page
    assert "前回からコピーして作成" not in page and "コピーして作成する" not in page
    response = staff_client.post(url, {"starts_at": "H28.2.10 14:00", "ends_at": "H28.2.10 16:00", "venue": "区民会館"},
                                 follow=True)
    content = response.content.decode()
    assert "このシリーズには前回の連絡会がないため、次第はコピーしていません。" in content
    assert "前回からコピーしました" not in content
    assert series.meetings.get().number == 1


def test_a_copy_names_the_meeting_it_copied_from(staff_client, world):
    last = MeetingFactory(series=MeetingSeriesFactory(fiscal_year=2015), number=2,
                          starts_at=datetime.datetime(2015, 10, 29, 14, tzinfo=timezone.get_current_timezone()),
                          ends_at=datetime.datetime(2015, 10, 29, 16, tzinfo=timezone.get_current_timezone()))
    ProgramItemFactory(meeting=last, order=1, title="挨拶")
    url = reverse("meetings:copy", kwargs={"series_pk": last.series_id})
    response = staff_client.post(url, {"starts_at": "H28.2.10 14:00", "ends_at": "H28.2.10 16:00", "venue": "x"},
                                 follow=True)
    assert "次第も第2回からコピーしました。" in response.content.decode()
