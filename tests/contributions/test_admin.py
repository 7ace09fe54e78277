"""The admin keeps what the services keep, and the published copy cannot be changed there."""

import datetime

from django.urls import reverse

from contributions.models import Project, ProjectReview, PublicationState, PublishedProject
from contributions.search import search_text_of
from tests.contributions.factories import ProjectFactory, ReviewFactory, published_project
from tests.factories import CorporationFactory


def _url(model, action, *args):
    return reverse(f"admin:contributions_{model._meta.model_name}_{action}", args=args)


def _dates(project) -> tuple:
    return project.last_reviewed_on, project.next_review_on


def _post_data(response) -> dict:
    """What the change form would post back unchanged (main form, inline management and rows)."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if isinstance(value, bool):
                if value:
                    data[field.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[field.html_name] = [str(v) for v in value]
            else:
                data[field.html_name] = "" if value is None else str(value)
    return data


def test_it_shows_the_published_copy_read_only(superuser_client, world):
    project = published_project(world.staff, owner=world.corp_a, partners=[world.corp_b])
    copy = PublishedProject.objects.get(pk=project.pk)
    response = superuser_client.get(_url(PublishedProject, "change", copy.pk))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert "partners" not in response.context["adminform"].form.fields
    assert superuser_client.get(_url(PublishedProject, "add")).status_code == 403
    assert superuser_client.get(_url(PublishedProject, "delete", copy.pk)).status_code == 403

    stranger = CorporationFactory()
    response = superuser_client.post(_url(PublishedProject, "change", copy.pk), {
        "title": "書き換え", "partners": [stranger.pk], "is_public": "",
    })
    assert response.status_code == 403
    copy.refresh_from_db()
    assert copy.title == project.title and copy.is_public
    assert list(copy.partners.all()) == [world.corp_b]
    assert superuser_client.post(_url(PublishedProject, "delete", copy.pk), {"post": "yes"}).status_code == 403
    assert PublishedProject.objects.filter(pk=copy.pk).exists()


def test_it_keeps_the_search_text_and_flags_a_public_change(superuser_client, world):
    project = published_project(world.staff, owner=world.corp_a, title="見守り")
    url = _url(Project, "change", project.pk)
    data = _post_data(superuser_client.get(url)) | {
        "title": "こども食堂", "publication_state": "draft", "has_pending_changes": "", "review_comment": "x",
    }
    response = superuser_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    project.refresh_from_db()
    assert project.title == "こども食堂"
    assert project.search_text == search_text_of(
        "こども食堂", project.summary, project.description, world.corp_a.name, world.corp_a.name_kana
    )
    assert project.has_pending_changes
    # The workflow fields are read-only here.
    assert project.publication_state == PublicationState.PUBLISHED and project.review_comment == ""
    assert PublishedProject.objects.get(pk=project.pk).title == "見守り"


def test_it_does_not_flag_a_change_the_public_does_not_see(superuser_client, world):
    project = published_project(world.staff, owner=world.corp_a)
    url = _url(Project, "change", project.pk)
    response = superuser_client.post(url, _post_data(superuser_client.get(url)) | {"staff_ripple_score": "5"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.staff_ripple_score == 5 and not project.has_pending_changes


def test_it_keeps_the_review_dates_when_reviews_change_inline(superuser_client, world):
    project = ProjectFactory(owner=world.corp_a)
    ReviewFactory(project=project, reviewed_on=datetime.date(2015, 7, 29), next_review_on=datetime.date(2015, 12, 1))
    url = _url(Project, "change", project.pk)
    data = _post_data(superuser_client.get(url)) | {
        "reviews-TOTAL_FORMS": "2",
        "reviews-1-reviewed_on": "2015-10-29", "reviews-1-stage": "check", "reviews-1-outcomes": "",
        "reviews-1-issues": "", "reviews-1-next_review_on": "2016-04-29", "reviews-1-project": str(project.pk),
    }
    response = superuser_client.post(url, data)
    assert response.status_code == 302
    project.refresh_from_db()
    assert _dates(project) == (datetime.date(2015, 10, 29), datetime.date(2016, 4, 29))
    assert ProjectReview.objects.get(reviewed_on=datetime.date(2015, 10, 29)).author == world.staff

    # Deleting the latest review inline takes the dates back to the one before.
    data = _post_data(superuser_client.get(url))
    latest = ProjectReview.objects.get(reviewed_on=datetime.date(2015, 10, 29))
    index = next(i for i in range(2) if data[f"reviews-{i}-id"] == str(latest.pk))
    response = superuser_client.post(url, data | {f"reviews-{index}-DELETE": "on"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert _dates(project) == (datetime.date(2015, 7, 29), datetime.date(2015, 12, 1))


def test_it_keeps_the_review_dates_when_a_review_is_added_changed_or_deleted(superuser_client, world):
    project = ProjectFactory(owner=world.corp_a)
    response = superuser_client.post(_url(ProjectReview, "add"), {
        "project": project.pk, "reviewed_on": "2015-10-29", "stage": "do", "next_review_on": "2016-01-29",
    })
    assert response.status_code == 302
    review = ProjectReview.objects.get()
    assert review.author == world.staff
    project.refresh_from_db()
    assert _dates(project) == (datetime.date(2015, 10, 29), datetime.date(2016, 1, 29))

    url = _url(ProjectReview, "change", review.pk)
    response = superuser_client.post(url, _post_data(superuser_client.get(url)) | {"next_review_on": "2016-03-01"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.next_review_on == datetime.date(2016, 3, 1)

    # Moved to another project: both projects follow.
    other = ProjectFactory(owner=world.corp_a)
    response = superuser_client.post(url, _post_data(superuser_client.get(url)) | {"project": str(other.pk)})
    assert response.status_code == 302
    project.refresh_from_db()
    other.refresh_from_db()
    assert project.last_reviewed_on is None and project.next_review_on is None
    assert other.next_review_on == datetime.date(2016, 3, 1)

    response = superuser_client.post(_url(ProjectReview, "delete", review.pk), {"post": "yes"})
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.last_reviewed_on is None and other.next_review_on is None


def test_it_keeps_the_review_dates_when_reviews_are_deleted_in_bulk(superuser_client, world):
    project = ProjectFactory(owner=world.corp_a)
    ReviewFactory(project=project, reviewed_on=datetime.date(2015, 7, 29))
    latest = ReviewFactory(project=project, reviewed_on=datetime.date(2015, 10, 29))
    Project.objects.filter(pk=project.pk).update(last_reviewed_on=datetime.date(2015, 10, 29))
    response = superuser_client.post(_url(ProjectReview, "changelist"), {
        "action": "delete_selected", "_selected_action": [latest.pk], "post": "yes",
    })
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.last_reviewed_on == datetime.date(2015, 7, 29)
