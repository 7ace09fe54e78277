"""A need's candidate corporations: ranked, each with its reasons, filtered, paginated, in
the same number of queries whatever the size of the register."""

import pytest
from django.urls import reverse

from corporations.models import ServiceType
from needs import services
from needs.selectors import candidate_corporations, candidate_reasons, need_detail_prefetch
from tests.contributions.factories import ProjectFactory
from tests.factories import CorporationFactory, FacilityFactory
from tests.needs.factories import NeedFactory, ResourceFactory, send


@pytest.fixture
def need(world, vocab):
    return NeedFactory(in_charge=world.staff, areas=[vocab["areas"]["光が丘"]], themes=[vocab["themes"]["学習支援"]],
                       resource_kinds=[vocab["kinds"]["場所・部屋"], vocab["kinds"]["人材・専門職"]])


def _ranked(need, **filters):
    need = need_detail_prefetch(need, with_offers=False)
    corporations = list(candidate_corporations(need, **filters))
    candidate_reasons(need, corporations)
    return corporations


def test_it_ranks_a_resource_nearby_first_then_elsewhere_then_projects_and_past_answers(world, need, vocab):
    areas, kinds = vocab["areas"], vocab["kinds"]
    near = CorporationFactory(name="光が丘の法人", home_area=areas["練馬"])
    near_facility = FacilityFactory(corporation=near, area=areas["光が丘"])
    ResourceFactory(corporation=near, facility=near_facility, kind=kinds["場所・部屋"], title="光が丘の会議室")
    far = CorporationFactory(name="大泉の法人", home_area=areas["大泉"])
    ResourceFactory(corporation=far, kind=kinds["人材・専門職"], title="大泉の講師")  # corporation-wide: home area
    themed = CorporationFactory(name="学習支援の事業がある法人")
    ProjectFactory(owner=themed, themes=[vocab["themes"]["学習支援"]], title="まなび教室")
    partner = CorporationFactory(name="共同で学習支援をする法人")
    ProjectFactory(owner=CorporationFactory(name="共同事業の実施法人", name_kana="ンン"), partners=[partner],
                   themes=[vocab["themes"]["学習支援"]])
    answered = CorporationFactory(name="前に応諾した法人")
    earlier = NeedFactory(in_charge=world.staff, themes=[vocab["themes"]["学習支援"]])
    (offer,) = send(earlier, answered, staff=world.staff)
    services.offer_answer(offer=offer, acting_user=world.staff, accept=True)
    # Not candidates: a resource of another kind, one not available, a project on another theme.
    other = CorporationFactory(name="関係のない法人", home_area=areas["光が丘"])
    ResourceFactory(corporation=other, kind=kinds["車両"])
    ResourceFactory(corporation=other, kind=kinds["場所・部屋"], is_available=False)
    ProjectFactory(owner=other, themes=[vocab["themes"]["見守り"]])

    ranked = _ranked(need)
    # Same score: 五十音 order (the factory gives each a フリガナ; the owner's is last).
    assert [c.name for c in ranked] == ["光が丘の法人", "学習支援の事業がある法人", "共同で学習支援をする法人",
                                        "共同事業の実施法人", "大泉の法人", "前に応諾した法人"]
    first = ranked[0]
    assert [(r.title, r.is_near) for r in first.matching_resources] == [("光が丘の会議室", True)]
    assert [(r.title, r.is_near) for r in ranked[4].matching_resources] == [("大泉の講師", False)]
    assert [p.title for p in ranked[1].matching_projects] == ["まなび教室"]
    assert len(ranked[2].matching_projects) == 1
    assert ranked[5].similar_count == 1 and ranked[5].score == 2


