import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from meetings.models import (
    Attachment,
    Attendee,
    Guest,
    Invitation,
    Meeting,
    MeetingSeries,
    ProgramItem,
    RsvpPerson,
)
from tests.factories import AreaFactory, CorporationFactory, OfCorporationFactory, StaffFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class MeetingSeriesFactory(DjangoModelFactory):
    class Meta:
        model = MeetingSeries

    title = factory.Sequence(lambda n: f"ネットワークづくりに向けた連絡会{n}")
    fiscal_year = 2015


def _future(n):
    day = timezone.localtime() + datetime.timedelta(days=30 + n)
    return day.replace(hour=14, minute=0, second=0, microsecond=0)


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    series = factory.SubFactory(MeetingSeriesFactory)
    number = factory.Sequence(lambda n: n + 1)
    starts_at = factory.Sequence(_future)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    venue = "練馬区役所 本庁舎 会議室"
    status = Meeting.Status.PLANNED


class OfMeetingFactory(DjangoModelFactory):
    """A row that belongs to one meeting: its programme, invitations, attendees, guests and files."""

    class Meta:
        abstract = True

    meeting = factory.SubFactory(MeetingFactory)


class ProgramItemFactory(OfMeetingFactory):
    class Meta:
        model = ProgramItem

    order = factory.Sequence(lambda n: n + 1)
    kind = ProgramItem.Kind.LECTURE
    title = "社会貢献事業におけるネットワークづくりについて"
    speaker = "大学教授"


class InvitationFactory(OfMeetingFactory, OfCorporationFactory):
    class Meta:
        model = Invitation

    invited_at = factory.LazyFunction(timezone.now)


class RsvpPersonFactory(DjangoModelFactory):
    class Meta:
        model = RsvpPerson

    invitation = factory.SubFactory(InvitationFactory)
    name = factory.Sequence(lambda n: f"予定 太郎{n}")
    title = "施設長"
    area = factory.LazyAttribute(lambda o: o.invitation.corporation.home_area)


class AttendeeFactory(OfMeetingFactory, OfCorporationFactory):
    class Meta:
        model = Attendee

    name = factory.Sequence(lambda n: f"出席 花子{n}")
    title = "主任"
    area = factory.LazyAttribute(lambda o: o.corporation.home_area)
    present = True


class GuestFactory(OfMeetingFactory):
    """A guest of no corporation (区の福祉部, the lecturer …)."""

    class Meta:
        model = Guest

    name = factory.Sequence(lambda n: f"来賓 一郎{n}")
    organisation = "練馬区 福祉部"
    title = "課長"


class AttachmentFactory(OfMeetingFactory):
    class Meta:
        model = Attachment

    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="shiryou.pdf"))
    original_name = "第2回資料.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)
    uploaded_by = factory.SubFactory(StaffFactory)


def corporations_in_areas(count: int, areas=("練馬", "光が丘", "石神井", "大泉")):
    """`count` corporations spread over the four areas, in 五十音-sortable order."""
    area_rows = [AreaFactory(name=name) for name in areas]
    return [CorporationFactory(home_area=area_rows[i % len(area_rows)]) for i in range(count)]
