"""The search text of existing projects and public copies gains its reading in katakana, so that
みまもり finds 見守り (contributions.search.search_text_of now appends it)."""

from django.db import migrations


def refresh(apps, schema_editor):
    from contributions.search import search_text_of

    Project = apps.get_model("contributions", "Project")
    PublishedProject = apps.get_model("contributions", "PublishedProject")
    for project in Project.objects.select_related("owner").iterator(chunk_size=200):
        project.search_text = search_text_of(
            project.title, project.summary, project.description, project.owner.name, project.owner.name_kana
        )
        project.save(update_fields=["search_text"])
    # The same parts as the publishing service's _copy_to_public.
    for published in PublishedProject.objects.select_related("owner").prefetch_related("partners").iterator(
        chunk_size=200
    ):
        published.search_text = search_text_of(
            published.title, published.summary, published.description, published.owner.name,
            published.owner.name_kana, *[p.name for p in published.partners.all()], *published.facility_names,
        )
        published.save(update_fields=["search_text"])


class Migration(migrations.Migration):

    dependencies = [
        ("contributions", "0007_version"),
    ]

    operations = [
        migrations.RunPython(refresh, migrations.RunPython.noop),
    ]
