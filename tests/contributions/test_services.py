"""The write services: typed arguments, the policies asked again, one rule for changes pending."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from contributions import services
from contributions.models import Project, ProjectPhoto, ProjectReview, PublicationState
from tests.contributions.factories import PNG, ProjectFactory, published_project


def _photo(project, acting_user):
    return services.photo_add(
        project=project, acting_user=acting_user, image=SimpleUploadedFile("a.png", PNG), caption="食堂",
        content_type="image/png",
    )


def _pending(project) -> bool:
    return Project.objects.values_list("has_pending_changes", flat=True).get(pk=project.pk)


def _withdrawn(world):
    project = published_project(world.staff, owner=world.corp_a)
    services.project_withdraw(project=project, acting_user=world.editor_a)
    return project


# One rule for changes pending: a change to what the public sees, on a project that has a
# published copy, waits for approval; through every path alike.

def test_it_flags_an_update_of_a_published_or_withdrawn_project_but_not_of_a_draft(world):
    draft = ProjectFactory(owner=world.corp_a)
    services.project_update(project=draft, acting_user=world.editor_a, title="新しい名前")
    assert not _pending(draft)
    for project in (published_project(world.staff, owner=world.corp_a), _withdrawn(world)):
        services.project_update(project=project, acting_user=world.editor_a, title="新しい名前")
        assert _pending(project)


def test_it_does_not_flag_an_update_the_public_does_not_see(world):
    project = published_project(world.staff, owner=world.corp_a)
    services.project_update(project=project, acting_user=world.editor_a, ripple_score=5)
    assert not _pending(project)


def test_it_flags_a_change_of_partners_alone(world):
    project = published_project(world.staff, owner=world.corp_a)
    services.project_update(project=project, acting_user=world.editor_a, partners=[world.corp_b])
    assert _pending(project)
    assert list(project.partners.all()) == [world.corp_b]


def test_it_flags_a_photo_added_to_a_published_or_withdrawn_project_but_not_to_a_draft(world):
    draft = ProjectFactory(owner=world.corp_a)
    _photo(draft, world.editor_a)
    assert not _pending(draft)
    for project in (published_project(world.staff, owner=world.corp_a), _withdrawn(world)):
        _photo(project, world.editor_a)
        assert _pending(project)


def test_it_does_not_flag_deleting_an_approved_photo_it_leaves_the_public_copy_at_once(world):
    project = ProjectFactory(owner=world.corp_a)
    photo = _photo(project, world.editor_a)
    services.project_submit(project=project, acting_user=world.editor_a)
    services.project_publish(project=project, acting_user=world.staff, expected_version=project.version)
    assert list(project.published.photos.all()) == [photo]
    services.photo_delete(photo=ProjectPhoto.objects.get(), acting_user=world.editor_a)
    assert not _pending(project)
    assert not project.published.photos.exists()


def test_it_flags_deleting_a_photo_not_yet_approved(world):
    project = published_project(world.staff, owner=world.corp_a)
    # A photo in the working copy only (an upload waiting for approval).
    photo = ProjectPhoto.objects.create(
        project=project, image="contributions/photos/x.png", caption="食堂", content_type="image/png", size=1
    )
    assert not _pending(project)
    services.photo_delete(photo=photo, acting_user=world.editor_a)
    assert _pending(project)


def test_it_does_not_flag_anything_on_a_project_never_published(world):
    project = ProjectFactory(owner=world.corp_a)
    photo = _photo(project, world.editor_a)
    services.photo_delete(photo=photo, acting_user=world.editor_a)
    services.project_update(project=project, acting_user=world.editor_a, summary="新しい概要")
    assert not _pending(project)


# The services ask the policies again: a refused write changes nothing.

def test_it_refuses_a_create_for_another_corporation(world, vocab):
    with pytest.raises(PermissionDenied):
        services.project_create(
            owner=world.corp_a, acting_user=world.editor_b, title="乗っ取り", summary="x",
            pattern=vocab["patterns"][1], kind="care", areas=[vocab["areas"]["練馬"]],
        )
    assert not Project.objects.exists()


def test_it_refuses_staff_scores_from_an_editor(world, vocab):
    with pytest.raises(PermissionDenied):
        services.project_create(
            owner=world.corp_a, acting_user=world.editor_a, title="見守り", summary="x",
            pattern=vocab["patterns"][1], kind="care", areas=[vocab["areas"]["練馬"]], staff_ripple_score=5,
        )
    project = ProjectFactory(owner=world.corp_a)
    with pytest.raises(PermissionDenied):
        services.project_update(project=project, acting_user=world.editor_a, staff_feasibility_score=5)
    assert Project.objects.get().staff_feasibility_score is None


def test_it_creates_a_draft_from_keyword_arguments(world, vocab):
    project = services.project_create(
        owner=world.corp_a, acting_user=world.editor_a, title="こども食堂", summary="毎月",
        pattern=vocab["patterns"][3], kind="place", areas=[vocab["areas"]["練馬"]], partners=[world.corp_b],
    )
    project.refresh_from_db()
    assert project.publication_state == PublicationState.DRAFT
    assert "コドモ食堂" in project.search_text
    assert list(project.partners.all()) == [world.corp_b]
    assert project.history.get().history_user == world.editor_a


def test_it_refuses_fields_a_form_may_not_change(world):
    project = ProjectFactory(owner=world.corp_a)
    for name, value in [("owner", world.corp_b), ("publication_state", "published"), ("has_pending_changes", True)]:
        with pytest.raises(TypeError):
            services.project_update(project=project, acting_user=world.staff, **{name: value})
    project.refresh_from_db()
    assert project.owner == world.corp_a and project.publication_state == PublicationState.DRAFT


@pytest.mark.parametrize("role", ["viewer_a", "editor_b"])
def test_it_refuses_writes_by_a_viewer_or_a_partner(world, role):
    user = getattr(world, role)
    project = published_project(world.staff, owner=world.corp_a, partners=[world.corp_b])
    writes = [
        lambda: services.project_update(project=project, acting_user=user, title="乗っ取り"),
        lambda: services.project_withdraw(project=project, acting_user=user),
        lambda: _photo(project, user),
        lambda: services.review_create(
            project=project, acting_user=user, reviewed_on=datetime.date(2015, 10, 29), stage="do"
        ),
    ]
    for write in writes:
        with pytest.raises(PermissionDenied):
            write()
    project.refresh_from_db()
    assert project.title != "乗っ取り" and project.is_public
    assert not ProjectPhoto.objects.exists() and not ProjectReview.objects.exists()


def test_it_refuses_publishing_or_sending_back_by_an_editor(world):
    project = ProjectFactory(owner=world.corp_a)
    services.project_submit(project=project, acting_user=world.editor_a)
    with pytest.raises(PermissionDenied):
        services.project_publish(project=project, acting_user=world.editor_a, expected_version=project.version)
    with pytest.raises(PermissionDenied):
        services.project_send_back(project=project, acting_user=world.editor_a, comment="x")
    project.refresh_from_db()
    assert project.publication_state == PublicationState.SUBMITTED and not project.is_public


def test_it_refuses_a_submit_by_a_viewer(world):
    project = ProjectFactory(owner=world.corp_a)
    with pytest.raises(PermissionDenied):
        services.project_submit(project=project, acting_user=world.viewer_a)
    assert Project.objects.get().publication_state == PublicationState.DRAFT


def test_it_knows_when_a_project_is_public(world):
    draft = ProjectFactory(owner=world.corp_a)
    assert draft.published_copy is None and not draft.is_public
    project = published_project(world.staff, owner=world.corp_a)
    assert project.is_public
    services.project_withdraw(project=project, acting_user=world.editor_a)
    assert project.published_copy is not None and not project.is_public
    project.refresh_from_db()
    assert not project.is_public
