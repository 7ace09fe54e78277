"""Reviews (振り返り) and the staff list of overdue reviews."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from contributions import services
from contributions.models import Project, ProjectReview, ProjectStatus
from contributions.selectors import FIRST_REVIEW_DAYS, overdue_projects
from tests.contributions.factories import ProjectFactory
from tests.factories import CorporationFactory

OVERDUE = reverse("contributions:overdue")
TODAY = timezone.localdate()


def _review_url(project):
    return reverse("contributions:review_create", kwargs={"pk": project.pk})


def _age(project, days):
    Project.objects.filter(pk=project.pk).update(created_at=timezone.now() - datetime.timedelta(days=days))


def test_it_records_a_review_and_sets_the_next_review_date(editor_a_client, world):
    project = ProjectFactory(owner=world.corp_a)
    response = editor_a_client.post(_review_url(project), {
        "reviewed_on": "2015-10-29", "stage": "check", "outcomes": "参加者30人", "issues": "担い手不足",
        "next_step": "ボランティア募集", "next_review_on": "2016-01-29",
    })
    assert response.status_code == 302
    review = ProjectReview.objects.get()
    assert review.author == world.editor_a
    project.refresh_from_db()
    assert project.last_reviewed_on == datetime.date(2015, 10, 29)
    assert project.next_review_on == datetime.date(2016, 1, 29)
    detail = editor_a_client.get(reverse("contributions:detail", kwargs={"pk": project.pk}))
    assert "平成27年10月29日" in detail.content.decode()


def test_it_takes_the_latest_review_by_date_not_by_entry_order(world):
    project = ProjectFactory(owner=world.corp_a)
    services.review_create(
        project=project, acting_user=world.staff,
        reviewed_on=datetime.date(2016, 3, 1), stage="act", next_review_on=datetime.date(2016, 9, 1),
    )
    services.review_create(
        project=project, acting_user=world.staff,
        reviewed_on=datetime.date(2015, 10, 1), stage="do", next_review_on=datetime.date(2016, 1, 1),
    )
    project.refresh_from_db()
    assert (project.last_reviewed_on, project.next_review_on) == (datetime.date(2016, 3, 1), datetime.date(2016, 9, 1))


def test_it_refuses_a_next_date_before_the_review(editor_a_client, world):
    project = ProjectFactory(owner=world.corp_a)
    response = editor_a_client.post(
        _review_url(project), {"reviewed_on": "2015-10-29", "stage": "plan", "next_review_on": "2015-10-01"}
    )
    assert response.status_code == 200
    assert "次回振り返り予定日は振り返り日以降の日付にしてください。" in response.content.decode()
    assert not ProjectReview.objects.exists()


def test_it_refuses_reviews_by_a_viewer_a_partner_or_another_corporation(viewer_a_client, editor_b_client, world):
    own = ProjectFactory(owner=world.corp_a)
    joint = ProjectFactory(owner=world.corp_a, partners=[world.corp_b])
    data = {"reviewed_on": "2015-10-29", "stage": "plan"}
    assert viewer_a_client.post(_review_url(own), data).status_code == 403
    assert editor_b_client.post(_review_url(joint), data).status_code == 403
    other = ProjectFactory(owner=world.corp_b)
    assert viewer_a_client.post(_review_url(other), data).status_code == 404
    assert not ProjectReview.objects.exists()


def test_it_lists_overdue_reviews_by_the_documented_rule(world):
    late = ProjectFactory(owner=world.corp_a, title="期限切れ")
    services.review_create(
        project=late, acting_user=world.staff,
        reviewed_on=TODAY - datetime.timedelta(days=100), stage="do", next_review_on=TODAY - datetime.timedelta(days=1),
    )
    on_time = ProjectFactory(owner=world.corp_a, title="予定どおり")
    services.review_create(
        project=on_time, acting_user=world.staff, reviewed_on=TODAY, stage="do", next_review_on=TODAY,
    )
    never = ProjectFactory(owner=world.corp_a, title="一度もない", status=ProjectStatus.ACTIVE)
    _age(never, FIRST_REVIEW_DAYS + 1)
    young = ProjectFactory(owner=world.corp_a, title="新しい", status=ProjectStatus.ACTIVE)
    _age(young, FIRST_REVIEW_DAYS - 1)
    idea = ProjectFactory(owner=world.corp_a, title="構想", status=ProjectStatus.IDEA)
    _age(idea, FIRST_REVIEW_DAYS + 1)
    ended = ProjectFactory(owner=world.corp_a, title="終了", status=ProjectStatus.ENDED)
    services.review_create(
        project=ended, acting_user=world.staff,
        reviewed_on=TODAY - datetime.timedelta(days=100), stage="act",
        next_review_on=TODAY - datetime.timedelta(days=1),
    )
    assert {p.title for p in overdue_projects()} == {"期限切れ", "一度もない"}


def test_it_shows_staff_the_overdue_list(staff_client, editor_a_client, world):
    never = ProjectFactory(owner=world.corp_a, title="一度もない", status=ProjectStatus.ACTIVE)
    _age(never, FIRST_REVIEW_DAYS + 10)
    assert editor_a_client.get(OVERDUE).status_code == 403
    response = staff_client.get(OVERDUE)
    assert "一度もない" in response.content.decode()
    assert staff_client.post(OVERDUE).status_code == 405


@pytest.mark.parametrize("count", [3, 30])
def test_it_lists_overdue_reviews_in_constant_queries(staff_client, world, count, django_assert_num_queries):
    for _ in range(count):
        _age(ProjectFactory(owner=CorporationFactory(), status=ProjectStatus.ACTIVE), FIRST_REVIEW_DAYS + 1)
    # 1 session, 2 user, 3 the overdue projects with owner.
    # 4 the data generation, read once by the page's first cached fragment (core/fragments.py).
    with django_assert_num_queries(4):
        response = staff_client.get(OVERDUE)
    assert len(response.context["projects"]) == count


def test_it_lists_never_reviewed_projects_first_on_every_database(world):
    # Ordered by the missed date; a project never reviewed has none and comes first (SQLite
    # and PostgreSQL sort NULL at opposite ends unless told).
    late = ProjectFactory(owner=world.corp_a, title="期限切れ")
    services.review_create(
        project=late, acting_user=world.staff,
        reviewed_on=TODAY - datetime.timedelta(days=100), stage="do", next_review_on=TODAY - datetime.timedelta(days=1),
    )
    never = ProjectFactory(owner=world.corp_b, title="一度もない", status=ProjectStatus.ACTIVE)
    _age(never, FIRST_REVIEW_DAYS + 1)
    assert [p.title for p in overdue_projects()] == ["一度もない", "期限切れ"]
