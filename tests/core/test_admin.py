"""The admin covers every model of the portal, for the secretariat's raw data work."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

PORTAL_APPS = ["accounts", "corporations", "meetings", "contributions"]


def _portal_models():
    for app in PORTAL_APPS:
        for model in apps.get_app_config(app).get_models():
            if not model.__name__.startswith("Historical") and not model._meta.auto_created:
                yield model


def test_it_registers_every_model_in_the_admin():
    missing = [m.__name__ for m in _portal_models() if m not in admin.site._registry]
    assert not missing


@pytest.mark.parametrize("model", list(_portal_models()), ids=lambda m: m.__name__)
def test_it_opens_each_changelist_with_search_and_filters(client, world, model):
    world.staff.is_superuser = True
    world.staff.save()
    client.force_login(world.staff)
    model_admin = admin.site._registry[model]
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert client.get(url).status_code == 200
    if model_admin.search_fields:
        assert client.get(url, {"q": "練馬"}).status_code == 200


@pytest.mark.parametrize("name", ["大泉/西", "a:b", "[練馬]", "光が丘?", "石神井*", "北\\"])
def test_it_refuses_a_vocabulary_name_excel_cannot_use_as_a_sheet_title(db, name):
    from django.core.exceptions import ValidationError

    from corporations.models import Area

    with pytest.raises(ValidationError) as error:
        Area(name=name).full_clean()
    assert "Excel のシート名にできない" in error.value.message_dict["name"][0]


def test_it_accepts_the_full_width_forms_of_those_characters(db):
    from corporations.models import Area

    Area(name="大泉／西［北］").full_clean()
