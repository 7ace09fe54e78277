"""Rules on one row: the database refuses bad data; sanitising and search folding."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from contributions.models import (
    NetworkPattern,
    Project,
    ProjectReview,
    description_as_html,
    sanitize_description,
)
from contributions.search import fold, search_terms
from tests.contributions.factories import ProjectFactory


@pytest.mark.parametrize("field, value", [
    ("ripple_score", 6), ("feasibility_score", 0), ("staff_ripple_score", 9), ("staff_feasibility_score", 0),
    ("publication_state", "public"), ("status", "done"), ("kind", "other"),
])
def test_it_lets_the_database_refuse_bad_values(world, field, value):
    project = ProjectFactory(owner=world.corp_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.filter(pk=project.pk).update(**{field: value})


def test_it_refuses_a_period_ending_before_it_starts(world):
    project = ProjectFactory(owner=world.corp_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.filter(pk=project.pk).update(
            period_start=datetime.date(2015, 10, 29), period_end=datetime.date(2015, 7, 29)
        )


def test_it_refuses_a_next_review_before_the_review(world):
    project = ProjectFactory(owner=world.corp_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectReview.objects.create(project=project, reviewed_on=datetime.date(2015, 10, 29), stage="do",
                                     next_review_on=datetime.date(2015, 1, 1))


def test_it_refuses_a_colour_that_is_not_hex(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        NetworkPattern.objects.filter(number=1).update(color="red")


def test_it_marks_patterns_with_circled_numbers(db):
    assert [str(p) for p in NetworkPattern.objects.all()] == [
        "① 個別課題解決型", "② 近隣たすけあい型", "③ テーマ別課題解決型", "④ 共に楽しめる提案型",
    ]


def test_it_measures_a_project_by_the_product_preferring_staff_scores(world):
    project = ProjectFactory.build(owner=world.corp_a, ripple_score=4, feasibility_score=5)
    assert project.score == 20
    project.staff_feasibility_score = 2
    assert (project.ripple, project.feasibility, project.score) == (4, 2, 8)


def test_it_keeps_only_the_small_formatting_subset():
    text = (
        '<p style="color:red">a<br><em>b</em></p><ul><li>c</li></ul><h1>d</h1>'
        '<script>x()</script><a href="http://e.jp" onclick="y()">e</a>'
    )
    clean = sanitize_description(text)
    assert clean == '<p>a<br><em>b</em></p><ul><li>c</li></ul>d<a href="http://e.jp" rel="noopener noreferrer">e</a>'


def test_it_turns_plain_text_lines_into_paragraphs():
    assert description_as_html("一行目\n二行目\n\n次の段落") == "<p>一行目<br>二行目</p>\n\n<p>次の段落</p>"
    assert description_as_html("1 < 2 & 3") == "<p>1 &lt; 2 &amp; 3</p>"


def test_it_folds_japanese_text_for_search():
    assert fold("ｺﾄﾞﾓ食堂　ＡＢＣ") == "コドモ食堂 abc"
    assert fold("こども") == "コドモ"
    assert search_terms("  こども　食堂 ") == ["コドモ", "食堂"]
