import pytest

from contributions.models import NetworkPattern, TargetGroup, Theme
from corporations.models import Area
from needs.models import ResourceKind


@pytest.fixture
def vocab(db):
    """The seeded vocabularies (the data migrations' rows) by name."""
    return {
        "patterns": {p.number: p for p in NetworkPattern.objects.all()},
        "themes": {t.name: t for t in Theme.objects.all()},
        "targets": {t.name: t for t in TargetGroup.objects.all()},
        "areas": {a.name: a for a in Area.objects.all()},
        "kinds": {k.name: k for k in ResourceKind.objects.all()},
    }
