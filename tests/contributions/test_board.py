"""The ripple × feasibility board: server-rendered SVG, ranked by the product."""

import re
from functools import partial

import pytest
from django.urls import reverse

from tests.contributions.factories import ProjectFactory
from tests.factories import CorporationFactory

# The board and the report count published projects unless staff ask for all.
published = partial(ProjectFactory, publication_state="published")

URL = reverse("contributions:board")


def test_it_requires_login_and_a_membership(client, world):
    assert client.get(URL)["Location"].startswith(reverse("accounts:login"))


def test_it_ranks_by_ripple_times_feasibility_largest_first(staff_client, world, vocab):
    published(owner=world.corp_a, title="小", ripple_score=2, feasibility_score=2)
    published(owner=world.corp_a, title="大", ripple_score=5, feasibility_score=4)
    published(owner=world.corp_b, title="中", ripple_score=3, feasibility_score=3)
    # Staff's own scores replace the corporation's: 1 × 5 = 5.
    published(owner=world.corp_b, title="事務局評価", ripple_score=5, feasibility_score=5, staff_ripple_score=1)
    response = staff_client.get(URL)
    assert [p.title for p in response.context["board"]["ranking"]] == ["大", "中", "事務局評価", "小"]
    assert [p.score for p in response.context["board"]["ranking"]] == [20, 9, 5, 4]


