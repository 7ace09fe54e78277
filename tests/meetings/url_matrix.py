from django.core.files.uploadedfile import SimpleUploadedFile

from tests.matrix import (
    ALL_405,
    LOGIN,
    MEMBERS,
    NOT_FOUND,
    OWN_EDIT,
    OWN_POST,
    PUBLIC,
    REDIRECT,
    STAFF_ONLY,
    STAFF_POST,
    Case,
    history_cases,
)

from .factories import (
    PDF_BYTES,
    AttachmentFactory,
    GuestFactory,
    InvitationFactory,
    MeetingFactory,
    MeetingSeriesFactory,
)


def _meeting(world):
    return {"pk": MeetingFactory().pk}


def _meeting_earlier(world):
    """A meeting's first version, after staff moved it to another venue."""
    import datetime
    from zoneinfo import ZoneInfo

    from meetings.services import meeting_update

    starts_at = datetime.datetime(2015, 10, 29, 14, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    meeting = MeetingFactory(
        series=MeetingSeriesFactory(fiscal_year=2015), starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
    )
    first = meeting.history.earliest("history_date")
    meeting_update(meeting=meeting, acting_user=world.staff, venue="別の会場")
    return {"pk": meeting.pk, "history_id": first.history_id}


def _invited_meeting(world):
    invitation = InvitationFactory(corporation=world.corp_a)
    return {"pk": invitation.meeting_id}


def _answer(world):
    invitation = InvitationFactory(corporation=world.corp_a)
    return {"pk": invitation.meeting_id, "invitation_pk": invitation.pk}


def _attachment(world):
    attachment = AttachmentFactory()
    return {"pk": attachment.meeting_id, "attachment_pk": attachment.pk}


def _series_with_a_meeting(world):
    return {"series_pk": MeetingFactory().series_id}


# POST data. The URL's objects are built first (kwargs); data that needs them reads the newest.


def _series_data(world):
    return {"title": "ネットワークづくりに向けた連絡会", "fiscal_year": "2015"}


def _meeting_data(world):
    series = MeetingSeriesFactory(fiscal_year=2015)
    return {
        "series": series.pk, "number": "1", "starts_at": "2015-07-29T14:00", "ends_at": "2015-07-29T16:30",
        "venue": "区役所", "status": "held",
    }


def _copy_data(world):
    # Inside the series' fiscal year (平成27年度).
    return {"starts_at": "2016-02-10T14:00", "ends_at": "2016-02-10T16:00", "venue": "区民会館"}


def _update_data(world):
    return {"number": "1", "starts_at": "2015-05-01T10:00", "ends_at": "2015-05-01T12:00", "venue": "新会場",
            "status": "planned", "version": "1"}


def _program_data(world):
    return {"items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "0", "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "1000", "items-0-order": "1", "items-0-kind": "greeting", "items-0-title": "挨拶"}


def _attachment_data(world):
    return {"file": SimpleUploadedFile("資料.pdf", PDF_BYTES, content_type="application/pdf")}


def _answer_data(world):
    area = world.corp_a.home_area_id
    return {"answer": "attend", "comment": "", "persons-TOTAL_FORMS": "1", "persons-INITIAL_FORMS": "0",
            "persons-MIN_NUM_FORMS": "0", "persons-MAX_NUM_FORMS": "20",
            "persons-0-name": "青葉 太郎", "persons-0-title": "理事長", "persons-0-area": str(area), "version": "1"}


def _attendance_data(world):
    # The one invited corporation's row, ticked with a name.
    return {"rows-TOTAL_FORMS": "1", "rows-INITIAL_FORMS": "1", "rows-0-corporation": str(world.corp_a.pk),
            "rows-0-name": "青葉 太郎", "rows-0-present": "on"}


def _minutes_data(world):
    return {"proceedings": "開会。", "recorder": "", "decisions-TOTAL_FORMS": "1", "decisions-INITIAL_FORMS": "0",
            "decisions-MIN_NUM_FORMS": "0", "decisions-MAX_NUM_FORMS": "1000", "decisions-0-text": "決定",
            "followups-TOTAL_FORMS": "0", "followups-INITIAL_FORMS": "0", "followups-MIN_NUM_FORMS": "0",
            "followups-MAX_NUM_FORMS": "1000"}


def _guest(world):
    guest = GuestFactory()
    return {"pk": guest.meeting_id, "guest_pk": guest.pk}


def _as_answered_data(world):
    from meetings.models import Invitation, Meeting

    # The newest meeting (the URL's): A answered 出席, so 回答どおり records A present.
    meeting = Meeting.objects.order_by("-pk").first()
    invitation = meeting.invitations.get(corporation=world.corp_a)
    invitation.answer, invitation.answered_at = Invitation.Answer.ATTEND, invitation.invited_at
    invitation.save()
    return {"area": str(world.corp_a.home_area_id)}


def _guest_add_data(world):
    return {"name": "福祉 太郎", "organisation": "練馬区 福祉部", "title": "部長", "email": "", "answer": "attend",
            "area": ""}


def _guest_update_data(world):
    return {"name": "来賓 二郎", "organisation": "練馬区 福祉部", "title": "課長", "email": "", "answer": "absent",
            "area": "", "version": "1"}


def _groups_data(world):
    from corporations.models import Area

    data = {}
    for area in Area.objects.filter(is_active=True):
        for name in ("facilitator", "recorder", "notes", "report_back"):
            data[f"area-{area.pk}-{name}"] = ""
    data[f"area-{world.corp_a.home_area_id}-facilitator"] = "進行 花子"
    return data


# A's invitation: A's editor and staff (as proxy) answer; A's viewer 403; B, not invited, 404.
ANSWER_POST = OWN_POST

CASES = [
    Case("meetings:list", MEMBERS),
    Case("meetings:list", MEMBERS, query="fy=2015", note="fiscal year"),
    Case("meetings:feed", PUBLIC, note="public: titles, times and venues only"),
    Case("meetings:participation", STAFF_ONLY),
    Case("meetings:participation", STAFF_ONLY, query="fy=2015&n=3", note="chosen"),
    Case("meetings:participation", ALL_405, method="post", note="read only"),
    Case("meetings:participation_xlsx", STAFF_ONLY),
    Case("meetings:participation_csv", STAFF_ONLY, query="fy=2015&area=1", note="one area"),
    Case("meetings:outreach", STAFF_ONLY, query="fy=2015&n=1"),
    Case("meetings:outreach_xlsx", STAFF_ONLY),
    Case("meetings:outreach_csv", STAFF_ONLY),
    Case("meetings:series_create", STAFF_ONLY),
    Case("meetings:series_create", STAFF_POST, method="post", data=_series_data),
    Case("meetings:create", STAFF_ONLY),
    Case("meetings:create", STAFF_POST, method="post", data=_meeting_data),
    Case("meetings:copy", STAFF_ONLY, kwargs=_series_with_a_meeting),
    Case("meetings:copy", STAFF_ONLY, kwargs=lambda w: {"series_pk": MeetingSeriesFactory().pk}, note="empty series"),
    Case("meetings:copy", STAFF_POST, kwargs=_series_with_a_meeting, method="post", data=_copy_data),
    Case("meetings:detail", MEMBERS, kwargs=_meeting),
    Case("meetings:detail", MEMBERS, kwargs=_invited_meeting, note="invited"),
    Case("meetings:update", STAFF_ONLY, kwargs=_meeting),
    Case("meetings:update", STAFF_POST, kwargs=_meeting, method="post", data=_update_data),
    *history_cases("meetings:history", "meetings:restore", kwargs=_meeting, earlier=_meeting_earlier),
    Case("meetings:program", STAFF_ONLY, kwargs=_meeting),
    Case("meetings:program", STAFF_POST, kwargs=_meeting, method="post", data=_program_data),
    Case("meetings:programme_facilities", STAFF_ONLY, note="a corporation's facilities (JSON), none asked"),
    Case("meetings:ics", MEMBERS, kwargs=_meeting),
    Case("meetings:attachment", MEMBERS, kwargs=_attachment),
    Case("meetings:attachment_upload", ALL_405, kwargs=_meeting, note="GET"),
    Case("meetings:attachment_upload", STAFF_POST, kwargs=_meeting, method="post", data=_attachment_data),
    Case("meetings:invite", STAFF_ONLY, kwargs=_meeting),
    Case("meetings:invite", STAFF_POST, kwargs=_meeting, method="post", data=lambda w: {"action": "all"}),
    Case(
        "meetings:invite", STAFF_POST, kwargs=_meeting, method="post", note="chosen",
        data=lambda w: {"action": "chosen", "corporations": [w.corp_b.pk]},
    ),
    Case("meetings:mail_log", STAFF_ONLY, kwargs=_invited_meeting),
    Case("meetings:letters", STAFF_ONLY, kwargs=_invited_meeting),
    Case("meetings:letter", STAFF_ONLY, kwargs=_answer),
    Case("meetings:remind", ALL_405, kwargs=_meeting, note="GET"),
    Case("meetings:remind", STAFF_POST, kwargs=_invited_meeting, method="post"),
    Case("meetings:replies", STAFF_ONLY, kwargs=_invited_meeting),
    # The e-mail's link: a member lands on its own answer; B, not invited, finds nothing.
    Case(
        "meetings:rsvp",
        {"anonymous": LOGIN, "editor_a": REDIRECT, "viewer_a": REDIRECT, "editor_b": NOT_FOUND, "staff": REDIRECT},
        kwargs=_invited_meeting,
    ),
    Case("meetings:answer", OWN_EDIT, kwargs=_answer),
    Case("meetings:answer", ANSWER_POST, kwargs=_answer, method="post", data=_answer_data),
    Case("meetings:attendance", STAFF_ONLY, kwargs=_invited_meeting),
    Case("meetings:attendance", STAFF_POST, kwargs=_invited_meeting, method="post", data=_attendance_data),
    Case("meetings:attendance_as_answered", ALL_405, kwargs=_invited_meeting, note="GET"),
    Case("meetings:attendance_as_answered", STAFF_POST, kwargs=_invited_meeting, method="post",
         data=_as_answered_data),
    Case("meetings:attendance_facilities", STAFF_ONLY, kwargs=_invited_meeting, query="corporation=1"),
    Case("meetings:guests", STAFF_ONLY, kwargs=_meeting),
    Case("meetings:guests", STAFF_POST, kwargs=_meeting, method="post", data=_guest_add_data),
    Case("meetings:guest_update", STAFF_ONLY, kwargs=_guest),
    Case("meetings:guest_update", STAFF_POST, kwargs=_guest, method="post", data=_guest_update_data),
    Case("meetings:signin_sheet", STAFF_ONLY, kwargs=_invited_meeting),
    Case("meetings:groups", STAFF_ONLY, kwargs=_meeting),
    Case("meetings:groups", STAFF_POST, kwargs=_meeting, method="post", data=_groups_data),
    Case("meetings:minutes", STAFF_ONLY, kwargs=_meeting),
    Case("meetings:minutes_edit", STAFF_ONLY, kwargs=_meeting),
    Case("meetings:minutes_edit", STAFF_POST, kwargs=_meeting, method="post", data=_minutes_data),
    Case("meetings:minutes_docx", STAFF_ONLY, kwargs=_meeting),
    Case("meetings:report", STAFF_ONLY, kwargs=_invited_meeting),
    Case("meetings:report_print", STAFF_ONLY, kwargs=_invited_meeting),
    Case("meetings:report_xlsx", STAFF_ONLY, kwargs=_invited_meeting),
    Case("meetings:report_csv", STAFF_ONLY, kwargs=_invited_meeting),
]
