from django.urls import reverse

from corporations.models import Area, Facility, ServiceType


def _create(corporation):
    return reverse("corporations:facility_create", kwargs={"pk": corporation.pk})


def _update(facility):
    return reverse("corporations:facility_update", kwargs={"pk": facility.corporation_id, "facility_pk": facility.pk})


def _data(**changes):
    data = {
        "name": "あおば学童クラブ", "name_kana": "あおばがくどうくらぶ",
        "service_type": ServiceType.objects.get(name="児童・保育").pk,
        "area": Area.objects.get(name="光が丘").pk, "postal_code": "１７９００７２",
        "address": "東京都練馬区光が丘2-1-1", "phone": "03-3977-1234", "capacity": "40", "is_active": "on",
    }
    data.update(changes)
    return data


def test_it_lets_an_editor_add_a_facility_to_its_corporation(editor_a_client, world):
    response = editor_a_client.post(_create(world.corp_a), _data())
    assert response.status_code == 302
    facility = world.corp_a.facilities.get(name="あおば学童クラブ")
    assert (facility.name_kana, facility.postal_code, facility.capacity) == ("アオバガクドウクラブ", "179-0072", 40)


def test_it_ignores_a_posted_corporation(editor_a_client, world):
    editor_a_client.post(_create(world.corp_a), _data(corporation=world.corp_b.pk))
    assert world.corp_a.facilities.filter(name="あおば学童クラブ").exists()
    assert not world.corp_b.facilities.filter(name="あおば学童クラブ").exists()


def test_it_refuses_two_facilities_of_one_name_in_a_corporation(editor_a_client, world):
    response = editor_a_client.post(_create(world.corp_a), _data(name="あおばホーム"))
    assert response.status_code == 200
    assert "同じ名前の施設・事業所がすでにあります" in response.content.decode()
    assert world.corp_a.facilities.filter(name="あおばホーム").count() == 1


def test_it_gives_another_corporation_404_and_adds_nothing(editor_b_client, world):
    before = Facility.objects.count()
    assert editor_b_client.post(_create(world.corp_a), _data()).status_code == 404
    assert editor_b_client.post(_update(world.facility_a), _data()).status_code == 404
    assert Facility.objects.count() == before
    world.facility_a.refresh_from_db()
    assert world.facility_a.name == "あおばホーム"


def test_it_gives_a_viewer_403_and_changes_nothing(viewer_a_client, world):
    assert viewer_a_client.post(_create(world.corp_a), _data()).status_code == 403
    assert viewer_a_client.post(_update(world.facility_a), _data()).status_code == 403
    world.facility_a.refresh_from_db()
    assert world.facility_a.name == "あおばホーム"
    assert not Facility.objects.filter(name="あおば学童クラブ").exists()


def test_it_lets_staff_update_any_facility_and_keeps_history(staff_client, world):
    response = staff_client.post(_update(world.facility_b), _data(name="さくら保育園分園", version=1))
    assert response.status_code == 302
    world.facility_b.refresh_from_db()
    assert world.facility_b.name == "さくら保育園分園"
    assert world.facility_b.corporation == world.corp_b
    assert world.facility_b.history.first().history_user == world.staff


def test_it_refuses_get_with_a_bad_method(editor_a_client, world):
    assert editor_a_client.put(_create(world.corp_a)).status_code == 405


def test_it_adds_a_facility_in_the_corporations_home_area(editor_a_client, world):
    # The form preselects the home area; a preselected value is not a change, but it is the facility's area.
    response = editor_a_client.post(_create(world.corp_a), _data(area=world.corp_a.home_area_id))
    assert response.status_code == 302
    facility = world.corp_a.facilities.get(name="あおば学童クラブ")
    assert facility.area == world.corp_a.home_area
