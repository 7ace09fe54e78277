import pytest

from needs.models import ResourceKind
from tests.contributions.factories import seeded_vocabularies


@pytest.fixture
def vocab(db):
    """The seeded vocabularies by name, with the needs app's resource kinds."""
    return {**seeded_vocabularies(), "kinds": {k.name: k for k in ResourceKind.objects.all()}}
