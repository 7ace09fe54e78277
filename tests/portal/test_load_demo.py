import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from corporations.models import Area, Corporation, Facility


@pytest.fixture
def demo(db):
    call_command("load_demo")


def test_it_loads_nerimas_network_of_63_corporations_in_4_areas(demo):
    assert Corporation.objects.count() == 63
    assert sorted(Area.objects.values_list("name", flat=True)) == sorted(["練馬", "光が丘", "石神井", "大泉"])
    assert not Corporation.objects.filter(facilities__isnull=True).exists()
    assert Facility.objects.filter(corporation__home_area__name="大泉").exists()
    for area in Area.objects.all():
        assert area.corporations.count() >= 10, area


def test_it_includes_the_articles_three_facilities(demo):
    facilities = dict(Facility.objects.values_list("name", "corporation__name"))
    assert facilities["つくりっこの家"] == "社会福祉法人つくりっこの家"
    assert "いずみ寮" in facilities
    assert facilities["大泉特別養護老人ホーム"] == "社会福祉法人練馬区社会福祉事業団"
    assert Corporation.objects.get(name="社会福祉法人練馬区社会福祉事業団").kind == Corporation.Kind.PUBLIC_AGENCY


def test_it_creates_the_demo_accounts_of_the_readme(demo):
    staff = User.objects.get(username="staff")
    assert staff.is_staff and staff.check_password("nerima-demo-2015")
    member = User.objects.get(username="member")
    assert member.membership.corporation.name == "社会福祉法人つくりっこの家"
    assert member.membership.is_editor
    assert not User.objects.get(username="viewer").membership.is_editor


def test_it_loads_only_into_an_empty_database(demo):
    call_command("load_demo", "--if-empty")
    assert Corporation.objects.count() == 63
    with pytest.raises(CommandError):
        call_command("load_demo")
