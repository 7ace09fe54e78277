import datetime
import io

import factory
from factory.django import DjangoModelFactory
from PIL import Image

from contributions import services
from contributions.models import (
    ContributionKind,
    NetworkPattern,
    Project,
    ProjectReview,
    ProjectStatus,
    TargetGroup,
    Theme,
)
from contributions.search import search_text_of
from corporations.models import Area
from tests.factories import AreaFactory, CorporationFactory, many_to_many, vocabulary


def seeded_vocabularies() -> dict:
    """The seeded vocabularies (the data migrations' rows) by name."""
    return {
        "patterns": {p.number: p for p in NetworkPattern.objects.all()},
        "themes": {t.name: t for t in Theme.objects.all()},
        "targets": {t.name: t for t in TargetGroup.objects.all()},
        "areas": {a.name: a for a in Area.objects.all()},
    }


def _png() -> bytes:
    """A real 1×1 PNG, made by Pillow (uploads are decoded and re-encoded)."""
    buffer = io.BytesIO()
    Image.new("RGB", (1, 1), (31, 78, 121)).save(buffer, "PNG")
    return buffer.getvalue()


PNG = _png()
PATTERN_NAMES = {1: "個別課題解決型", 2: "近隣たすけあい型", 3: "テーマ別課題解決型", 4: "共に楽しめる提案型"}


class NetworkPatternFactory(DjangoModelFactory):
    class Meta:
        model = NetworkPattern
        django_get_or_create = ["number"]

    number = 2
    name = factory.LazyAttribute(lambda o: PATTERN_NAMES.get(o.number, f"パターン{o.number}"))
    color = "#b35c00"


ThemeFactory = vocabulary(Theme, "食糧支援")
TargetGroupFactory = vocabulary(TargetGroup, "高齢者")


class ProjectFactory(DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    owner = factory.SubFactory(CorporationFactory)
    title = factory.Sequence(lambda n: f"地域食堂プロジェクト{n}")
    summary = "月に一度、施設の食堂を開いて地域の方と食事をします。"
    description = "施設の厨房を使います。"
    pattern = factory.SubFactory(NetworkPatternFactory)
    kind = ContributionKind.PLACE
    status = ProjectStatus.ACTIVE
    ripple_score = 3
    feasibility_score = 4
    search_text = factory.LazyAttribute(
        lambda o: search_text_of(o.title, o.summary, o.description, o.owner.name, o.owner.name_kana)
    )

    @factory.post_generation
    def areas(obj, create, extracted, **kwargs):
        if create:
            obj.areas.set(extracted if extracted is not None else [AreaFactory(name="練馬")])

    partners = many_to_many("partners")
    themes = many_to_many("themes")
    target_groups = many_to_many("target_groups")


class ReviewFactory(DjangoModelFactory):
    class Meta:
        model = ProjectReview

    project = factory.SubFactory(ProjectFactory)
    reviewed_on = datetime.date(2015, 10, 29)
    stage = "check"
    outcomes = "参加者が増えた"
    issues = "担い手が足りない"


def published_project(acting_user, **kwargs) -> Project:
    """A project taken through the real workflow: submitted, then published by staff."""
    project = ProjectFactory(**kwargs)
    services.project_submit(project=project, acting_user=acting_user)
    services.project_publish(project=project, acting_user=acting_user, expected_version=project.version)
    project.refresh_from_db()
    return project
