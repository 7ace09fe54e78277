"""iCalendar (.ics) for meetings, built with the icalendar library.

Only what a public calendar may carry: the meeting's title, times, venue, status and a
link. No attendee, answer or note ever goes into a calendar file.
"""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

STATUS = {"planned": "CONFIRMED", "held": "CONFIRMED", "cancelled": "CANCELLED"}


def build_calendar(meetings) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.PORTAL_COUNCIL_NAME}//network-portal//JA")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("%(council)s 連絡会") % {"council": settings.PORTAL_COUNCIL_NAME})
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    host = settings.PORTAL_SITE_URL.split("//", 1)[-1].split("/", 1)[0]
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("summary", str(meeting))
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.ends_at)
        event.add("dtstamp", meeting.updated_at)
        if meeting.venue:
            event.add("location", meeting.venue)
        event.add("status", STATUS[meeting.status])
        event.add("url", settings.PORTAL_SITE_URL.rstrip("/") + reverse("meetings:detail", kwargs={"pk": meeting.pk}))
        calendar.add_component(event)
    return calendar


def ics_response(meetings, filename: str) -> HttpResponse:
    response = HttpResponse(build_calendar(meetings).to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
