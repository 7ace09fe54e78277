"""The public catalogue: published projects only, filters, Japanese keyword search, counts."""

import pytest
from django.urls import reverse

from contributions.models import ProjectStatus
from tests.contributions.factories import ProjectFactory, ReviewFactory, published_project
from tests.factories import CorporationFactory

INDEX = reverse("catalogue:index")


def _titles(response):
    return sorted(p.title for p in response.context["page"])


def _detail(project):
    return reverse("catalogue:detail", kwargs={"pk": project.pk})


def test_it_shows_published_projects_only_without_login(client, world, vocab):
    shown = published_project(world.staff, owner=world.corp_a, title="公開中の事業")
    ProjectFactory(owner=world.corp_a, title="下書きの事業")
    submitted = ProjectFactory(owner=world.corp_a, title="申請中の事業")
    from contributions import services

    services.project_submit(project=submitted, acting_user=world.editor_a)
    response = client.get(INDEX)
    assert response.status_code == 200
    assert _titles(response) == [shown.title]
    html = response.content.decode()
    assert "下書きの事業" not in html and "申請中の事業" not in html


def test_it_answers_404_for_unpublished_withdrawn_or_missing_projects(client, world):
    from contributions import services

    draft = ProjectFactory(owner=world.corp_a)
    assert client.get(_detail(draft)).status_code == 404
    services.project_submit(project=draft, acting_user=world.editor_a)
    assert client.get(_detail(draft)).status_code == 404
    withdrawn = published_project(world.staff, owner=world.corp_a)
    services.project_withdraw(project=withdrawn, acting_user=world.staff)
    assert client.get(_detail(withdrawn)).status_code == 404
    assert client.get(reverse("catalogue:detail", kwargs={"pk": 999999})).status_code == 404


def test_it_filters_by_area_pattern_theme_target_group_and_status(client, world, vocab):
    areas, patterns, themes, targets = vocab["areas"], vocab["patterns"], vocab["themes"], vocab["targets"]
    a = published_project(world.staff, owner=world.corp_a, title="大泉の見守り", areas=[areas["大泉"]],
                          pattern=patterns[2],
                          themes=[themes["見守り"]], target_groups=[targets["高齢者"]])
    b = published_project(world.staff, owner=world.corp_b, title="練馬の学習支援", areas=[areas["練馬"], areas["大泉"]],
                          pattern=patterns[3], themes=[themes["学習支援"]], target_groups=[targets["子ども"]],
                          status=ProjectStatus.PREPARING)
    assert _titles(client.get(INDEX, {"area": areas["大泉"].pk})) == sorted([a.title, b.title])
    assert _titles(client.get(INDEX, {"area": areas["大泉"].pk, "pattern": patterns[2].pk})) == [a.title]
    assert _titles(client.get(INDEX, {"theme": themes["学習支援"].pk})) == [b.title]
    assert _titles(client.get(INDEX, {"target_group": targets["高齢者"].pk})) == [a.title]
    assert _titles(client.get(INDEX, {"status": "preparing"})) == [b.title]
    assert _titles(client.get(INDEX, {"area": areas["石神井"].pk})) == []


@pytest.mark.parametrize("query", ["こども食堂", "コドモ食堂", "ｺﾄﾞﾓ食堂", "食堂　あおば", "ＡＯＢＡ", "aoba"])
def test_it_finds_japanese_text_however_it_is_typed(client, world, query):
    published_project(world.staff, owner=world.corp_a, title="コドモ食堂AOBA", summary="あおば会の食堂です。")
    published_project(world.staff, owner=world.corp_b, title="認知症カフェ", summary="さくら会")
    assert _titles(client.get(INDEX, {"q": query})) == ["コドモ食堂AOBA"]


@pytest.mark.parametrize(("query", "title"), [("みまもり", "見守り訪問"), ("こども", "子ども食堂"),
                                              ("しょくりょう", "食糧の配布"), ("ミマモリ ほうもん", "見守り訪問")])
