"""Minutes (議事録): their own text, decisions and follow-ups; the A4 page, the .docx, stale saves."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from docx import Document

from core.concurrency import StaleEdit
from meetings import services
from meetings.models import Meeting, Minutes, MinutesDecision, MinutesFollowUp
from tests.factories import AreaFactory, CorporationFactory, FacilityFactory, StaffFactory

from .factories import AttendeeFactory, InvitationFactory, MeetingFactory, ProgramItemFactory


def _edit_url(meeting):
    return reverse("meetings:minutes_edit", kwargs={"pk": meeting.pk})


def _post(meeting, *, proceedings="", recorder="", decisions=(), follow_ups=(), version=None,
          decision_ids=(), follow_up_ids=(), extra=None) -> dict:
    """What the minutes page posts: the text, then rows for decisions and follow-ups."""
    data = {"proceedings": proceedings, "recorder": recorder}
    if version is not None:
        data["version"] = str(version)
    data.update({"decisions-TOTAL_FORMS": str(len(decisions)), "decisions-INITIAL_FORMS": str(len(decision_ids)),
                 "decisions-MIN_NUM_FORMS": "0", "decisions-MAX_NUM_FORMS": "1000"})
    for index, text in enumerate(decisions):
        data[f"decisions-{index}-text"] = text
        if index < len(decision_ids):
            data[f"decisions-{index}-id"] = str(decision_ids[index])
    data.update({"followups-TOTAL_FORMS": str(len(follow_ups)), "followups-INITIAL_FORMS": str(len(follow_up_ids)),
                 "followups-MIN_NUM_FORMS": "0", "followups-MAX_NUM_FORMS": "1000"})
    for index, row in enumerate(follow_ups):
        for key, value in row.items():
            data[f"followups-{index}-{key}"] = value
        if index < len(follow_up_ids):
            data[f"followups-{index}-id"] = str(follow_up_ids[index])
    data.update(extra or {})
    return data


def test_it_writes_minutes_with_two_decisions_and_a_follow_up(staff_client, world):
    meeting = MeetingFactory()
    response = staff_client.post(_edit_url(meeting), _post(
        meeting, proceedings="次第どおり進行した。", recorder="事務局 記録",
        decisions=["就労体験の場を一覧にする。", "次回は大泉で開く。", ""],
        follow_ups=[{"task": "就労体験の受入先を集める", "owner": "事務局", "due_on": "R9.5.20"},
                    {"task": "", "owner": "", "due_on": ""}],
    ))
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:minutes", kwargs={"pk": meeting.pk})
    minutes = Minutes.objects.get(meeting=meeting)
    assert (minutes.proceedings, minutes.recorder, minutes.version) == ("次第どおり進行した。", "事務局 記録", 1)
    assert list(minutes.decisions.values_list("order", "text")) == [
        (1, "就労体験の場を一覧にする。"), (2, "次回は大泉で開く。"),
    ]
    follow_up = minutes.follow_ups.get()
    assert (follow_up.task, follow_up.owner, follow_up.due_on, follow_up.done) == (
        "就労体験の受入先を集める", "事務局", datetime.date(2027, 5, 20), False,
    )
    assert minutes.history.count() == 1 and follow_up.history.get().history_user == world.staff


def test_it_edits_reorders_and_deletes_rows_and_marks_a_follow_up_done(staff_client, world):
    meeting = MeetingFactory()
    minutes = services.minutes_save(
        meeting=meeting, acting_user=world.staff, expected_version=None, changes={"proceedings": "初稿"},
        decisions=[(None, {"text": "一"}), (None, {"text": "二"}), (None, {"text": "三"})],
        follow_ups=[(None, {"task": "宿題", "owner": "A法人", "due_on": None})],
    )
    one, two, three = minutes.decisions.all()
    follow_up = minutes.follow_ups.get()
    data = _post(
        meeting, proceedings="初稿", version=minutes.version,
        decisions=["三", "一", "二"], decision_ids=[three.pk, one.pk, two.pk],
        follow_ups=[{"task": "宿題", "owner": "A法人", "due_on": "令和9年5月20日", "done": "on"}],
        follow_up_ids=[follow_up.pk],
        extra={"decisions-2-DELETE": "on"},
    )
    assert staff_client.post(_edit_url(meeting), data).status_code == 302
    minutes.refresh_from_db()
    assert list(minutes.decisions.values_list("text", flat=True)) == ["三", "一"]
    assert not MinutesDecision.objects.filter(pk=two.pk).exists()
    assert MinutesDecision.history.filter(id=two.pk, history_type="-").exists()  # its deletion is recorded
    follow_up.refresh_from_db()
    assert follow_up.done and follow_up.due_on == datetime.date(2027, 5, 20)
    # A save of rows only still raises the page's version.
    assert minutes.version == 2


def test_it_says_next_to_the_field_when_a_due_date_is_no_date(staff_client, world):
    meeting = MeetingFactory()
    response = staff_client.post(_edit_url(meeting), _post(
        meeting, follow_ups=[{"task": "宿題", "owner": "", "due_on": "R9.2.30"}],
    ))
    assert response.status_code == 200
    follow_ups = response.context["follow_ups"]
    assert follow_ups.forms[0].errors == {"due_on": ["その日付はありません。"]}
    html = response.content.decode()
    assert "その日付はありません。" in html
    assert not Minutes.objects.exists()


def test_it_refuses_a_save_from_an_outdated_minutes_page(staff_client, world):
    other = Client()
    other.force_login(StaffFactory(username="staff2"))
    meeting = MeetingFactory()
    services.minutes_save(meeting=meeting, acting_user=world.staff, expected_version=None,
                          changes={"proceedings": "初稿"})
    first = staff_client.get(_edit_url(meeting)).context["form"]
    other.get(_edit_url(meeting))
    assert other.post(_edit_url(meeting), _post(meeting, proceedings="他の人の稿", version=1)).status_code == 302
    response = staff_client.post(_edit_url(meeting), _post(
        meeting, proceedings="私の稿", version=first.initial["version"], decisions=["決めたこと"],
    ))
    assert response.status_code == 409
    assert "議事の経過" in {change.label for change in response.context["stale_changes"]}
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.proceedings == "他の人の稿" and not minutes.decisions.exists()
    assert "私の稿" in response.content.decode()  # what was typed is kept


def test_it_refuses_a_first_save_when_someone_wrote_the_minutes_meanwhile(staff_client, world):
    meeting = MeetingFactory()
    page = staff_client.get(_edit_url(meeting))
    assert "version" not in page.context["form"].fields
    services.minutes_save(meeting=meeting, acting_user=world.staff, expected_version=None,
                          changes={"proceedings": "先に書いた"})
    with pytest.raises(StaleEdit):
        services.minutes_save(meeting=meeting, acting_user=world.staff, expected_version=None,
                              changes={"proceedings": "後から"})
    response = staff_client.post(_edit_url(meeting), _post(meeting, proceedings="後から", decisions=["決定"]))
    assert response.status_code == 409
    assert "議事の経過" in {change.label for change in response.context["stale_changes"]}
    assert "後から" in response.content.decode()  # what was typed is kept
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.proceedings == "先に書いた" and not minutes.decisions.exists()
    # Saving again from the refused page goes over the minutes as they are now.
    version = response.context["form"]["version"].value()
    again = _post(meeting, proceedings="後から", decisions=["決定"], version=version)
    assert staff_client.post(_edit_url(meeting), again).status_code == 302
    assert Minutes.objects.get(meeting=meeting).proceedings == "後から"


def test_the_service_asks_the_policy_and_keeps_rows_to_their_minutes(world):
    meeting, other_meeting = MeetingFactory(), MeetingFactory()
    with pytest.raises(PermissionDenied):
        services.minutes_save(meeting=meeting, acting_user=world.editor_a, expected_version=None, changes={})
    theirs = services.minutes_save(meeting=other_meeting, acting_user=world.staff, expected_version=None,
                                   changes={}, decisions=[(None, {"text": "よそ"})])
    mine = services.minutes_save(meeting=meeting, acting_user=world.staff, expected_version=None, changes={})
    with pytest.raises(PermissionDenied):
        services.minutes_save(meeting=meeting, acting_user=world.staff, expected_version=mine.version, changes={},
                              decisions=[(theirs.decisions.get(), {"text": "書き換え"})])
    assert theirs.decisions.get().text == "よそ"


@pytest.fixture
def printed_meeting(world):
    area = AreaFactory(name="練馬")
    corporation = CorporationFactory(name="社会福祉法人つくりっこの会", home_area=area)
    facility = FacilityFactory(corporation=corporation, name="つくりっこの家")
    meeting = MeetingFactory(status=Meeting.Status.HELD)
    InvitationFactory(meeting=meeting, corporation=corporation)
    AttendeeFactory(meeting=meeting, corporation=corporation, facility=facility, area=area, name="出席 太郎")
    # As the demo records a practice report: the facility's name typed as the speaker too.
    ProgramItemFactory(meeting=meeting, order=1, kind="practice_report", title="就労継続支援B型の取組",
                       speaker="つくりっこの家", corporation=corporation, facility=facility, notes="地域交流会の報告")
    services.minutes_save(
        meeting=meeting, acting_user=world.staff, expected_version=None,
        changes={"proceedings": "開会。\n実践報告のあと意見交換。", "recorder": "事務局 記録"},
        decisions=[(None, {"text": "就労体験の場を一覧にする。"}), (None, {"text": "次回は大泉で開く。"})],
        follow_ups=[(None, {"task": "受入先を集める", "owner": "事務局", "due_on": datetime.date(2027, 5, 20)})],
    )
    return meeting


def test_it_prints_the_minutes_with_each_name_once(staff_client, printed_meeting):
    response = staff_client.get(reverse("meetings:minutes", kwargs={"pk": printed_meeting.pk}))
    html = response.content.decode()
    assert "議事の経過" in html and "実践報告のあと意見交換。" in html
    assert "就労体験の場を一覧にする。" in html and "次回は大泉で開く。" in html
    assert "受入先を集める" in html and "令和9年5月20日" in html and "地域交流会の報告" in html
    main = html.split('<main', 1)[1]
    # The speaker typed as the facility's name, the facility and its corporation: each printed once.
    assert main.count("つくりっこの家") == 1
    assert main.count("社会福祉法人つくりっこの会") == 1
    assert main.count(str(printed_meeting)) == 1  # the heading, not a second print header as well
    assert reverse("meetings:minutes_docx", kwargs={"pk": printed_meeting.pk}) in html


def test_it_exports_the_minutes_as_a_docx_that_opens(staff_client, printed_meeting):
    response = staff_client.get(reverse("meetings:minutes_docx", kwargs={"pk": printed_meeting.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Cache-Control"] == "private, no-store"
    assert "attachment;" in response["Content-Disposition"] and ".docx" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == f"議事録：{printed_meeting}"
    assert {"次第", "議事の経過", "決定事項", "次回までの宿題", "地域別情報交換"} <= set(headings)
    decisions, follow_ups = document.tables
    assert [[c.text for c in row.cells] for row in decisions.rows] == [
        ["番号", "決定事項"], ["1", "就労体験の場を一覧にする。"], ["2", "次回は大泉で開く。"],
    ]
    assert [c.text for c in follow_ups.rows[1].cells] == ["1", "受入先を集める", "事務局", "令和9年5月20日", ""]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "実践報告のあと意見交換。" in text and text.count("つくりっこの家") == 1
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_minutes_pages_read_the_same_queries_at_10x(staff_client, world, django_assert_num_queries):
    def build(people, rows):
        area = AreaFactory()
        meeting = MeetingFactory(status=Meeting.Status.HELD)
        for _n in range(people):
            corporation = CorporationFactory(home_area=area)
            InvitationFactory(meeting=meeting, corporation=corporation)
            AttendeeFactory(meeting=meeting, corporation=corporation, area=area)
        for n in range(1, rows + 1):
            ProgramItemFactory(meeting=meeting, order=n)
        services.minutes_save(
            meeting=meeting, acting_user=world.staff, expected_version=None, changes={"proceedings": "経過"},
            decisions=[(None, {"text": f"決定{n}"}) for n in range(rows)],
            follow_ups=[(None, {"task": f"宿題{n}", "owner": "", "due_on": None}) for n in range(rows)],
        )
        return meeting

    small, large = build(3, 2), build(30, 20)
    for meeting in (small, large):
        # session, user, meeting, minutes, decisions, follow-ups, programme items (+corporation,
        # facility), areas, invitations+corporations, present attendees (report), guests (report),
        # area groups, present attendees (groups), areas (groups)
        # + the data generation, read once by the page's first cached fragment (core/fragments.py)
        with django_assert_num_queries(15):
            assert staff_client.get(reverse("meetings:minutes", kwargs={"pk": meeting.pk})).status_code == 200
        # the same reads for the .docx
        with django_assert_num_queries(14):
            assert staff_client.get(reverse("meetings:minutes_docx", kwargs={"pk": meeting.pk})).status_code == 200
        # session, user, meeting, minutes, decisions, follow-ups, programme
        # + the data generation, read once by the page's first cached fragment (core/fragments.py)
        with django_assert_num_queries(8):
            assert staff_client.get(_edit_url(meeting)).status_code == 200


def test_members_neither_read_nor_write_minutes(editor_a_client, world):
    meeting = MeetingFactory()
    for url in (reverse("meetings:minutes", kwargs={"pk": meeting.pk}),
                reverse("meetings:minutes_docx", kwargs={"pk": meeting.pk}), _edit_url(meeting)):
        assert editor_a_client.get(url).status_code == 403
    assert editor_a_client.post(_edit_url(meeting), _post(meeting, proceedings="x")).status_code == 403
    assert not Minutes.objects.exists() and not MinutesFollowUp.objects.exists()
