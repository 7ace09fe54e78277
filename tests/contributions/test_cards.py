"""What the app adds to shared pages: menu, front page, dashboard, corporation page; the list."""

import pytest
from django.urls import reverse

from contributions import services
from contributions.models import ProjectStatus
from tests.contributions.factories import ProjectFactory, published_project
from tests.factories import CorporationFactory


def test_it_offers_the_catalogue_to_everyone_and_the_tools_by_role(client, staff_client, editor_a_client, world):
    anonymous = client.get(reverse("portal:home")).content.decode()
    assert reverse("catalogue:index") in anonymous
    assert reverse("contributions:list") not in anonymous
    staff = staff_client.get(reverse("portal:dashboard")).content.decode()
    for name in ["contributions:list", "contributions:board", "contributions:report"]:
        assert reverse(name) in staff
    member = editor_a_client.get(reverse("catalogue:index")).content.decode()
    assert "自法人の事業" in member and reverse("contributions:report") not in member


@pytest.mark.parametrize("count", [2, 20])
def test_it_counts_public_projects_per_pattern_on_the_public_front_page(
    client, world, vocab, count, django_assert_num_queries
):
    for index in range(count):
        published_project(world.staff, owner=CorporationFactory(), pattern=vocab["patterns"][index % 2 + 1])
    ProjectFactory(owner=world.corp_a, pattern=vocab["patterns"][3])  # a draft: not counted
    # Anonymous: 1 the patterns with their public counts, 2 the data generation (read once by the
    # page's first cached fragment, core/fragments.py); nothing else.
    with django_assert_num_queries(2):
        response = client.get(reverse("portal:home"))
    html = response.content.decode()
    assert f"② 近隣たすけあい型</a>: {count // 2}件" in html
    assert "③ テーマ別課題解決型</a>: 0件" in html


def test_it_shows_staff_submissions_and_overdue_reviews_on_the_dashboard(staff_client, world):
    project = ProjectFactory(owner=world.corp_a)
    services.project_submit(project=project, acting_user=world.editor_a)
    html = staff_client.get(reverse("portal:dashboard")).content.decode()
    assert "公開の申請: 1件" in html
    assert "振り返りの期限切れ: 0件" in html
    assert f"{reverse('contributions:list')}?state=submitted" in html


def test_it_lists_own_and_joint_projects_on_the_corporation_page(editor_b_client, staff_client, world):
    ProjectFactory(owner=world.corp_b, title="Bの見守り", status=ProjectStatus.ACTIVE)
    ProjectFactory(owner=world.corp_a, partners=[world.corp_b], title="Aと共同の食堂")
    ProjectFactory(owner=world.corp_a, title="Aだけの講座")
    html = editor_b_client.get(reverse("corporations:detail", kwargs={"pk": world.corp_b.pk})).content.decode()
    assert "Bの見守り" in html and "Aと共同の食堂" in html and "Aだけの講座" not in html
    assert "共同実施法人として加わっている事業" in html


@pytest.mark.parametrize("count", [3, 30])
def test_it_lists_projects_in_constant_queries(
    staff_client, world, vocab, count, django_assert_num_queries
):
    for index in range(count):
        ProjectFactory(
            owner=CorporationFactory(), partners=[world.corp_a, world.corp_b], pattern=vocab["patterns"][index % 4 + 1]
        )
    # 1 session, 2 user, 3 membership (the view looks for the user's own corporation),
    # 4 count, 5 the page with owner and pattern, 6 areas, 7 partners (prefetch),
    # 8 patterns and 9 areas for the filter's choices.
    # 10 the data generation, read once by the page's first cached fragment (core/fragments.py).
    with django_assert_num_queries(10):
        response = staff_client.get(reverse("contributions:list"))
    assert len(response.context["page"].object_list) == count


def test_it_lets_staff_start_a_project_from_a_corporation_page(staff_client, viewer_a_client, world):
    html = staff_client.get(reverse("corporations:detail", kwargs={"pk": world.corp_a.pk})).content.decode()
    link = f"{reverse('contributions:create')}?owner={world.corp_a.pk}"
    assert link in html
    form = staff_client.get(link).context["form"]
    assert str(form["owner_choice"].value()) == str(world.corp_a.pk)
    viewer_html = viewer_a_client.get(reverse("corporations:detail", kwargs={"pk": world.corp_a.pk})).content.decode()
    assert reverse("contributions:create") not in viewer_html
