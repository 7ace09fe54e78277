"""The council's four patterns, and starting lists of themes and target groups (editable)."""

from django.db import migrations

PATTERNS = [
    (1, "個別課題解決型", "制度のはざまにある一人ひとりの課題を、支援できる法人が連携して解決します（生活サポートセンターなどからの相談を含む）。", "#1f4e79"),
    (2, "近隣たすけあい型", "同じ地域の近隣の法人どうしが助け合い、周りの住民も支えます。", "#b35c00"),
    (3, "テーマ別課題解決型", "区内の法人が一つのテーマ（食糧支援、子どもの学習支援、就労体験など）に共に取り組みます。", "#2e7d32"),
    (4, "共に楽しめる提案型", "住民と法人が共に楽しめる催し（祭り、演奏会、施設開放など）を法人から提案します。", "#8e24aa"),
]
THEMES = ["食糧支援", "学習支援", "就労体験", "居場所づくり", "施設開放", "講座・研修", "見守り", "交流イベント", "住まい支援", "相談支援", "災害時の協力"]
TARGET_GROUPS = ["高齢者", "障害のある人", "子ども", "子育て家庭", "女性", "生活困窮者", "地域住民", "法人職員"]


def seed(apps, schema_editor):
    NetworkPattern = apps.get_model("contributions", "NetworkPattern")
    Theme = apps.get_model("contributions", "Theme")
    TargetGroup = apps.get_model("contributions", "TargetGroup")
    for number, name, description, color in PATTERNS:
        NetworkPattern.objects.get_or_create(number=number, defaults={"name": name, "description": description, "color": color})
    for order, name in enumerate(THEMES, start=1):
        Theme.objects.get_or_create(name=name, defaults={"sort_order": order * 10})
    for order, name in enumerate(TARGET_GROUPS, start=1):
        TargetGroup.objects.get_or_create(name=name, defaults={"sort_order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("contributions", "0001_initial")]

    # Reversing leaves the rows: staff may have edited them, and data is never silently deleted.
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
