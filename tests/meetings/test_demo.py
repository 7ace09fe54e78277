import pytest
from django.core.management import call_command
from django.urls import reverse

from meetings.models import AreaGroup, Meeting, ProgramItem
from meetings.selectors import area_report


@pytest.fixture
def demo(db):
    call_command("load_demo")


def test_it_loads_fy2015s_three_meetings(demo):
    meetings = list(Meeting.objects.filter(series__fiscal_year=2015).order_by("number"))
    assert [(m.number, m.status, m.starts_at.date().isoformat()) for m in meetings][:2] == [
        (1, "held", "2015-07-29"), (2, "held", "2015-10-29"),
    ]
    assert meetings[2].status == "planned" and meetings[2].fiscal_year == 2015
    assert {m.series.title for m in meetings} == {
        "社会福祉法人等の社会貢献事業におけるネットワークづくりに向けた連絡会"
    }


def test_it_adds_an_upcoming_meeting_the_demo_member_can_still_answer(demo):
    from django.utils import timezone

    from accounts.models import User
    from meetings.policies import can_answer

    upcoming = Meeting.objects.get(starts_at__gt=timezone.now())
    assert upcoming.status == "planned"
    assert upcoming.invitations.count() == 63
    assert upcoming.invitations.exclude(answer="pending").count() == 24
    member = User.objects.get(username="member")
    own = upcoming.invitations.get(corporation=member.membership.corporation)
    assert own.answer == "pending"
    assert can_answer(member, own)


def test_it_shows_39_of_63_on_the_second_meetings_report(demo, client):
    second = Meeting.objects.get(number=2)
    report = area_report(second)
    assert (report.attended_count, report.total_count, report.attendance_rate) == (39, 63, 61.9)
    from accounts.models import User

    client.force_login(User.objects.get(username="staff"))
    assert "出席 39法人 / 63法人 (61.9%)" in client.get(
        reverse("meetings:report", kwargs={"pk": second.pk})
    ).content.decode()


def test_it_gives_the_second_meeting_the_articles_programme_and_area_groups(demo):
    second = Meeting.objects.get(number=2)
    kinds = list(second.program_items.values_list("kind", flat=True))
    assert kinds.count(ProgramItem.Kind.PRACTICE_REPORT) == 3 and kinds[-1] == ProgramItem.Kind.SUMMARY
    facilities = set(second.program_items.exclude(facility=None).values_list("facility__name", flat=True))
    assert facilities == {"つくりっこの家", "いずみ寮", "大泉特別養護老人ホーム"}
    assert second.program_items.filter(title="社会貢献事業におけるネットワークづくりについて").exists()
    areas = set(AreaGroup.objects.filter(meeting=second).values_list("area__name", flat=True))
    assert areas == {"練馬", "光が丘", "石神井", "大泉"}
    assert not AreaGroup.objects.filter(meeting=second, notes="").exists()
