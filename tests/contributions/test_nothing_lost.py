"""Nothing with a history disappears by cascade: projects keep their records and their partners."""

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse

from contributions import services
from contributions.models import Project, ProjectPhoto, PublishedProject, Theme
from corporations.models import Corporation, Facility
from tests.contributions.factories import (
    PNG,
    ProjectFactory,
    ReviewFactory,
    ThemeFactory,
    published_project,
)
from tests.factories import AreaFactory, CorporationFactory


def _refused(delete):
    """The guard raises inside the delete's transaction: contain it as any caller must."""
    with pytest.raises(ProtectedError), transaction.atomic():
        delete()


def _photo(project):
    return ProjectPhoto.objects.create(
        project=project, image=ContentFile(PNG, name="a.png"), caption="食堂", content_type="image/png", size=len(PNG),
    )


def _publish(project, staff):
    submitted = services.project_submit(project=project, acting_user=staff)
    return services.project_publish(project=submitted, acting_user=staff, expected_version=submitted.version)


@pytest.mark.parametrize("make", [
    lambda p, staff: ReviewFactory(project=p),
    lambda p, staff: _photo(p),
    lambda p, staff: _publish(p, staff).published,
], ids=["review", "photo", "published_copy"])
def test_it_refuses_to_delete_a_project_with_records(world, make):
    project = ProjectFactory(owner=world.corp_a)
    row = make(project, world.staff)
    with pytest.raises(ProtectedError):
        project.delete()
    assert Project.objects.filter(pk=project.pk).exists()
    assert type(row).objects.filter(pk=row.pk).exists()


def test_it_still_lets_the_owner_delete_a_photo_on_its_own(world, django_capture_on_commit_callbacks):
    project = ProjectFactory(owner=world.corp_a)
    photo = _photo(project)
    with django_capture_on_commit_callbacks(execute=True):
        services.photo_delete(photo=photo, acting_user=world.editor_a)
    assert not project.photos.exists()


def test_it_refuses_to_delete_a_partner_corporation_and_the_project_keeps_it(world):
    partner = CorporationFactory()  # referred to by nothing else, so only the guard stands in the way
    project = published_project(world.staff, owner=world.corp_a, partners=[partner])
    _refused(partner.delete)
    _refused(Corporation.objects.filter(pk=partner.pk).delete)
    assert list(project.partners.all()) == [partner]
    assert list(PublishedProject.objects.get(pk=project.pk).partners.all()) == [partner]


def test_it_refuses_to_delete_a_facility_linked_to_a_project_and_the_project_keeps_it(world):
    project = ProjectFactory(owner=world.corp_a)
    project.facilities.set([world.facility_a])
    _refused(world.facility_a.delete)
    _refused(Facility.objects.filter(pk=world.facility_a.pk).delete)
    assert list(project.facilities.all()) == [world.facility_a]


def test_it_refuses_to_delete_a_theme_or_an_area_in_use(world):
    theme = ThemeFactory(name="学習支援")
    area = AreaFactory(name="大泉")
    project = ProjectFactory(owner=world.corp_a, themes=[theme], areas=[area])
    _refused(theme.delete)
    _refused(area.delete)
    assert list(project.themes.all()) == [theme]
    assert list(project.areas.all()) == [area]


def test_it_still_deletes_an_unused_theme(world):
    ThemeFactory(name="まだ使っていないテーマ").delete()
    assert not Theme.objects.filter(name="まだ使っていないテーマ").exists()


def test_it_shows_in_the_admin_that_a_partner_cannot_be_deleted(superuser_client, world):
    client = superuser_client
    partner = CorporationFactory()
    project = ProjectFactory(owner=world.corp_a, partners=[partner])
    url = reverse("admin:corporations_corporation_delete", args=[partner.pk])

    response = client.get(url)
    assert response.status_code == 200
    assert any(project.title in str(row) for row in response.context["protected"])

    assert client.post(url, {"post": "yes"}).status_code == 200
    assert list(project.partners.all()) == [partner]

    response = client.post(reverse("admin:corporations_corporation_changelist"), {
        "action": "delete_selected", "_selected_action": [partner.pk], "post": "yes",
    })
    assert response.status_code == 200
    assert list(project.partners.all()) == [partner]


