"""The data generation (core/generation.py): every table of the portal's data has its trigger,
and every way of writing moves the generation on; sessions and the lockout's log do not."""

import pytest
from django.apps import apps
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction
from django.urls import reverse

from core import generation
from core.fragments import request_generation
from corporations import services
from corporations.models import Corporation, Facility
from tests.factories import CorporationFactory, FacilityFactory

pytestmark = pytest.mark.django_db


def now() -> int:
    # As a request reads it (a test case's transaction stands for its requests' commits).
    class Request:
        pass

    return request_generation(Request())


def test_it_watches_every_table_of_a_model_but_sessions_lockout_and_mail():
    excluded = {
        model._meta.db_table for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in generation.EXCLUDED_APPS
    }
    assert excluded, "the exclusions name real apps"
    assert "django_session" in excluded
    watched = set(generation.watched_tables())
    assert {"corporations_corporation", "corporations_facility", "accounts_user", "accounts_membership",
            "corporations_historicalcorporation"} <= watched
    missing = watched - generation.tables_with_triggers()
    assert not missing, f"tables without the generation's trigger: {sorted(missing)}"
    assert not excluded & generation.tables_with_triggers()


def test_a_model_added_later_gets_its_trigger_on_the_next_migrate():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE core_test_later (id integer PRIMARY KEY)")
    try:
        watched = generation.watched_tables
        generation.watched_tables = lambda: [*watched(), "core_test_later"]
        try:
            generation.install_triggers()
        finally:
            generation.watched_tables = watched
        assert "core_test_later" in generation.tables_with_triggers()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE core_test_later")


def test_a_write_through_a_service_moves_it(world):
    before = now()
    services.corporation_update(corporation=world.corp_a, acting_user=world.staff, phone="03-0000-0000")
    assert now() > before


def test_queryset_update_bulk_create_and_delete_move_it(world):
    before = now()
    Corporation.objects.filter(pk=world.corp_a.pk).update(representative="理事長")
    after_update = now()
    assert after_update > before
    Facility.objects.bulk_create([FacilityFactory.build(corporation=world.corp_a, area=world.facility_a.area,
                                                        service_type=world.facility_a.service_type)])
    after_bulk = now()
    assert after_bulk > after_update
    Facility.objects.filter(corporation=world.corp_b).delete()
    assert now() > after_bulk


def test_raw_sql_moves_it(world):
    before = now()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE corporations_corporation SET representative = %s WHERE id = %s", ["理事長", world.corp_a.pk]
        )
    assert now() > before


def test_the_admin_moves_it(superuser_client, world):
    before = now()
    url = reverse("admin:corporations_area_change", args=[world.facility_a.area.pk])
    response = superuser_client.post(url, {"name": "練馬北", "sort_order": 1, "is_active": "on"})
    assert response.status_code == 302, response.content[:2000]
    assert now() > before


def test_a_session_saved_on_a_request_does_not_move_it(db):
    before = now()
    session = SessionStore()
    session["seen"] = 1
    session.create()
    session.save()
    assert now() == before


def test_a_write_rolled_back_leaves_it(world):
    before = now()
    with pytest.raises(RuntimeError), transaction.atomic():
        CorporationFactory()
        raise RuntimeError
    assert now() == before
