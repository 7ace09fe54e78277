import pytest
from django.core.management import call_command

from accounts.models import User
from contributions.models import Project, PublicationState, PublishedProject
from contributions.selectors import overdue_projects, visible_projects


@pytest.fixture
def demo(db):
    call_command("load_demo")


def test_it_turns_the_articles_practice_reports_into_projects(demo):
    owners = dict(Project.objects.values_list("title", "owner__name"))
    assert owners["こころの病への偏見をなくす地域交流イベント"] == "社会福祉法人つくりっこの家"
    assert owners["多世代が暮らす住まいの支援"] == "社会福祉法人つくりっこの家"
    assert owners["コーラスとハンドベルの演奏会"] == "社会福祉法人慈愛会"
    assert owners["いずみ寮の食事サービス"] == "社会福祉法人慈愛会"
    assert owners["認知症サポーター養成研修"] == "社会福祉法人練馬区社会福祉事業団"
    assert owners["福祉（介護）講座地域出前事業"] == "社会福祉法人練馬区社会福祉事業団"
    assert PublishedProject.objects.filter(is_public=True, title="地域への部屋の無料貸し出し").exists()


def test_it_spreads_about_fifty_projects_over_patterns_areas_and_states(demo):
    assert 45 <= Project.objects.count() <= 55
    assert set(Project.objects.values_list("pattern__number", flat=True)) == {1, 2, 3, 4}
    assert set(Project.objects.values_list("areas__name", flat=True)) == {"練馬", "光が丘", "石神井", "大泉"}
    assert set(Project.objects.values_list("publication_state", flat=True)) == set(PublicationState.values)
    assert Project.objects.filter(has_pending_changes=True).exists()
    assert Project.objects.filter(partners__isnull=False).distinct().count() >= 10
    assert Project.objects.filter(staff_ripple_score__isnull=False).exists()
    assert overdue_projects().exists()
    assert overdue_projects().count() < Project.objects.filter(reviews__isnull=False).distinct().count()


def test_it_gives_the_demo_member_joint_projects_to_see(demo):
    member = User.objects.get(username="member")
    projects = visible_projects(member)
    assert projects.exclude(owner=member.membership.corporation).exists()