def test_it_filters_by_area_resource_kind_and_service_type(world, need, vocab):
    areas, kinds = vocab["areas"], vocab["kinds"]
    children = ServiceType.objects.get(name="児童・保育")
    a = CorporationFactory(name="A", home_area=areas["石神井"])
    FacilityFactory(corporation=a, area=areas["石神井"], service_type=children)
    ResourceFactory(corporation=a, kind=kinds["場所・部屋"])
    b = CorporationFactory(name="B", home_area=areas["大泉"])
    ResourceFactory(corporation=b, kind=kinds["人材・専門職"])
    assert {c.name for c in _ranked(need)} == {"A", "B"}
    assert [c.name for c in _ranked(need, area=areas["石神井"])] == ["A"]
    assert [c.name for c in _ranked(need, resource_kind=kinds["人材・専門職"])] == ["B"]
    assert [c.name for c in _ranked(need, service_type=children)] == ["A"]


def test_a_ward_wide_need_finds_resources_anywhere_as_near(world, vocab):
    need = NeedFactory(in_charge=world.staff, resource_kinds=[vocab["kinds"]["厨房・食事"]])
    c = CorporationFactory(home_area=vocab["areas"]["大泉"])
    ResourceFactory(corporation=c, kind=vocab["kinds"]["厨房・食事"])
    (found,) = _ranked(need)
    assert found.matching_resources[0].is_near


def test_the_page_shows_reasons_and_who_was_already_asked(world, need, vocab, staff_client):
    ResourceFactory(corporation=world.corp_a, kind=vocab["kinds"]["場所・部屋"], title="あおばの会議室",
                    facility=world.facility_a)
    ResourceFactory(corporation=world.corp_b, kind=vocab["kinds"]["場所・部屋"], title="さくらのホール")
    send(need, world.corp_b, staff=world.staff)
    html = staff_client.get(reverse("needs:candidates", kwargs={"pk": need.pk})).content.decode()
    assert "あおばの会議室" in html and "【他の地域】" in html
    assert f'name="corporations" value="{world.corp_a.pk}"' in html
    assert f'name="corporations" value="{world.corp_b.pk}"' not in html and "打診済み" in html


def _register(world, vocab, count):
    areas, kinds, themes = list(vocab["areas"].values()), vocab["kinds"], vocab["themes"]
    earlier = NeedFactory(in_charge=world.staff, themes=[themes["学習支援"]])
    for index in range(count):
        corporation = CorporationFactory(home_area=areas[index % 4])
        facility = FacilityFactory(corporation=corporation, area=areas[(index + 1) % 4])
        ResourceFactory(corporation=corporation, facility=facility, kind=kinds["場所・部屋"])
        ResourceFactory(corporation=corporation, kind=kinds["人材・専門職"])
        ProjectFactory(owner=corporation, partners=[world.corp_a], themes=[themes["学習支援"]])
        (offer,) = send(earlier, corporation, staff=world.staff)
        services.offer_answer(offer=offer, acting_user=world.staff, accept=True)


@pytest.mark.parametrize("count", [3, 30])
def test_it_uses_the_same_queries_for_ten_times_the_register(world, need, vocab, staff_client, count,
                                                              django_assert_num_queries):
    _register(world, vocab, count)
    send(need, world.corp_a, staff=world.staff)
    # 1 session, 2 user, 3 the need, 4–9 its areas, themes, target groups, wanted kinds,
    # linked projects, status changes (prefetch), 10 count for the paginator, 11 the page of
    # ranked corporations (one query, a subquery per reason), 12 their wanted resources,
    # 13 their projects on the theme, 14 those projects' partners, 15 their offer requests for
    # this need, 16 how many needs on the theme each accepted, 17–19 the filter's choices
    # (areas, resource kinds, service types).
    # 20 the data generation, read once by the page's first cached fragment (core/fragments.py).
    with django_assert_num_queries(20):
        response = staff_client.get(reverse("needs:candidates", kwargs={"pk": need.pk}))
    assert response.context["page"].paginator.count == count + 1
    # Filtered by area: the chosen area is looked up when the form validates.
    with django_assert_num_queries(21):
        staff_client.get(reverse("needs:candidates", kwargs={"pk": need.pk}), {"area": vocab["areas"]["光が丘"].pk})
