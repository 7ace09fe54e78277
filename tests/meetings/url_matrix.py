from django.core.files.uploadedfile import SimpleUploadedFile

from tests.matrix import (
    FORBIDDEN,
    LOGIN,
    MEMBERS,
    NOT_ALLOWED,
    NOT_FOUND,
    OWN_EDIT,
    PUBLIC,
    REDIRECT,
    STAFF_ONLY,
    Case,
)

from .factories import (
    PDF_BYTES,
    AttachmentFactory,
    InvitationFactory,
    MeetingFactory,
    MeetingSeriesFactory,
)


def _meeting(world):
    return {"pk": MeetingFactory().pk}


def _invited_meeting(world):
    invitation = InvitationFactory(corporation=world.corp_a)
    return {"pk": invitation.meeting_id}


def _answer(world):
    invitation = InvitationFactory(corporation=world.corp_a)
    return {"pk": invitation.meeting_id, "invitation_pk": invitation.pk}


def _attachment(world):
    attachment = AttachmentFactory()
    return {"pk": attachment.meeting_id, "attachment_pk": attachment.pk}


STAFF_POST = {"anonymous": LOGIN, "editor_a": FORBIDDEN, "viewer_a": FORBIDDEN, "editor_b": FORBIDDEN, "staff": REDIRECT}
ALL_405 = {role: NOT_ALLOWED for role in ["anonymous", "editor_a", "viewer_a", "editor_b", "staff"]}

CASES = [
    Case("meetings:list", MEMBERS),
    Case("meetings:list", MEMBERS, query="fy=2015", note="fiscal year"),
    Case("meetings:feed", PUBLIC, note="public: titles, times and venues only"),
    Case("meetings:participation", STAFF_ONLY),
    Case("meetings:participation", STAFF_ONLY, query="fy=2015&n=3", note="chosen"),
    Case("meetings:series_create", STAFF_ONLY),
    Case("meetings:create", STAFF_ONLY),
    Case("meetings:copy", STAFF_ONLY, kwargs=lambda w: {"series_pk": MeetingFactory().series_id}),
    Case("meetings:copy", STAFF_ONLY, kwargs=lambda w: {"series_pk": MeetingSeriesFactory().pk}, note="empty series"),
    Case("meetings:detail", MEMBERS, kwargs=_meeting),
    Case("meetings:detail", MEMBERS, kwargs=_invited_meeting, note="invited"),
    Case("meetings:update", STAFF_ONLY, kwargs=_meeting),
    Case("meetings:program", STAFF_ONLY, kwargs=_meeting),
    Case("meetings:ics", MEMBERS, kwargs=_meeting),
    Case("meetings:attachment", MEMBERS, kwargs=_attachment),
    Case("meetings:attachment_upload", ALL_405, kwargs=_meeting, note="GET"),
    Case(
        "meetings:attachment_upload", STAFF_POST, kwargs=_meeting, method="post",
        data=lambda w: {"file": SimpleUploadedFile("資料.pdf", PDF_BYTES, content_type="application/pdf")},
    ),
    Case("meetings:invite", STAFF_ONLY, kwargs=_meeting),
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
    Case("meetings:attendance", STAFF_ONLY, kwargs=_invited_meeting),
    Case("meetings:signin_sheet", STAFF_ONLY, kwargs=_invited_meeting),
    Case("meetings:groups", STAFF_ONLY, kwargs=_meeting),
    Case("meetings:minutes", STAFF_ONLY, kwargs=_meeting),
    Case("meetings:report", STAFF_ONLY, kwargs=_invited_meeting),
    Case("meetings:report_print", STAFF_ONLY, kwargs=_invited_meeting),
    Case("meetings:report_xlsx", STAFF_ONLY, kwargs=_invited_meeting),
    Case("meetings:report_csv", STAFF_ONLY, kwargs=_invited_meeting),
]
