"""The kinds of resource a corporation can offer, as editable starting values."""

from django.db import migrations

RESOURCE_KINDS = [
    "場所・部屋", "車両", "厨房・食事", "人材・専門職", "講座・研修", "物品",
    "就労体験の受け入れ", "相談窓口", "交流・イベント", "その他",
]


def seed(apps, schema_editor):
    ResourceKind = apps.get_model("needs", "ResourceKind")
    for order, name in enumerate(RESOURCE_KINDS, start=1):
        ResourceKind.objects.get_or_create(name=name, defaults={"sort_order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("needs", "0001_initial")]

    # Reversing leaves the rows: staff may have edited them, and data is never silently deleted.
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
