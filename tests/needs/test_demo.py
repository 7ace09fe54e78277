import pytest
from django.core.management import call_command

from needs.models import CaseView, Need, NeedKind, NeedStatus, OfferStatus, Resource


@pytest.fixture
def demo(db):
    call_command("load_demo")


def test_it_loads_the_articles_needs_cases_and_resources(demo):
    issues = dict(Need.objects.filter(kind=NeedKind.ISSUE).values_list("title", "status"))
    assert set(issues) == {"子どもの学習支援の場", "食糧支援", "就労体験の場", "グレーゾーンの人たちへの支援"}
    assert Need.objects.get(title="子どもの学習支援の場").areas.get().name == "光が丘"
    cases = Need.objects.filter(kind=NeedKind.CASE)
    assert cases.count() == 3 and not cases.exclude(visibility="staff").exists()
    assert set(Need.objects.values_list("status", flat=True)) == set(NeedStatus.values)
    assert {OfferStatus.ACCEPTED, OfferStatus.DECLINED, OfferStatus.PENDING} <= set(
        Need.objects.values_list("offers__status", flat=True))
    rooms = Resource.objects.get(title="会議室・地域交流スペースの無料貸し出し")
    assert rooms.facility.name == "大泉特別養護老人ホーム" and rooms.fee == "free" and rooms.is_public
    assert Resource.objects.filter(corporation__name="社会福祉法人慈愛会", kind__name="厨房・食事").exists()
    assert Resource.objects.filter(corporation__name="社会福祉法人つくりっこの家", kind__name="交流・イベント").exists()
    assert Resource.objects.values("corporation").distinct().count() > 20
    study = Need.objects.get(title="子どもの学習支援の場")
    assert study.projects.get().title == "光が丘まなびの部屋"
    assert not CaseView.objects.exists()


def test_the_demo_member_has_an_offer_to_answer(demo, client):
    from django.urls import reverse

    from accounts.models import User

    member = User.objects.get(username="member")
    client.force_login(member)
    pending = member.membership.corporation.offer_requests.filter(status=OfferStatus.PENDING)
    assert pending.exists()
    assert client.get(reverse("needs:answer", kwargs={"pk": pending.first().pk})).status_code == 200