def test_it_finds_kanji_by_a_reading_typed_in_kana(client, world, query, title):
    for other in ("見守り訪問", "子ども食堂", "食糧の配布"):
        published_project(world.staff, owner=world.corp_a, title=other, summary="地域の活動です。", description="")
    assert _titles(client.get(INDEX, {"q": query})) == [title]


def test_it_searches_the_corporation_name_and_description(client, world):
    published_project(
        world.staff, owner=world.corp_a, title="見守り", description="<p>配食の<strong>ボランティア</strong></p>"
    )
    assert _titles(client.get(INDEX, {"q": "あおば会"})) == ["見守り"]
    assert _titles(client.get(INDEX, {"q": "ぼらんてぃあ"})) == ["見守り"]
    assert _titles(client.get(INDEX, {"q": "strong"})) == []  # markup is not searched


def test_it_counts_public_projects_per_pattern(client, world, vocab):
    for number in (1, 2, 2, 4):
        published_project(world.staff, owner=world.corp_a, pattern=vocab["patterns"][number])
    ProjectFactory(owner=world.corp_a, pattern=vocab["patterns"][3])  # a draft is not counted
    response = client.get(INDEX)
    counts = {p.number: p.public_count for p in response.context["patterns"]}
    assert counts == {1: 1, 2: 2, 3: 0, 4: 1}
    assert response.context["total"] == 4


def test_it_leaks_nothing_personal_or_internal(client, world):
    project = published_project(
        world.staff, owner=world.corp_a, title="見守り", public_contact="あおばホーム 03-3993-9931"
    )
    project.review_comment = "内部のコメント"
    project.staff_ripple_score = 5
    project.save()
    ReviewFactory(project=project, outcomes="内部の成果メモ")
    html = client.get(_detail(project)).content.decode() + client.get(INDEX).content.decode()
    for secret in ["editor_a", "staff@example.jp", "@example.jp", "内部のコメント", "内部の成果メモ", "夢の明るさ"]:
        assert secret not in html, secret
    assert "あおばホーム 03-3993-9931" in html  # the contact the corporation chose to publish


def test_it_refuses_post(client, world):
    assert client.post(INDEX).status_code == 405


def _many(world, vocab, count):
    areas = list(vocab["areas"].values())
    for index in range(count):
        published_project(
            world.staff, owner=CorporationFactory(), partners=[world.corp_b],
            areas=[areas[index % 4], areas[(index + 1) % 4]], pattern=vocab["patterns"][index % 4 + 1],
            themes=[vocab["themes"]["見守り"], vocab["themes"]["食糧支援"]],
            target_groups=[vocab["targets"]["高齢者"]],
        )


@pytest.mark.parametrize("count", [3, 30])
def test_it_uses_the_same_queries_for_ten_times_the_projects(client, world, vocab, count, django_assert_num_queries):
    _many(world, vocab, count)
    # Anonymous: no session, no user. 1 count for the paginator, 2 the page with owner and
    # pattern, 3–5 its areas, themes and target groups (prefetch), 6 patterns with public
    # counts, 7–10 the filter's choices (areas, patterns, themes, target groups), 11 the data
    # generation, read once by the page's first cached fragment (core/fragments.py).
    # Filtering by area adds one: the chosen area is looked up when the form validates.
    with django_assert_num_queries(12):
        response = client.get(INDEX, {"area": vocab["areas"]["大泉"].pk, "q": "食堂"})
    assert response.status_code == 200
    with django_assert_num_queries(11):
        response = client.get(INDEX)
    assert len(response.context["page"].object_list) == count


@pytest.mark.parametrize("count", [1, 10])
def test_it_shows_a_project_page_in_constant_queries(client, world, vocab, count, django_assert_num_queries):
    project = published_project(world.staff, owner=world.corp_a, partners=[CorporationFactory() for _ in range(count)],
                                areas=list(vocab["areas"].values())[: min(count, 4)])
    # 1 the published project with owner and pattern, 2–6 areas, themes, target groups,
    # partners and photos (prefetch), 7 the published local needs it answers (needs' "project" section).
    # 8 the data generation, read once by the page's first cached fragment (core/fragments.py).
    with django_assert_num_queries(8):
        assert client.get(_detail(project)).status_code == 200
