"""A corporation's resources (社会資源) and the network directory."""

import pytest
from django.urls import reverse

from needs.models import Resource
from tests.factories import CorporationFactory, FacilityFactory
from tests.needs.factories import ResourceFactory

DIRECTORY = reverse("needs:resources")


def _data(vocab, **changes):
    data = {"kind": vocab["kinds"]["場所・部屋"].pk, "title": "地域交流スペース", "facility": "",
            "description": "30名まで", "days": "平日", "hours": "10時〜16時", "fee": "free", "fee_note": "",
            "capacity": "30", "is_available": "on", "contact_name": "地域連携担当 山田",
            "contact_phone": "03-3993-9931", "contact_email": ""}
    data.update(changes)
    return data


def test_an_editor_lists_a_resource_of_its_facility(world, vocab, editor_a_client):
    url = reverse("needs:resource_create", kwargs={"corporation_pk": world.corp_a.pk})
    response = editor_a_client.post(url, _data(vocab, facility=world.facility_a.pk))
    resource = Resource.objects.get()
    assert response["Location"] == reverse("needs:resource", kwargs={"pk": resource.pk})
    assert resource.corporation == world.corp_a and resource.facility == world.facility_a
    assert resource.area == world.facility_a.area
    assert resource.history.first().history_user == world.editor_a


def test_a_facility_of_another_corporation_is_refused(world, vocab, editor_a_client):
    url = reverse("needs:resource_create", kwargs={"corporation_pk": world.corp_a.pk})
    response = editor_a_client.post(url, _data(vocab, facility=world.facility_b.pk))
    assert response.status_code == 200 and "facility" in response.context["form"].errors
    assert not Resource.objects.exists()


def test_a_viewer_and_another_corporation_change_nothing(world, vocab, viewer_a_client, editor_b_client):
    resource = ResourceFactory(corporation=world.corp_a, title="元の名称")
    url = reverse("needs:resource_update", kwargs={"pk": resource.pk})
    assert viewer_a_client.post(url, _data(vocab)).status_code == 403
    assert editor_b_client.post(url, _data(vocab)).status_code == 404
    assert editor_b_client.get(reverse("needs:resource", kwargs={"pk": resource.pk})).status_code == 200  # reads it
    resource.refresh_from_db()
    assert resource.title == "元の名称"


def test_the_area_is_the_facilitys_else_the_corporations_home(world, vocab, editor_b_client):
    areas = vocab["areas"]
    corporation = CorporationFactory(home_area=areas["大泉"])
    ResourceFactory(corporation=corporation, title="法人全体の講師")
    ResourceFactory(corporation=corporation, title="光が丘の部屋",
                    facility=FacilityFactory(corporation=corporation, area=areas["光が丘"]))
    titles = lambda **q: [r.title for r in editor_b_client.get(DIRECTORY, q).context["page"]]  # noqa: E731
    assert titles(area=areas["大泉"].pk) == ["法人全体の講師"]
    assert titles(area=areas["光が丘"].pk) == ["光が丘の部屋"]
    assert titles(q="講師") == ["法人全体の講師"]


def test_the_public_sees_only_what_a_corporation_marks_public(world, client):
    ResourceFactory(corporation=world.corp_a, title="公開の会議室", is_public=True, contact_name="山田 連絡係")
    ResourceFactory(corporation=world.corp_a, title="ネットワーク内の車両")
    ResourceFactory(corporation=world.corp_a, title="休止中の厨房", is_public=True, is_available=False)
    html = client.get(reverse("local_needs:resources")).content.decode()
    assert "公開の会議室" in html and "ネットワーク内の車両" not in html and "休止中の厨房" not in html
    assert "山田 連絡係" not in html  # the network contact is never public


@pytest.mark.parametrize("count", [3, 30])
def test_the_directory_pages_in_constant_queries(world, vocab, editor_b_client, count, django_assert_num_queries):
    for _ in range(count):
        corporation = CorporationFactory()
        ResourceFactory(corporation=corporation, facility=FacilityFactory(corporation=corporation))
        ResourceFactory(corporation=corporation)
    # 1 session, 2 user, 3 membership, 4 count, 5 the page with corporation, facility,
    # their areas and kind, 6–8 the filter's choices (areas, kinds, service types).
    # 9 the data generation, read once by the page's first cached fragment (core/fragments.py).
    with django_assert_num_queries(9):
        response = editor_b_client.get(DIRECTORY)
    assert response.context["page"].paginator.count == 2 * count
    assert len(response.context["page"].object_list) == min(2 * count, 50)