def test_it_shows_in_the_admin_that_a_linked_facility_or_theme_cannot_be_deleted(superuser_client, world):
    client = superuser_client
    theme = ThemeFactory(name="学習支援")
    project = ProjectFactory(owner=world.corp_a, themes=[theme])
    project.facilities.set([world.facility_a])
    for url in [
        reverse("admin:corporations_facility_delete", args=[world.facility_a.pk]),
        reverse("admin:contributions_theme_delete", args=[theme.pk]),
    ]:
        assert client.get(url).context["protected"]
        assert client.post(url, {"post": "yes"}).status_code == 200
    assert list(project.facilities.all()) == [world.facility_a]
    assert list(project.themes.all()) == [theme]


def test_it_deletes_an_unlinked_corporation_in_the_admin(superuser_client, world):
    client = superuser_client
    corporation = CorporationFactory()
    url = reverse("admin:corporations_corporation_delete", args=[corporation.pk])
    assert not client.get(url).context["protected"]
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Corporation.objects.filter(pk=corporation.pk).exists()


def _partner_ids(record):
    return sorted(record.partners.values_list("corporation_id", flat=True))


def test_it_records_the_links_a_project_update_changes_with_who_and_when(world):
    first, second = CorporationFactory(), CorporationFactory()
    theme = ThemeFactory(name="学習支援")
    project = services.project_create(
        owner=world.corp_a, acting_user=world.editor_a,
        title="子ども食堂", summary="毎月開きます。", pattern=ProjectFactory().pattern, kind="place",
        areas=[AreaFactory(name="練馬")], partners=[first],
    )
    before = project.history.latest()
    services.project_update(
        project=project, acting_user=world.staff,
        partners=[second], themes=[theme], facilities=[world.facility_a],
    )

    latest = project.history.latest()
    assert latest.history_user == world.staff and latest.history_date > before.history_date
    assert _partner_ids(latest) == [second.pk]
    assert list(latest.themes.values_list("theme_id", flat=True)) == [theme.pk]
    assert list(latest.facilities.values_list("facility_id", flat=True)) == [world.facility_a.pk]
    # The partners before the change can be read back, with who set them.
    assert _partner_ids(before) == [first.pk] and before.history_user == world.editor_a
    changes = {change.field for change in latest.diff_against(before).changes}
    assert {"partners", "themes", "facilities"} <= changes
    assert project.history.filter(history_user=world.staff).count() >= 1


def test_it_records_the_links_of_the_published_copy_with_who_published(world):
    partner = CorporationFactory()
    project = published_project(world.staff, owner=world.corp_a, partners=[partner])
    record = PublishedProject.objects.get(pk=project.pk).history.latest()
    assert record.history_user == world.staff
    assert _partner_ids(record) == [partner.pk]
    assert record.areas.count() == 1


def test_it_shows_the_links_history_in_the_admin(superuser_client, world):
    client = superuser_client
    project = published_project(world.staff, owner=world.corp_a, partners=[CorporationFactory()])
    record = project.history.earliest()
    for url in [
        reverse("admin:contributions_project_history", args=[project.pk]),
        reverse("admin:contributions_project_simple_history", args=[project.pk, record.history_id]),
        reverse("admin:contributions_publishedproject_history", args=[project.pk]),
    ]:
        assert client.get(url).status_code == 200


def test_it_records_a_created_project_once_with_its_links(world):
    partner = CorporationFactory()
    project = services.project_create(
        owner=world.corp_a, acting_user=world.editor_a,
        title="子ども食堂", summary="毎月開きます。", pattern=ProjectFactory().pattern, kind="place",
        areas=[AreaFactory(name="練馬")], partners=[partner],
    )
    record = project.history.get()
    assert (record.history_type, record.history_user) == ("+", world.editor_a)
    assert _partner_ids(record) == [partner.pk]
