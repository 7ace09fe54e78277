"""The reading (読み) in the search text: made by core.reading, and filled in for existing rows by
migration 0006."""

import importlib

from django.apps import apps

from contributions.models import Project, PublishedProject
from contributions.search import search_terms, search_text_of
from core.reading import reading_of
from tests.contributions.factories import published_project


def test_it_reads_kanji_as_katakana():
    assert reading_of("見守り 子ども食堂") == "ミマモリ コドモショクドウ"
    assert reading_of("") == ""


def test_it_keeps_the_text_and_appends_its_reading():
    text = search_text_of("食糧支援", "<p>ＡＢＣ</p>")
    assert text.startswith("食糧支援 abc")
    assert "ショクリョウシエン" in text
    assert all(term in text for term in search_terms("しょくりょう"))


def test_the_migration_refreshes_existing_projects_and_public_copies(world):
    project = published_project(world.staff, owner=world.corp_a, title="見守り訪問")
    Project.objects.filter(pk=project.pk).update(search_text="古い")
    PublishedProject.objects.filter(project=project).update(search_text="古い")
    migration = importlib.import_module("contributions.migrations.0008_search_text_with_reading")
    migration.refresh(apps, None)
    assert "ミマモリ" in Project.objects.get(pk=project.pk).search_text
    assert "ミマモリ" in PublishedProject.objects.get(project=project).search_text
