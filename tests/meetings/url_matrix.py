from django.core.files.uploadedfile import SimpleUploadedFile

from tests import matrix
from tests.matrix import Case, form_cases, history_cases

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


CASES = [
    Case("meetings:list", matrix.MEMBERS),
    Case("meetings:list", matrix.MEMBERS, query="fy=2015", note="fiscal year"),
    Case("meetings:feed", matrix.PUBLIC, note="public: titles, times and venues only"),
    Case("meetings:participation", matrix.STAFF_ONLY),
    Case("meetings:participation", matrix.STAFF_ONLY, query="fy=2015&n=3", note="chosen"),
    Case("meetings:participation", matrix.ALL_405, method="post", note="read only"),
    Case("meetings:participation_xlsx", matrix.STAFF_ONLY),
    Case("meetings:participation_csv", matrix.STAFF_ONLY, query="fy=2015&area=1", note="one area"),
    Case("meetings:outreach", matrix.STAFF_ONLY, query="fy=2015&n=1"),
    Case("meetings:outreach_xlsx", matrix.STAFF_ONLY),
    Case("meetings:outreach_csv", matrix.STAFF_ONLY),
    *form_cases("meetings:series_create", matrix.STAFF_ONLY, data=_series_data),
    *form_cases("meetings:create", matrix.STAFF_ONLY, data=_meeting_data),
    Case("meetings:copy", matrix.STAFF_ONLY, kwargs=_series_with_a_meeting),
    Case("meetings:copy", matrix.STAFF_ONLY, kwargs=lambda w: {"series_pk": MeetingSeriesFactory().pk},
         note="empty series"),
    Case("meetings:copy", matrix.STAFF_POST, kwargs=_series_with_a_meeting, method="post", data=_copy_data),
    Case("meetings:detail", matrix.MEMBERS, kwargs=_meeting),
    Case("meetings:detail", matrix.MEMBERS, kwargs=_invited_meeting, note="invited"),
    *form_cases("meetings:update", matrix.STAFF_ONLY, kwargs=_meeting, data=_update_data),
    *history_cases("meetings:history", "meetings:restore", kwargs=_meeting, earlier=_meeting_earlier),
    *form_cases("meetings:program", matrix.STAFF_ONLY, kwargs=_meeting, data=_program_data),
    Case("meetings:programme_facilities", matrix.STAFF_ONLY, note="a corporation's facilities (JSON), none asked"),
    Case("meetings:ics", matrix.MEMBERS, kwargs=_meeting),
    Case("meetings:attachment", matrix.MEMBERS, kwargs=_attachment),
    Case("meetings:attachment_upload", matrix.ALL_405, kwargs=_meeting, note="GET"),
    Case("meetings:attachment_upload", matrix.STAFF_POST, kwargs=_meeting, method="post", data=_attachment_data),
    *form_cases("meetings:invite", matrix.STAFF_ONLY, kwargs=_meeting, data=lambda w: {"action": "all"}),
    Case(
        "meetings:invite", matrix.STAFF_POST, kwargs=_meeting, method="post", note="chosen",
        data=lambda w: {"action": "chosen", "corporations": [w.corp_b.pk]},
    ),
    Case("meetings:mail_log", matrix.STAFF_ONLY, kwargs=_invited_meeting),
    Case("meetings:letters", matrix.STAFF_ONLY, kwargs=_invited_meeting),
    Case("meetings:letter", matrix.STAFF_ONLY, kwargs=_answer),
    Case("meetings:remind", matrix.ALL_405, kwargs=_meeting, note="GET"),
    Case("meetings:remind", matrix.STAFF_POST, kwargs=_invited_meeting, method="post"),
    Case("meetings:replies", matrix.STAFF_ONLY, kwargs=_invited_meeting),
    # The e-mail's link: a member lands on its own answer; B, not invited, finds nothing.
    Case(
        "meetings:rsvp",
        {role: matrix.REDIRECT for role in matrix.PUBLIC} | {"anonymous": matrix.LOGIN, "editor_b": matrix.NOT_FOUND},
        kwargs=_invited_meeting,
    ),
    # A's invitation: A's editor and staff (as proxy) answer; A's viewer 403; B, not invited, 404.
    *form_cases("meetings:answer", matrix.OWN_EDIT, kwargs=_answer, data=_answer_data),
    *form_cases("meetings:attendance", matrix.STAFF_ONLY, kwargs=_invited_meeting, data=_attendance_data),
    Case("meetings:attendance_as_answered", matrix.ALL_405, kwargs=_invited_meeting, note="GET"),
    Case("meetings:attendance_as_answered", matrix.STAFF_POST, kwargs=_invited_meeting, method="post",
         data=_as_answered_data),
    Case("meetings:attendance_facilities", matrix.STAFF_ONLY, kwargs=_invited_meeting, query="corporation=1"),
    *form_cases("meetings:guests", matrix.STAFF_ONLY, kwargs=_meeting, data=_guest_add_data),
    *form_cases("meetings:guest_update", matrix.STAFF_ONLY, kwargs=_guest, data=_guest_update_data),
    Case("meetings:signin_sheet", matrix.STAFF_ONLY, kwargs=_invited_meeting),
    *form_cases("meetings:groups", matrix.STAFF_ONLY, kwargs=_meeting, data=_groups_data),
    Case("meetings:minutes", matrix.STAFF_ONLY, kwargs=_meeting),
    *form_cases("meetings:minutes_edit", matrix.STAFF_ONLY, kwargs=_meeting, data=_minutes_data),
    Case("meetings:minutes_docx", matrix.STAFF_ONLY, kwargs=_meeting),
    Case("meetings:report", matrix.STAFF_ONLY, kwargs=_invited_meeting),
    Case("meetings:report_print", matrix.STAFF_ONLY, kwargs=_invited_meeting),
    Case("meetings:report_xlsx", matrix.STAFF_ONLY, kwargs=_invited_meeting),
    Case("meetings:report_csv", matrix.STAFF_ONLY, kwargs=_invited_meeting),
]
