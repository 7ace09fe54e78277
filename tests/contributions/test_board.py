"""The ripple × feasibility board: server-rendered SVG, ranked by the product."""

import pytest
from django.urls import reverse

from tests.contributions.factories import ProjectFactory
from tests.factories import CorporationFactory

URL = reverse("contributions:board")


def test_it_requires_login_and_a_membership(client, world):
    assert client.get(URL)["Location"].startswith(reverse("accounts:login"))


def test_it_ranks_by_ripple_times_feasibility_largest_first(staff_client, world, vocab):
    ProjectFactory(owner=world.corp_a, title="小", ripple_score=2, feasibility_score=2)
    ProjectFactory(owner=world.corp_a, title="大", ripple_score=5, feasibility_score=4)
    ProjectFactory(owner=world.corp_b, title="中", ripple_score=3, feasibility_score=3)
    # Staff's own scores replace the corporation's: 1 × 5 = 5.
    ProjectFactory(owner=world.corp_b, title="事務局評価", ripple_score=5, feasibility_score=5, staff_ripple_score=1)
    response = staff_client.get(URL)
    assert [p.title for p in response.context["ranking"]] == ["大", "中", "事務局評価", "小"]
    assert [p.score for p in response.context["ranking"]] == [20, 9, 5, 4]


def test_it_draws_an_accessible_svg_coloured_by_pattern_with_a_legend(staff_client, world, vocab):
    ProjectFactory(
        owner=world.corp_a, title="見守り", pattern=vocab["patterns"][2], ripple_score=5, feasibility_score=1
    )
    html = staff_client.get(URL).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="group" aria-labelledby="board-title board-desc"' in html
    assert '<title id="board-title">' in html and '<desc id="board-desc">' in html
    assert f'fill="{vocab["patterns"][2].color}"' in html
    for pattern in vocab["patterns"].values():
        assert str(pattern) in html
    assert "<caption>" in html and '<th scope="row">' in html
    assert "<script" not in html.split("<main")[1].split("</main>")[0]  # no chart library


def test_it_places_dots_by_feasibility_on_x_and_ripple_on_y(staff_client, world):
    ProjectFactory(owner=world.corp_a, title="右下", ripple_score=1, feasibility_score=5)
    ProjectFactory(owner=world.corp_a, title="左上", ripple_score=5, feasibility_score=1)
    dots = {d.project.title: d for d in staff_client.get(URL).context["dots"]}
    assert dots["右下"].x > dots["左上"].x
    assert dots["右下"].y > dots["左上"].y  # SVG y grows downwards


def test_it_spreads_projects_with_the_same_scores(staff_client, world):
    for _ in range(5):
        ProjectFactory(owner=world.corp_a, ripple_score=3, feasibility_score=3)
    dots = staff_client.get(URL).context["dots"]
    assert len({(d.x, d.y) for d in dots}) == 5


def test_it_shows_a_member_its_own_and_joint_projects_only(editor_b_client, world):
    ProjectFactory(owner=world.corp_b, title="Bの事業")
    ProjectFactory(owner=world.corp_a, partners=[world.corp_b], title="共同")
    ProjectFactory(owner=world.corp_a, title="Aだけ")
    titles = {p.title for p in editor_b_client.get(URL).context["ranking"]}
    assert titles == {"Bの事業", "共同"}


def test_it_refuses_post(staff_client):
    assert staff_client.post(URL).status_code == 405


@pytest.mark.parametrize("count", [5, 50])
def test_it_uses_the_same_queries_for_ten_times_the_projects(
    staff_client, world, vocab, count, django_assert_num_queries
):
    for index in range(count):
        ProjectFactory(owner=CorporationFactory(), pattern=vocab["patterns"][index % 4 + 1],
                       ripple_score=index % 5 + 1, feasibility_score=(index * 3) % 5 + 1)
    # 1 session, 2 user, 3 membership (context processor), 4 projects with owner and
    # pattern, 5 patterns for the legend.
    with django_assert_num_queries(5):
        response = staff_client.get(URL)
    assert len(response.context["dots"]) == count
