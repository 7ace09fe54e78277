"""corporations/services.py: typed writes, checked again against the policies."""

import pytest
from django.core.exceptions import PermissionDenied

from corporations import services
from corporations.models import Area, Corporation, ServiceType


def test_it_creates_a_corporation_with_the_defaults_of_the_register(world):
    corporation = services.corporation_create(
        acting_user=world.staff, name="社会福祉法人ともしび会", name_kana="トモシビカイ",
        home_area=world.corp_a.home_area,
    )
    corporation.refresh_from_db()
    assert (corporation.kind, corporation.is_active) == (Corporation.Kind.SOCIAL_WELFARE, True)
    assert corporation.history.get().history_user == world.staff


def test_it_refuses_to_create_a_corporation_for_a_member(world):
    with pytest.raises(PermissionDenied):
        services.corporation_create(
            acting_user=world.editor_a, name="社会福祉法人ともしび会", name_kana="トモシビカイ",
            home_area=world.corp_a.home_area,
        )
    assert not Corporation.objects.filter(name="社会福祉法人ともしび会").exists()


def test_it_saves_only_the_changed_fields(world):
    # Another request's stale copy must not overwrite what it did not change.
    stale = Corporation.objects.get(pk=world.corp_a.pk)
    services.corporation_update(corporation=world.corp_a, acting_user=world.editor_a, phone="03-1111-2222")
    services.corporation_update(corporation=stale, acting_user=world.staff, representative="練馬 太郎")
    world.corp_a.refresh_from_db()
    assert (world.corp_a.phone, world.corp_a.representative) == ("03-1111-2222", "練馬 太郎")


def test_it_saves_nothing_without_changes(world):
    services.corporation_update(corporation=world.corp_a, acting_user=world.staff)
    assert world.corp_a.history.count() == 1  # created, never saved again


def test_it_keeps_register_fields_for_staff(world):
    with pytest.raises(PermissionDenied):
        services.corporation_update(corporation=world.corp_a, acting_user=world.editor_a, notes="メモ")
    world.corp_a.refresh_from_db()
    assert world.corp_a.notes == ""


@pytest.mark.parametrize("role", ["viewer_a", "editor_b"])
def test_it_refuses_an_update_by_someone_who_may_not_edit(world, role):
    with pytest.raises(PermissionDenied):
        services.corporation_update(corporation=world.corp_a, acting_user=getattr(world, role), phone="03-1111-2222")
    with pytest.raises(PermissionDenied):
        services.facility_update(facility=world.facility_a, acting_user=getattr(world, role), name="乗っ取り")
    world.corp_a.refresh_from_db()
    world.facility_a.refresh_from_db()
    assert (world.corp_a.phone, world.facility_a.name) == ("03-3993-9931", "あおばホーム")


def test_it_never_moves_a_facility_to_another_corporation(world):
    with pytest.raises(TypeError):
        services.facility_update(facility=world.facility_a, acting_user=world.staff, corporation=world.corp_b)
    world.facility_a.refresh_from_db()
    assert world.facility_a.corporation == world.corp_a


def test_it_creates_a_facility_in_the_area_given(world):
    area = Area.objects.get(name="光が丘")
    facility = services.facility_create(
        corporation=world.corp_a, acting_user=world.editor_a, name="あおば学童クラブ", name_kana="アオバガクドウクラブ",
        service_type=ServiceType.objects.get(name="児童・保育"), area=area,
    )
    facility.refresh_from_db()
    assert (facility.area, facility.capacity, facility.is_active) == (area, None, True)


def test_it_refuses_a_facility_from_a_viewer(world):
    with pytest.raises(PermissionDenied):
        services.facility_create(
            corporation=world.corp_a, acting_user=world.viewer_a, name="あおば学童クラブ",
            name_kana="アオバガクドウクラブ",
            service_type=ServiceType.objects.get(name="児童・保育"), area=world.corp_a.home_area,
        )
    assert not world.corp_a.facilities.filter(name="あおば学童クラブ").exists()
