"""core.sections: pages that other apps add to, each section deciding in Python who sees it."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from core import sections
from core.sections import render_slot, section
from tests.conftest import assert_menu


def test_it_refuses_an_unknown_slot():
    with pytest.raises(ValueError):
        section("sidebar", template="x.html")


def test_it_renders_only_the_sections_that_answer_a_context(monkeypatch, rf: RequestFactory):
    monkeypatch.setattr(sections, "_registry", {slot: {} for slot in sections.SLOTS})
    section("home", template="portal/sections/nav.html", name="shown", order=2)(lambda request: {})
    section("home", template="portal/sections/nav.html", name="hidden", order=1)(lambda request: None)
    request = rf.get("/")
    html = render_slot("home", request)
    assert html.count(reverse("portal:dashboard")) == 1


@pytest.mark.parametrize(
    ("role", "present", "absent"),
    [
        ("anonymous", ["/catalogue/"], ["/dashboard/", "/corporations/", "/meetings/"]),
        ("editor_a", ["/catalogue/", "/meetings/", "自法人の情報", "自法人の事業"], ["/dashboard/", "法人名簿"]),
        ("viewer_a", ["/catalogue/", "/meetings/", "自法人の情報"], ["/dashboard/", "法人名簿"]),
        ("staff", ["/dashboard/", "法人名簿", "/meetings/participation/", "/projects/board/"], ["自法人の情報"]),
    ],
)
def test_the_menu_shows_each_role_its_own_entries(world, role, present, absent):
    assert_menu(world, role, shows=present, hides=absent)


def test_the_corporation_page_gets_the_meetings_and_projects_sections(world, staff_client, editor_a_client):
    url = reverse("corporations:detail", kwargs={"pk": world.corp_a.pk})
    for client in (staff_client, editor_a_client):
        html = client.get(url).content.decode()
        assert 'id="corp-meetings"' in html
        assert 'id="corp-projects"' in html
