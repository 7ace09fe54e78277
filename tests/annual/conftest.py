"""A small 平成27年度 for the fiscal year's report: two held meetings, projects of each phase,
a need taken on, a review. `grow(n)` adds n times as much of everything (the query-count tests)."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from contributions import services as project_services
from contributions.models import NetworkPattern, Theme
from corporations.models import Area
from meetings.models import Meeting
from needs import services as need_services
from tests.contributions.factories import ProjectFactory
from tests.factories import CorporationFactory
from tests.meetings.factories import (
    AttendeeFactory,
    InvitationFactory,
    MeetingFactory,
    MeetingSeriesFactory,
    ProgramItemFactory,
)
from tests.needs.factories import NeedFactory, send

TOKYO = ZoneInfo("Asia/Tokyo")


def at(day: datetime.date, hour: int = 14) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=TOKYO)


class Year:
    """平成27年度's records, built through factories and the apps' services."""

    def __init__(self, world):
        self.world = world
        self.areas = {a.name: a for a in Area.objects.all()}
        self.patterns = {p.number: p for p in NetworkPattern.objects.all()}
        self.themes = list(Theme.objects.all())
        self.series = MeetingSeriesFactory(fiscal_year=2015)
        self.first = MeetingFactory(series=self.series, number=1, starts_at=at(datetime.date(2015, 7, 29)),
                                    status=Meeting.Status.HELD, venue="区役所 多目的会議室")
        self.second = MeetingFactory(series=self.series, number=2, starts_at=at(datetime.date(2015, 10, 29)),
                                     status=Meeting.Status.HELD, venue="区役所 アトリウム")
        ProgramItemFactory(meeting=self.second, order=1, title="開会挨拶")
        ProgramItemFactory(meeting=self.second, order=2, title="4つのパターンの提案")
        self.count = 0
        self.grow(1)

    def grow(self, times: int):
        """Each round: 3 corporations invited to both meetings (2 come to the 2nd, 1 to the 1st),
        a new, a continuing and an ended joint project, a need taken on, a review."""
        w = self.world
        for _ in range(times):
            self.count += 1
            n = self.count
            nerima, oizumi = self.areas["練馬"], self.areas["大泉"]
            corporations = [w.corp_a, w.corp_b, CorporationFactory(home_area=oizumi)] if n == 1 else [
                CorporationFactory(home_area=nerima), CorporationFactory(home_area=oizumi),
                CorporationFactory(home_area=oizumi),
            ]
            if n == 1:
                w.corp_a.home_area = nerima
                w.corp_a.save(update_fields=["home_area"])
                w.corp_b.home_area = oizumi
                w.corp_b.save(update_fields=["home_area"])
            for corporation in corporations:
                InvitationFactory(meeting=self.first, corporation=corporation)
                InvitationFactory(meeting=self.second, corporation=corporation)
            AttendeeFactory(meeting=self.first, corporation=corporations[0], name=f"青木 和也{n}")
            AttendeeFactory(meeting=self.second, corporation=corporations[0], name=f"青木 和也{n}")
            AttendeeFactory(meeting=self.second, corporation=corporations[0], name=f"石川 由美{n}")
            AttendeeFactory(meeting=self.second, corporation=corporations[1], name=f"上田 健一{n}")
            published = {"publication_state": "published", "owner": corporations[0]}
            ProjectFactory(title=f"新規の見守り{n}", pattern=self.patterns[2], areas=[nerima],
                           period_start=datetime.date(2015, 6, 1), themes=self.themes[:1],
                           partners=[corporations[1], corporations[2]], **published)
            continuing = ProjectFactory(title=f"継続の食堂{n}", pattern=self.patterns[3], areas=[nerima, oizumi],
                                        period_start=datetime.date(2014, 4, 1), **published)
            ProjectFactory(title=f"終了した演奏会{n}", pattern=self.patterns[4], areas=[oizumi],
                           period_start=datetime.date(2013, 4, 1), period_end=datetime.date(2015, 12, 31),
                           **published)
            ProjectFactory(title=f"下書きの講座{n}", pattern=self.patterns[1], areas=[oizumi],
                           period_start=datetime.date(2015, 5, 1), owner=corporations[0])
            ProjectFactory(title=f"前の年度の事業{n}", pattern=self.patterns[1], areas=[oizumi],
                           period_start=datetime.date(2012, 4, 1), period_end=datetime.date(2014, 3, 31),
                           **published)
            project_services.review_create(project=continuing, acting_user=w.staff,
                                           reviewed_on=datetime.date(2015, 9, 1), stage="check")
            need = NeedFactory(received_on=datetime.date(2015, 9, 1), areas=[oizumi], themes=self.themes[:1],
                               in_charge=w.staff)
            offer, = send(need, corporations[1], staff=w.staff)
            need_services.offer_answer(offer=offer, acting_user=w.staff, accept=True)
            NeedFactory(received_on=datetime.date(2015, 11, 1), in_charge=w.staff)
        return self


@pytest.fixture
def year(world):
    return Year(world)