def test_it_draws_an_accessible_svg_coloured_by_pattern_with_a_legend(staff_client, world, vocab):
    published(
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
    published(owner=world.corp_a, title="右下", ripple_score=1, feasibility_score=5)
    published(owner=world.corp_a, title="左上", ripple_score=5, feasibility_score=1)
    dots = {d.project.title: d for d in staff_client.get(URL).context["board"]["dots"]}
    assert dots["右下"].x > dots["左上"].x
    assert dots["右下"].y > dots["左上"].y  # SVG y grows downwards


def test_it_spreads_projects_with_the_same_scores(staff_client, world):
    for _ in range(5):
        published(owner=world.corp_a, ripple_score=3, feasibility_score=3)
    dots = staff_client.get(URL).context["board"]["dots"]
    assert len({(d.x, d.y) for d in dots}) == 5


def test_it_shows_a_member_its_own_and_joint_projects_only(editor_b_client, world):
    published(owner=world.corp_b, title="Bの事業")
    published(owner=world.corp_a, partners=[world.corp_b], title="共同")
    published(owner=world.corp_a, title="Aだけ")
    titles = {p.title for p in editor_b_client.get(URL).context["board"]["ranking"]}
    assert titles == {"Bの事業", "共同"}


def test_it_refuses_post(staff_client):
    assert staff_client.post(URL).status_code == 405


@pytest.mark.parametrize("count", [5, 50])
def test_it_uses_the_same_queries_for_ten_times_the_projects(
    staff_client, world, vocab, count, django_assert_num_queries
):
    for index in range(count):
        published(owner=CorporationFactory(), pattern=vocab["patterns"][index % 4 + 1],
                       ripple_score=index % 5 + 1, feasibility_score=(index * 3) % 5 + 1)
    # 1 session, 2 user, 3 the projects' fiscal years, 4 active areas and 5 patterns for the
    # filter and the legend, 6 the count of the ranking, 7 a page of it with owner and pattern,
    # 8 the data generation, read once by the page's first cached fragment (core/fragments.py).
    with django_assert_num_queries(8):
        response = staff_client.get(URL)
    assert len(response.context["board"]["dots"]) == min(count, 50)
    area = vocab["areas"]["練馬"]
    with django_assert_num_queries(8):  # the area filter joins the projects' query
        response = staff_client.get(URL, {"area": area.pk})
    assert response.context["board"]["area"] == area


def test_the_same_board_again_reads_nothing_but_the_session_the_user_and_the_generation(
    staff_client, editor_b_client, world, django_assert_num_queries
):
    published(owner=world.corp_a, title="Aの事業")
    published(owner=world.corp_b, title="Bの事業")
    first = _without_tokens(staff_client.get(URL, {"year": 2015}))
    # The page is kept (core/fragments.py) and read only when rendered: 1 session, 2 user, 3 the
    # data generation; the limits, the ranking's count and its page are not read.
    with django_assert_num_queries(3):
        again = staff_client.get(URL, {"year": 2015})
    assert _without_tokens(again) == first  # the CSRF tokens outside the fragment are new each time
    # Kept for each viewer: a member still sees its own and joint projects only.
    member = editor_b_client.get(URL, {"year": 2015}).content.decode()
    assert "Bの事業" in member and "Aの事業" not in member


def _dots(html):
    """(rank, pattern number, shape element) for each dot of the board's SVG."""
    svg = html.split('data-testid="board-chart"')[1].split("</svg>")[0]
    return re.findall(r'<a [^>]*data-rank="(\d+)">\s*<title>[^<]*</title>\s*<(circle|rect|polygon) [^>]*'
                      r'data-pattern="(\d)"', svg)


def test_it_numbers_each_dot_with_its_row_in_the_ranked_table(staff_client, world, vocab):
    published(owner=world.corp_a, title="小", ripple_score=2, feasibility_score=2)
    published(owner=world.corp_a, title="大", ripple_score=5, feasibility_score=4)
    published(owner=world.corp_b, title="中", ripple_score=3, feasibility_score=3)
    response = staff_client.get(URL)
    html = response.content.decode()
    dots = _dots(html)
    assert sorted(int(rank) for rank, _shape, _pattern in dots) == [1, 2, 3]
    table = html.split('data-testid="board-ranking"')[1]
    rows = re.findall(r'<td class="numeric" data-rank="(\d+)">\d+</td><th scope="row"><a [^>]*>([^<]*)</a>', table)
    assert rows == [("1", "大"), ("2", "中"), ("3", "小")]
    # The dot's number is drawn, and its title names the rank, project and scores.
    assert re.search(r'<title>1位 大（[^）]*）[^<]*波及効果 5・実現可能性 4・積 20</title>', html)
    assert re.search(r'aria-hidden="true">1</text>', html)


def test_it_draws_a_distinct_shape_per_pattern_in_the_dots_and_the_legend(staff_client, world, vocab):
    for number in range(1, 5):
        published(owner=world.corp_a, pattern=vocab["patterns"][number], ripple_score=3, feasibility_score=3)
    html = staff_client.get(URL).content.decode()
    shapes = {pattern: shape for _rank, shape, pattern in _dots(html)}
    assert shapes == {"1": "circle", "2": "rect", "3": "polygon", "4": "polygon"}
    assert 'data-shape="triangle"' in html and 'data-shape="diamond"' in html
    legend = html.split("<figcaption>")[1].split("</figcaption>")[0]
    for element in ("<circle", "<rect", 'data-shape="triangle"', 'data-shape="diamond"'):
        assert element in legend
    for pattern in vocab["patterns"].values():
        assert f'fill="{pattern.color}"' in legend and str(pattern) in legend


def test_it_keeps_many_dots_on_one_point_apart(staff_client, world):
    for _ in range(20):
        published(owner=world.corp_a, ripple_score=3, feasibility_score=3)
    dots = staff_client.get(URL).context["board"]["dots"]
    for i, a in enumerate(dots):
        for b in dots[i + 1:]:
            assert ((a.x - b.x) ** 2 + (a.y - b.y) ** 2) ** 0.5 >= 20


def test_it_limits_the_board_and_the_table_to_one_area(staff_client, world, vocab):
    published(owner=world.corp_a, title="練馬の事業", areas=[vocab["areas"]["練馬"]])
    published(owner=world.corp_a, title="大泉の事業", areas=[vocab["areas"]["大泉"]])
    published(owner=world.corp_b, title="両方", areas=[vocab["areas"]["練馬"], vocab["areas"]["大泉"]])
    response = staff_client.get(URL, {"area": vocab["areas"]["練馬"].pk})
    assert {p.title for p in response.context["board"]["ranking"]} == {"練馬の事業", "両方"}
    assert {d.project.title for d in response.context["board"]["dots"]} == {"練馬の事業", "両方"}
    html = response.content.decode()
    assert len(_dots(html)) == 2 and "大泉の事業" not in html
    assert '<label class="form-label mb-0" for="board-area">' in html
    assert f'<option value="{vocab["areas"]["練馬"].pk}" selected>練馬</option>' in html


@pytest.mark.parametrize("value", ["", "abc", "①", "７", "-1", "0", "99999999999999999999999", "999999"])
def test_it_ignores_an_odd_area(staff_client, world, vocab, value):
    published(owner=world.corp_a, areas=[vocab["areas"]["練馬"]])
    published(owner=world.corp_a, areas=[vocab["areas"]["大泉"]])
    response = staff_client.get(URL, {"area": value})
    assert response.status_code == 200
    assert response.context["board"]["area"] is None and len(response.context["board"]["dots"]) == 2


def test_it_offers_only_active_areas(staff_client, world, vocab):
    retired = vocab["areas"]["光が丘"]
    retired.is_active = False
    retired.save()
    published(owner=world.corp_a, areas=[retired])
    response = staff_client.get(URL, {"area": retired.pk})
    assert retired not in response.context["board"]["limits"].areas and response.context["board"]["area"] is None
    assert len(response.context["board"]["dots"]) == 1


def test_it_shows_staff_published_projects_unless_they_ask_for_all(staff_client, world):
    published(owner=world.corp_a, title="公開中")
    ProjectFactory(owner=world.corp_b, title="下書き")
    assert {p.title for p in staff_client.get(URL).context["board"]["ranking"]} == {"公開中"}
    every_state = staff_client.get(URL, {"projects": "all"}).context["board"]["ranking"]
    assert {p.title for p in every_state} == {"公開中", "下書き"}


def test_it_shows_a_member_its_own_drafts_and_never_others_even_when_asked_for_all(editor_a_client, world):
    ProjectFactory(owner=world.corp_a, title="自法人の下書き")
    ProjectFactory(owner=world.corp_b, title="他法人の下書き")
    published(owner=world.corp_b, title="他法人の公開")
    titles = {p.title for p in editor_a_client.get(URL, {"projects": "all"}).context["board"]["ranking"]}
    assert titles == {"自法人の下書き"}


def test_it_limits_the_board_to_a_fiscal_year_and_a_pattern(staff_client, world, vocab):
    import datetime

    patterns = vocab["patterns"]
    published(owner=world.corp_a, title="H27", pattern=patterns[1],
                   period_start=datetime.date(2015, 6, 1), period_end=datetime.date(2016, 3, 1))
    published(owner=world.corp_a, title="R7", pattern=patterns[2],
                   period_start=datetime.date(2025, 4, 1))
    assert {p.title for p in staff_client.get(URL, {"year": 2015}).context["board"]["ranking"]} == {"H27"}
    assert {p.title for p in staff_client.get(URL, {"pattern": patterns[2].pk}).context["board"]["ranking"]} == {"R7"}
    # The page always shows one 年度: the newest with projects unless another is chosen; a 年度
    # with no project is no choice and falls back to it.
    assert {p.title for p in staff_client.get(URL).context["board"]["ranking"]} == {"R7"}
    assert {p.title for p in staff_client.get(URL, {"year": 1990}).context["board"]["ranking"]} == {"R7"}


def test_it_pages_the_ranking_and_numbers_each_page_by_its_place_in_the_whole(staff_client, world):
    for index in range(53):
        published(owner=world.corp_a, title=f"事業{index:02d}", ripple_score=index % 5 + 1, feasibility_score=3)
    first = staff_client.get(URL)
    assert len(first.context["board"]["ranking"]) == len(first.context["board"]["dots"]) == 50
    assert [p.board_rank for p in first.context["board"]["ranking"]][:2] == [1, 2]
    assert "53件のうち 1〜50位の事業を表示しています。" in first.content.decode()
    second = staff_client.get(URL, {"page": 2})
    assert [p.board_rank for p in second.context["board"]["ranking"]] == [51, 52, 53]
    assert [p.score for p in second.context["board"]["ranking"]] == [3, 3, 3]  # the smallest last
    titles = {p.title for response in (first, second) for p in response.context["board"]["ranking"]}
    assert len(titles) == 53


def _without_tokens(response):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
