"""Submit → publish or send back → withdraw; a published project keeps its public version."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Membership
from contributions import services
from contributions.models import Project, PublicationState, PublishedProject
from tests.contributions.conftest import form_data
from tests.contributions.factories import ProjectFactory, published_project
from tests.factories import MembershipFactory


def _url(name, project):
    return reverse(f"contributions:{name}", kwargs={"pk": project.pk})


def _shown_version(client, project) -> str:
    """The version the publish button on the project page posts (what staff reviewed)."""
    page = client.get(_url("detail", project)).content.decode()
    return re.search(r'name="version" value="([^"]+)"', page).group(1)


def _publish(client, project, **kwargs):
    """Staff read the project page, then press 承認して公開する."""
    return client.post(_url("publish", project), {"version": _shown_version(client, project)}, **kwargs)


def _state(project):
    return Project.objects.values_list("publication_state", flat=True).get(pk=project.pk)


def test_it_lets_the_editor_submit_and_staff_publish(editor_a_client, staff_client, world):
    project = ProjectFactory(owner=world.corp_a)
    assert editor_a_client.post(_url("submit", project)).status_code == 302
    assert _state(project) == PublicationState.SUBMITTED
    assert not PublishedProject.objects.exists()
    assert _publish(staff_client, project).status_code == 302
    assert _state(project) == PublicationState.PUBLISHED
    published = PublishedProject.objects.get(pk=project.pk)
    assert published.is_public and published.title == project.title
    assert published.published_by == world.staff


def test_it_refuses_publishing_by_an_editor_and_changes_nothing(editor_a_client, world):
    project = ProjectFactory(owner=world.corp_a)
    services.project_submit(project=project, acting_user=world.editor_a)
    assert editor_a_client.post(_url("publish", project)).status_code == 403
    assert _state(project) == PublicationState.SUBMITTED
    assert not PublishedProject.objects.exists()


def test_it_refuses_submit_from_a_viewer_or_another_corporation(viewer_a_client, editor_b_client, world):
    project = ProjectFactory(owner=world.corp_a)
    assert viewer_a_client.post(_url("submit", project)).status_code == 403
    assert editor_b_client.post(_url("submit", project)).status_code == 404
    assert _state(project) == PublicationState.DRAFT


def test_it_refuses_publishing_a_draft(staff_client, world):
    project = ProjectFactory(owner=world.corp_a)
    response = staff_client.post(_url("publish", project), follow=True)
    assert "申請中の事業だけを公開できます。" in response.content.decode()
    assert _state(project) == PublicationState.DRAFT


def test_it_sends_back_with_a_comment_and_mails_the_editors(
    staff_client, world, django_capture_on_commit_callbacks, deliver_mail
):
    MembershipFactory(corporation=world.corp_a, user__email="second@example.jp")
    MembershipFactory(corporation=world.corp_a, role=Membership.Role.VIEWER, user__email="viewer@example.jp")
    project = ProjectFactory(owner=world.corp_a, title="見守り")
    services.project_submit(project=project, acting_user=world.editor_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(_url("send_back", project), {"comment": "対象者を具体的に書いてください。"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.publication_state == PublicationState.DRAFT
    assert project.review_comment == "対象者を具体的に書いてください。"
    deliver_mail()
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == ["editor_a@example.jp", "second@example.jp"]
    assert "見守り" in mail.outbox[0].subject
    assert "対象者を具体的に書いてください。" in mail.outbox[0].body


def test_it_requires_a_comment_to_send_back(staff_client, world, deliver_mail):
    project = ProjectFactory(owner=world.corp_a)
    services.project_submit(project=project, acting_user=world.editor_a)
    response = staff_client.post(_url("send_back", project), {"comment": ""})
    assert response.status_code == 200
    assert "comment" in response.context["form"].errors
    assert _state(project) == PublicationState.SUBMITTED
    deliver_mail()
    assert not mail.outbox


def test_it_keeps_the_public_version_until_a_change_is_approved(editor_a_client, staff_client, client, world, vocab):
    project = published_project(world.staff, owner=world.corp_a, title="公開した名前", areas=[vocab["areas"]["練馬"]])
    project.refresh_from_db()
    editor_a_client.post(_url("update", project), form_data(vocab, title="編集中の名前", version=project.version))
    project.refresh_from_db()
    assert project.title == "編集中の名前"
    assert project.has_pending_changes
    assert project.publication_state == PublicationState.PUBLISHED
    page = client.get(reverse("catalogue:detail", kwargs={"pk": project.pk})).content.decode()
    assert "公開した名前" in page and "編集中の名前" not in page

    # Re-submitted: still the old version in public while staff look at it.
    editor_a_client.post(_url("submit", project))
    assert _state(project) == PublicationState.SUBMITTED
    assert "公開した名前" in client.get(reverse("catalogue:detail", kwargs={"pk": project.pk})).content.decode()

    # Sent back: it stays public in the approved version.
    staff_client.post(_url("send_back", project), {"comment": "写真を足してください"})
    assert _state(project) == PublicationState.PUBLISHED
    assert "公開した名前" in client.get(reverse("catalogue:detail", kwargs={"pk": project.pk})).content.decode()

    editor_a_client.post(_url("submit", project))
    _publish(staff_client, project)
    page = client.get(reverse("catalogue:detail", kwargs={"pk": project.pk})).content.decode()
    assert "編集中の名前" in page
    project.refresh_from_db()
    assert not project.has_pending_changes and project.review_comment == ""


def test_it_does_not_flag_staff_scores_as_a_public_change(staff_client, world, vocab):
    project = published_project(world.staff, owner=world.corp_a)
    services.project_update(project=project, acting_user=world.staff, staff_ripple_score=5)
    project.refresh_from_db()
    assert project.staff_ripple_score == 5
    assert not project.has_pending_changes


def test_it_withdraws_from_the_catalogue_and_can_publish_again(editor_a_client, staff_client, client, world):
    project = published_project(world.staff, owner=world.corp_a)
    public_url = reverse("catalogue:detail", kwargs={"pk": project.pk})
    assert client.get(public_url).status_code == 200
    assert editor_a_client.post(_url("withdraw", project)).status_code == 302
    assert _state(project) == PublicationState.WITHDRAWN
    assert client.get(public_url).status_code == 404
    editor_a_client.post(_url("submit", project))
    _publish(staff_client, project)
    assert client.get(public_url).status_code == 200


def test_it_refuses_withdraw_by_a_viewer_and_keeps_it_public(viewer_a_client, client, world):
    project = published_project(world.staff, owner=world.corp_a)
    assert viewer_a_client.post(_url("withdraw", project)).status_code == 403
    assert PublishedProject.objects.get(pk=project.pk).is_public
    assert _state(project) == PublicationState.PUBLISHED


def test_it_refuses_a_second_submit(world):
    project = ProjectFactory(owner=world.corp_a)
    services.project_submit(project=project, acting_user=world.editor_a)
    with pytest.raises(Exception, match="申請できません"):
        services.project_submit(project=project, acting_user=world.editor_a)


def test_it_refuses_send_back_and_withdraw_by_get_or_wrong_role(editor_a_client, world):
    project = ProjectFactory(owner=world.corp_a)
    services.project_submit(project=project, acting_user=world.editor_a)
    assert editor_a_client.get(_url("send_back", project)).status_code == 403
    assert editor_a_client.post(_url("send_back", project), {"comment": "x"}).status_code == 403
    assert editor_a_client.get(_url("withdraw", project)).status_code == 405
    assert _state(project) == PublicationState.SUBMITTED


def test_it_sends_a_withdrawn_project_back_to_withdrawn_not_to_draft(editor_a_client, staff_client, client, world):
    # Published, taken out of the catalogue, submitted again and sent back: it was public
    # once and is hidden now, so it is 非公開 (not a 下書き that was never published).
    project = published_project(world.staff, owner=world.corp_a)
    editor_a_client.post(_url("withdraw", project))
    editor_a_client.post(_url("submit", project))
    assert _state(project) == PublicationState.SUBMITTED
    staff_client.post(_url("send_back", project), {"comment": "写真を足してください"})
    assert _state(project) == PublicationState.WITHDRAWN
    assert not PublishedProject.objects.get(pk=project.pk).is_public
    assert client.get(reverse("catalogue:detail", kwargs={"pk": project.pk})).status_code == 404
    editor_a_client.post(_url("submit", project))
    assert _state(project) == PublicationState.SUBMITTED


def test_it_mails_a_one_line_subject_even_for_a_title_with_a_line_break(
    staff_client, world, django_capture_on_commit_callbacks, deliver_mail
):
    project = ProjectFactory(owner=world.corp_a, title="見守り\nと配食")
    services.project_submit(project=project, acting_user=world.editor_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(_url("send_back", project), {"comment": "具体的に。"})
    assert response.status_code == 302
    deliver_mail()
    assert mail.outbox[0].subject.endswith("社会貢献事業「見守り と配食」が差し戻されました")
    mail.outbox[0].message()  # a header with a line break would raise BadHeaderError here


def test_it_shows_each_workflow_button_only_to_who_may_use_it(editor_a_client, viewer_a_client, staff_client, world):
    project = published_project(world.staff, owner=world.corp_a)
    buttons = {name: _url(name, project) for name in ("submit", "publish", "send_back", "withdraw")}
    page = editor_a_client.get(_url("detail", project))
    assert page.context["is_public"] and page.context["can_withdraw"] and not page.context["can_submit"]
    assert buttons["withdraw"] in page.content.decode() and buttons["publish"] not in page.content.decode()
    assert not any(url in viewer_a_client.get(_url("detail", project)).content.decode() for url in buttons.values())

    services.project_update(project=project, acting_user=world.editor_a, title="変更")
    services.project_submit(project=project, acting_user=world.editor_a)
    page = staff_client.get(_url("detail", project))
    assert page.context["can_publish"] and page.context["can_send_back"]
    html = page.content.decode()
    assert buttons["publish"] in html and buttons["send_back"] in html and buttons["submit"] not in html
    assert buttons["publish"] not in editor_a_client.get(_url("detail", project)).content.decode()
