"""Nerima's four areas and the common service types, as editable starting values."""

from django.db import migrations

AREAS = [("練馬", "ネリマ"), ("光が丘", "ヒカリガオカ"), ("石神井", "シャクジイ"), ("大泉", "オオイズミ")]
SERVICE_TYPES = ["高齢", "障害", "児童・保育", "婦人保護", "生活困窮", "地域福祉", "医療", "その他"]


def seed(apps, schema_editor):
    Area = apps.get_model("corporations", "Area")
    ServiceType = apps.get_model("corporations", "ServiceType")
    for order, (name, kana) in enumerate(AREAS, start=1):
        Area.objects.get_or_create(name=name, defaults={"name_kana": kana, "sort_order": order * 10})
    for order, name in enumerate(SERVICE_TYPES, start=1):
        ServiceType.objects.get_or_create(name=name, defaults={"sort_order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("corporations", "0001_initial")]

    # Reversing leaves the rows: staff may have edited them, and data is never silently deleted.
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
