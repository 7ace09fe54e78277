"""What the needs app adds to other pages: menu, front page, dashboard, corporation page,
and the needs a project answers on the project's pages."""

import pytest
from django.contrib import admin
from django.urls import reverse

from needs import services
from tests.conftest import assert_menu
from tests.contributions.factories import ProjectFactory, published_project
from tests.needs.factories import CaseFactory, NeedFactory, ResourceFactory, published, send


@pytest.mark.parametrize(("role", "present", "absent"), [
    ("anonymous", [], ["/needs/"]),
    ("viewer_a", ["/needs/", "自法人への打診", "/needs/resources/"], ["/needs/new/"]),
    ("staff", ["/needs/new/", "打診と回答", "/needs/areas/"], ["自法人への打診"]),
])
def test_the_menu(world, role, present, absent):
    assert_menu(world, role, shows=present, hides=absent)


def test_the_front_page_links_to_what_the_area_needs_without_a_query(client, world, django_assert_num_queries):
    # The contributions card makes one query (patterns with counts); this card none. And the
    # data generation, read once by the page's first cached fragment (core/fragments.py).
    with django_assert_num_queries(2):
        html = client.get(reverse("portal:home")).content.decode()
    assert reverse("local_needs:index") in html and "この地域で求められていること" in html


def test_the_dashboard_counts_open_needs_and_unanswered_requests(world, staff_client):
    need = NeedFactory(in_charge=world.staff)
    send(need, world.corp_a, world.corp_b, staff=world.staff)
    html = staff_client.get(reverse("portal:dashboard")).content.decode()
    assert "未完了のニーズ: 1件" in html and "回答待ちの打診: 2件" in html


def test_the_corporation_page_shows_its_requests_and_resources(
    world, editor_a_client, viewer_a_client, editor_b_client,
):
    need = NeedFactory(in_charge=world.staff, title="Aへの打診")
    (offer,) = send(need, world.corp_a, staff=world.staff)
    ResourceFactory(corporation=world.corp_a, title="あおばの会議室")
    url = reverse("corporations:detail", kwargs={"pk": world.corp_a.pk})
    html = editor_a_client.get(url).content.decode()
    assert "Aへの打診" in html and reverse("needs:answer", kwargs={"pk": offer.pk}) in html
    assert "あおばの会議室" in html
    assert reverse("needs:resource_create", kwargs={"corporation_pk": world.corp_a.pk}) in html
    viewer = viewer_a_client.get(url).content.decode()
    assert "Aへの打診" in viewer and reverse("needs:answer", kwargs={"pk": offer.pk}) not in viewer
    other = editor_b_client.get(reverse("corporations:detail", kwargs={"pk": world.corp_b.pk})).content.decode()
    assert "Aへの打診" not in other


def test_a_project_shows_the_needs_it_answers_to_those_who_may_read_them(world, client, staff_client, editor_a_client):
    project = published_project(world.staff, owner=world.corp_a)
    issue = NeedFactory(in_charge=world.staff, title="作業用の学習支援")
    case = CaseFactory(in_charge=world.staff, title="はざまの相談")
    services.need_link_project(need=issue, project=project, acting_user=world.staff)
    services.need_link_project(need=case, project=project, acting_user=world.staff)
    catalogue = reverse("catalogue:detail", kwargs={"pk": project.pk})
    working = reverse("contributions:detail", kwargs={"pk": project.pk})
    assert "この事業が応える地域ニーズ" not in client.get(catalogue).content.decode()  # nothing public yet
    staff_html = staff_client.get(working).content.decode()
    assert "作業用の学習支援" in staff_html and "はざまの相談" in staff_html
    assert "はざまの相談" not in editor_a_client.get(working).content.decode()  # the case was not sent to A
    published(issue, world.staff)
    public = client.get(catalogue).content.decode()
    assert "公開用: 作業用の学習支援" in public and ">作業用の学習支援<" not in public and "はざまの相談" not in public
    assert reverse("local_needs:detail", kwargs={"pk": issue.pk}) in public
    send(case, world.corp_a, staff=world.staff)
    assert "はざまの相談" in editor_a_client.get(working).content.decode()


def test_a_project_without_needs_shows_no_section(world, staff_client):
    project = ProjectFactory(owner=world.corp_a)
    assert "この事業が応える地域ニーズ" not in staff_client.get(
        reverse("contributions:detail", kwargs={"pk": project.pk})).content.decode()


def test_every_model_is_in_the_admin_and_opens(world, client):
    from django.apps import apps

    world.staff.is_superuser = True
    world.staff.save()
    client.force_login(world.staff)
    for model in apps.get_app_config("needs").get_models():
        if model.__name__.startswith("Historical"):
            continue
        assert model in admin.site._registry, model
        url = reverse(f"admin:needs_{model._meta.model_name}_changelist")
        assert client.get(url, {"q": "練馬"}).status_code == 200, url


def test_a_need_shows_members_only_the_published_projects_answering_it(world, editor_b_client, staff_client):
    need = NeedFactory(in_charge=world.staff)
    published(need, world.staff, visibility="members")
    draft = ProjectFactory(owner=world.corp_a, title="Aの下書き事業")
    public = published_project(world.staff, owner=world.corp_a, title="Aの公開事業")
    for project in (draft, public):
        services.need_link_project(need=need, project=project, acting_user=world.staff)
    url = reverse("needs:detail", kwargs={"pk": need.pk})
    member = editor_b_client.get(url).content.decode()
    assert "Aの公開事業" in member and reverse("catalogue:detail", kwargs={"pk": public.pk}) in member
    assert "Aの下書き事業" not in member
    staff = staff_client.get(url).content.decode()
    assert "Aの下書き事業" in staff and reverse("contributions:detail", kwargs={"pk": draft.pk}) in staff
