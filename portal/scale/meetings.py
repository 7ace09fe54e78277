"""Meetings with their invitations, answers and attendees; what a held meeting leaves: guests,
minutes, the mails sent."""


from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from post_office.models import STATUS, Email

from corporations.models import Corporation
from meetings.models import Attendee, Invitation, Meeting, MeetingSeries, RsvpPerson
from meetings.models.attendance import Guest
from meetings.models.invitations import MeetingMail
from meetings.models.minutes import Minutes, MinutesDecision, MinutesFollowUp

from .inserts import BATCH, batched, insert, insert_quiet
from .words import DECISIONS, FISCAL_YEARS, FOLLOW_UPS, GIVEN, GUEST_BODIES, PROCEEDINGS, SURNAMES, TITLES, TOKYO


class MeetingRows:
    """Meetings with their invitations, answers and attendees; what a held meeting leaves: guests,
    minutes, the mails sent.

    A part of Generator: self.rng, self.areas … and self._timed come from it.
    """

    def _meetings(self, count, attendees, corporations, facilities) -> tuple[list[Meeting], list[Invitation]]:
        if not count:
            return [], []
        # Series per fiscal year and area; meetings numbered within them.
        series_rows, meetings = {}, []
        for index in range(count):
            fiscal_year = FISCAL_YEARS[index % len(FISCAL_YEARS)]
            area = self.areas[(index // len(FISCAL_YEARS)) % len(self.areas)]
            series_rows.setdefault((fiscal_year, area.name), []).append(index)
        existing = set(MeetingSeries.objects.values_list("title", "fiscal_year"))
        series_objects = []
        for fiscal_year, area_name in series_rows:
            title = f"{area_name}地域 生成連絡会"
            suffix = 1
            while (title, fiscal_year) in existing:
                suffix += 1
                title = f"{area_name}地域 生成連絡会（{suffix}）"
            existing.add((title, fiscal_year))
            series_objects.append(MeetingSeries(title=title, fiscal_year=fiscal_year))
        created_series = insert(MeetingSeries, series_objects)
        for series, indexes in zip(created_series, series_rows.values(), strict=True):
            for number, _index in enumerate(indexes, start=1):
                day = datetime.date(series.fiscal_year, 4, 10) + datetime.timedelta(days=(number * 11) % 350)
                starts = datetime.datetime(day.year, day.month, day.day, 14, tzinfo=TOKYO)
                meetings.append(Meeting(
                    series=series, number=number, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
                    venue="練馬区役所 本庁舎 多目的会議室", status=Meeting.Status.HELD,
                ))
        created = self._timed("meetings", lambda: insert(Meeting, meetings))
        invitations = self._invitations_and_attendees(
            created, attendees, corporations or list(Corporation.objects.all()), facilities
        )
        return created, invitations

    def _invitations_and_attendees(self, meetings, attendees, corporations, facilities):
        """Each meeting invites a sample of the register; six in ten come, two people each, who
        answered beforehand with one name."""
        rng = self.rng
        per_meeting = max(1, attendees // len(meetings))
        invited_count = min(len(corporations), max(1, round(per_meeting / 1.2)))
        invitations = []
        plan = []  # (meeting, corporation, comes)
        for meeting in meetings:
            for corporation in rng.sample(corporations, invited_count):
                roll = rng.random()
                answer = (Invitation.Answer.ATTEND if roll < 0.6 else Invitation.Answer.ABSENT if roll < 0.85
                          else Invitation.Answer.PENDING)
                answered = answer != Invitation.Answer.PENDING
                invitations.append(Invitation(
                    meeting=meeting, corporation=corporation,
                    invited_at=meeting.starts_at - datetime.timedelta(days=30),
                    answer=answer, answered_at=(meeting.starts_at - datetime.timedelta(days=7)) if answered else None,
                    is_proxy=answered,
                ))
                plan.append((meeting, corporation, answer == Invitation.Answer.ATTEND))
        created = self._timed("invitations", lambda: insert(Invitation, invitations))
        budget = {meeting.pk: per_meeting for meeting in meetings}

        def persons():
            for invitation, (_meeting, corporation, comes) in zip(created, plan, strict=True):
                if comes:
                    its = facilities.get(corporation.pk)
                    yield RsvpPerson(
                        invitation=invitation, name=f"{SURNAMES[corporation.pk % 20]} {GIVEN[invitation.pk % 10]}",
                        title=TITLES[invitation.pk % len(TITLES)], facility=its[0] if its else None,
                        area_id=corporation.home_area_id,
                    )

        def people():
            for meeting, corporation, comes in plan:
                if not comes:
                    continue
                its = facilities.get(corporation.pk)
                for order in range(2):
                    if budget[meeting.pk] <= 0:
                        break
                    budget[meeting.pk] -= 1
                    yield Attendee(
                        meeting=meeting, corporation=corporation, facility=its[0] if its else None,
                        name=f"{SURNAMES[(corporation.pk + order) % 20]} {GIVEN[(meeting.pk + order) % 10]}{order + 1}",
                        title=TITLES[(corporation.pk + order) % len(TITLES)], area_id=corporation.home_area_id,
                        present=rng.random() < 0.95, order=order,
                    )

        self._timed("answers' names", lambda: insert_quiet(RsvpPerson, persons()))
        self._timed("attendees", lambda: insert_quiet(Attendee, people()))
        return created


    def _guests(self, meetings: list[Meeting]) -> None:
        """Three guests a meeting (the ward, a lecturer, residents …); most answered and came."""
        rng = self.rng

        def rows():
            for position, meeting in enumerate(meetings):
                for index, (organisation, title) in enumerate(rng.sample(GUEST_BODIES, 3)):
                    roll = rng.random()
                    answer = (Invitation.Answer.ATTEND if roll < 0.8 else Invitation.Answer.ABSENT if roll < 0.9
                              else Invitation.Answer.PENDING)
                    yield Guest(
                        meeting=meeting, organisation=organisation, title=title,
                        name=f"{SURNAMES[(position + index) % len(SURNAMES)]} {GIVEN[(position + index) % len(GIVEN)]}",
                        answer=answer,
                        answered_at=None if answer == Invitation.Answer.PENDING
                        else meeting.starts_at - datetime.timedelta(days=5),
                        area=self.areas[(position + index) % len(self.areas)] if self.areas else None,
                        present=answer == Invitation.Answer.ATTEND and rng.random() < 0.9,
                    )

        self._timed("guests", lambda: insert_quiet(Guest, rows()))

    def _minutes(self, meetings: list[Meeting]) -> None:
        """Minutes of every held meeting: the proceedings, two decisions, one or two follow-ups."""
        rng = self.rng
        held = [meeting for meeting in meetings if meeting.status == Meeting.Status.HELD]

        def work():
            minutes = insert(Minutes, (
                Minutes(
                    meeting=meeting, recorder=f"{SURNAMES[position % len(SURNAMES)]} {GIVEN[position % len(GIVEN)]}",
                    proceedings=PROCEEDINGS,
                )
                for position, meeting in enumerate(held)
            ))
            decisions, follow_ups = [], []
            for position, (record, meeting) in enumerate(zip(minutes, held, strict=True)):
                for order in (1, 2):
                    decisions.append(MinutesDecision(
                        minutes=record, order=order, text=DECISIONS[(position + order) % len(DECISIONS)]
                    ))
                for order in range(1, rng.randint(1, 2) + 1):
                    task, owner = FOLLOW_UPS[(position + order) % len(FOLLOW_UPS)]
                    follow_ups.append(MinutesFollowUp(
                        minutes=record, order=order, task=task, owner=owner,
                        due_on=timezone.localdate(meeting.starts_at) + datetime.timedelta(days=60),
                        done=rng.random() < 0.7,
                    ))
            return len(minutes) + insert_quiet(MinutesDecision, decisions) + insert_quiet(MinutesFollowUp, follow_ups)

        self._timed("minutes, decisions and follow-ups", work)

    def _mails(self, invitations: list[Invitation]) -> None:
        """The mails of the newest generated year's meetings (the mail queue came with that year):
        an invitation to each invited corporation with an address, a reminder to those that never
        answered; nearly all sent, a few failed."""
        rng = self.rng
        newest = max((i.meeting.series.fiscal_year for i in invitations), default=None)
        plan = []  # (invitation, kind)
        for invitation in invitations:
            if invitation.meeting.series.fiscal_year != newest or not invitation.corporation.email:
                continue
            plan.append((invitation, MeetingMail.Kind.INVITATION))
            if invitation.answer == Invitation.Answer.PENDING:
                plan.append((invitation, MeetingMail.Kind.REMINDER))

        def work():
            count = 0
            for batch in batched(plan):
                emails = Email.objects.bulk_create([
                    Email(
                        from_email=settings.DEFAULT_FROM_EMAIL, to=[i.corporation.email],
                        subject=f"{i.meeting.series.title} 第{i.meeting.number}回のご案内", message="（生成した本文）",
                        html_message="", status=STATUS.failed if rng.random() < 0.02 else STATUS.sent,
                    )
                    for i, _kind in batch
                ], batch_size=BATCH)
                MeetingMail.objects.bulk_create([
                    MeetingMail(meeting=i.meeting, corporation_id=i.corporation_id, kind=kind, email=email,
                                created_at=i.invited_at if kind == MeetingMail.Kind.INVITATION
                                else i.meeting.starts_at - datetime.timedelta(days=10))
                    for (i, kind), email in zip(batch, emails, strict=True)
                ], batch_size=BATCH)
                count += len(batch)
            return count

        self._timed("meeting mails (and the queue's rows)", work)

