"""Staff publish exactly what they reviewed.

An edit to what the public sees while 申請中 (text, partners, areas, photos) withdraws the
submission, back to where it stood, with a notice to the editor; and publishing refuses a
project changed since the page staff read (the publish button posts the version it showed).
"""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from contributions import services
from contributions.models import Project, PublicationState, PublishedProject
from tests.conftest import client_for
from tests.contributions.conftest import form_data
from tests.contributions.factories import ProjectFactory, published_project
from tests.contributions.test_photos import PNG
from tests.contributions.test_workflow import _publish, _shown_version, _url

RETRACTED = "申請中の内容を変更したため、申請を取り下げました。もう一度申請してください。"
CHANGED_SINCE = "確認した後に事業の内容が変更されました。内容をもう一度確認してから公開してください。"


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _submitted(world, **kwargs) -> Project:
    project = ProjectFactory(owner=world.corp_a, **kwargs)
    services.project_submit(project=project, acting_user=world.editor_a)
    return project


def _edit(vocab, project, **changes) -> dict:
    """The edit form's data as posted from a page opened now (the project's current version)."""
    version = Project.objects.values_list("version", flat=True).get(pk=project.pk)
    return form_data(vocab, version=str(version), **changes)


def _state(project):
    return Project.objects.values_list("publication_state", flat=True).get(pk=project.pk)


def _add_photo(client, project):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("contributions:photo_create", kwargs={"pk": project.pk}),
        {"image": SimpleUploadedFile("a.png", PNG), "caption": "食堂のようす"},
    )


@pytest.mark.parametrize("change", ["title", "description", "areas", "partners"])
def test_it_withdraws_the_submission_when_the_editor_changes_it(editor_a_client, world, vocab, change):
    assert editor_a_client.post(reverse("contributions:create"), form_data(vocab)).status_code == 302
    project = Project.objects.get()
    editor_a_client.post(_url("submit", project))
    # Posted again unchanged: nothing changed, the submission stands.
    editor_a_client.post(_url("update", project), _edit(vocab, project))
    assert _state(project) == PublicationState.SUBMITTED
    value = {
        "title": "申請後に変えた名前", "description": "申請後に書き換えた内容",
        "areas": [vocab["areas"]["光が丘"].pk], "partners": [world.corp_b.pk],
    }[change]
    response = editor_a_client.post(_url("update", project), _edit(vocab, project, **{change: value}))
    assert response.status_code == 302
    assert _state(project) == PublicationState.DRAFT
    assert RETRACTED in _messages(response)
    version = Project.objects.get(pk=project.pk).version
    client_for(world, "staff").post(_url("publish", project), {"version": version})
    assert not PublishedProject.objects.exists()


def test_it_keeps_the_submission_when_nothing_public_changes(staff_client, world, vocab):
    project = _submitted(world)
    services.project_update(project=project, acting_user=world.staff, staff_ripple_score=5)
    assert _state(project) == PublicationState.SUBMITTED


def test_it_returns_a_published_or_withdrawn_project_to_where_it_stood(editor_a_client, world, vocab):
    public = published_project(world.staff, owner=world.corp_a, title="公開した名前")
    services.project_update(project=public, acting_user=world.editor_a, title="変更1")
    services.project_submit(project=public, acting_user=world.editor_a)
    hidden = published_project(world.staff, owner=world.corp_a)
    services.project_withdraw(project=hidden, acting_user=world.editor_a)
    services.project_submit(project=hidden, acting_user=world.editor_a)

    editor_a_client.post(_url("update", public), _edit(vocab, public, title="変更2"))
    editor_a_client.post(_url("update", hidden), _edit(vocab, hidden, title="変更3"))

    assert _state(public) == PublicationState.PUBLISHED
    assert Project.objects.get(pk=public.pk).has_pending_changes
    assert PublishedProject.objects.get(pk=public.pk).title == "公開した名前"
    assert _state(hidden) == PublicationState.WITHDRAWN
    assert not PublishedProject.objects.get(pk=hidden.pk).is_public


def test_it_withdraws_the_submission_when_a_photo_is_added(editor_a_client, world):
    project = _submitted(world)
    response = _add_photo(editor_a_client, project)
    assert response.status_code == 302
    assert _state(project) == PublicationState.DRAFT
    assert RETRACTED in _messages(response)


@pytest.mark.parametrize("approved", [False, True], ids=["new photo", "approved photo"])
def test_it_withdraws_the_submission_when_a_photo_is_deleted(editor_a_client, world, approved):
    project = published_project(world.staff, owner=world.corp_a) if approved else ProjectFactory(owner=world.corp_a)
    _add_photo(editor_a_client, project)
    photo = project.photos.get()
    if approved:
        project.refresh_from_db()
        services.project_submit(project=project, acting_user=world.editor_a)
        _publish_now(world, project)
    project.refresh_from_db()
    services.project_update(project=project, acting_user=world.editor_a, summary="写真を差し替えます")
    services.project_submit(project=project, acting_user=world.editor_a)
    response = editor_a_client.post(
        reverse("contributions:photo_delete", kwargs={"pk": project.pk, "photo_pk": photo.pk})
    )
    assert response.status_code == 302
    expected = PublicationState.PUBLISHED if approved else PublicationState.DRAFT
    assert _state(project) == expected
    assert RETRACTED in _messages(response)


def _publish_now(world, project):
    services.project_publish(project=project, acting_user=world.staff, expected_version=project.version)


@pytest.mark.parametrize("change", ["text", "areas", "partners", "photo"])
def test_it_refuses_to_publish_a_project_changed_since_staff_read_it(
    staff_client, editor_a_client, client, world, vocab, change
):
    project = _submitted(world, title="確認した名前", areas=[vocab["areas"]["練馬"]])
    seen = _shown_version(staff_client, project)
    # The editor changes it (withdrawn) and submits again before staff press 公開.
    if change == "text":
        editor_a_client.post(_url("update", project), _edit(vocab, project, title="確認していない名前"))
    elif change == "areas":
        services.project_update(project=project, acting_user=world.editor_a, areas=[vocab["areas"]["大泉"]])
    elif change == "partners":
        services.project_update(project=project, acting_user=world.editor_a, partners=[world.corp_b])
    else:
        _add_photo(editor_a_client, project)
    editor_a_client.post(_url("submit", project))
    assert _state(project) == PublicationState.SUBMITTED

    response = staff_client.post(_url("publish", project), {"version": seen})
    assert response.status_code == 302
    assert CHANGED_SINCE in _messages(response)
    assert _state(project) == PublicationState.SUBMITTED
    assert not PublishedProject.objects.exists()
    # Read again, it publishes what the page now shows.
    assert _publish(staff_client, project).status_code == 302
    assert _state(project) == PublicationState.PUBLISHED
    assert PublishedProject.objects.get(pk=project.pk).title == Project.objects.get(pk=project.pk).title


@pytest.mark.parametrize("version", [None, "", "昨日", "2015-10-29T10:00:00+09:00"])
def test_it_refuses_to_publish_without_the_reviewed_version(staff_client, world, version):
    project = _submitted(world)
    response = staff_client.post(_url("publish", project), {} if version is None else {"version": version})
    assert response.status_code == 302
    assert CHANGED_SINCE in _messages(response)
    assert not PublishedProject.objects.exists()
