import re

import pytest
from django.urls import reverse

from corporations.models import Area, Corporation
from tests.factories import AreaFactory, CorporationFactory, FacilityFactory, ServiceTypeFactory

URL = reverse("corporations:list")


def _names(response):
    return [c.name for c in response.context["page"]]


def test_it_requires_login(client, world):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_is_for_staff_only(editor_a_client, viewer_a_client):
    assert editor_a_client.get(URL).status_code == 403
    assert viewer_a_client.get(URL).status_code == 403


def test_it_refuses_post(staff_client):
    assert staff_client.post(URL).status_code == 405


def test_it_sorts_by_furigana_in_gojuon_order(staff_client, world):
    CorporationFactory(name="社会福祉法人わかば会", name_kana="ワカバカイ")
    CorporationFactory(name="社会福祉法人かえで会", name_kana="カエデカイ")
    CorporationFactory(name="社会福祉法人がくえん会", name_kana="ガクエンカイ")
    names = _names(staff_client.get(URL))
    assert names == [
        "社会福祉法人あおば会", "社会福祉法人かえで会", "社会福祉法人がくえん会",
        "社会福祉法人さくら会", "社会福祉法人わかば会",
    ]


def test_it_filters_by_area_through_home_or_facility(staff_client, world):
    oizumi = Area.objects.get(name="大泉")
    home_there = CorporationFactory(name="大泉の法人", home_area=oizumi)
    facility_there = CorporationFactory(name="施設が大泉の法人")
    FacilityFactory(corporation=facility_there, area=oizumi)
    FacilityFactory(corporation=facility_there, area=oizumi, name="二つ目")
    names = _names(staff_client.get(URL, {"area": oizumi.pk}))
    assert sorted(names) == sorted([home_there.name, facility_there.name])


def test_it_filters_by_kind_service_type_and_name(staff_client, world):
    npo = CorporationFactory(
        name="特定非営利活動法人ひだまりネット", name_kana="ヒダマリネット", kind=Corporation.Kind.NPO
    )
    FacilityFactory(corporation=npo, service_type=ServiceTypeFactory(name="障害"))
    assert _names(staff_client.get(URL, {"kind": "npo"})) == [npo.name]
    assert _names(staff_client.get(URL, {"service_type": npo.facilities.get().service_type_id})) == [npo.name]
    # フリガナ typed in hiragana finds the katakana.
    assert _names(staff_client.get(URL, {"q": "ひだまり"})) == [npo.name]
    assert _names(staff_client.get(URL, {"q": "ひだまりネット"})) == [npo.name]
    assert _names(staff_client.get(URL, {"q": "さくら"})) == ["社会福祉法人さくら会"]


def test_it_shows_active_corporations_unless_asked(staff_client, world):
    gone = CorporationFactory(name="解散した法人", is_active=False)
    assert gone.name not in _names(staff_client.get(URL))
    assert _names(staff_client.get(URL, {"status": "inactive"})) == [gone.name]
    assert gone.name in _names(staff_client.get(URL, {"status": "all"}))


def test_it_shows_the_filters_with_labels(staff_client, world):
    html = staff_client.get(URL).content.decode()
    for field in ["q", "area", "kind", "service_type", "status"]:
        assert re.search(rf'<label\s+for="id_{field}"', html), field
    assert '<th scope="col">' in html
    assert "<caption" in html


def _many(count):
    areas = list(Area.objects.all())
    for index in range(count):
        corporation = CorporationFactory(home_area=areas[index % len(areas)])
        FacilityFactory(corporation=corporation, area=areas[(index + 1) % len(areas)])
        FacilityFactory(corporation=corporation, service_type=ServiceTypeFactory(name="障害"))


@pytest.mark.parametrize("count", [63, 630])
def test_it_uses_the_same_queries_for_63_and_630_corporations(staff_client, world, count, django_assert_num_queries):
    _many(count)
    AreaFactory(name="練馬")
    # 1 session, 2 user, 3 count for the paginator, 4 the page of corporations with home area,
    # 5 their facilities with service type and area (prefetch),
    # 6 areas and 7 service types for the filter's choices.
    # 8 the data generation, read once by the page's first cached fragment (core/fragments.py).
    with django_assert_num_queries(8):
        response = staff_client.get(URL)
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(count + 2, 100)
