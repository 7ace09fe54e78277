"""The page skeleton (templates/includes/page.html and trail_page.html) and the cards (includes/card.html): what a
page writes once, {% block_text %} prints again: the title in the <h1> and the current crumb, a card's id in the
section's aria-labelledby and its heading's id."""

import re

from django import forms
from django.template import Context, Template


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def h1(html: str) -> list[str]:
    return re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)


def test_it_prints_the_title_in_the_tab_and_the_heading():
    html = render('{% extends "includes/page.html" %}{% block title %}法人名簿{% endblock %}')
    assert re.search(r"<title>法人名簿 \|", html)
    assert h1(html) == ["法人名簿"]
    assert "breadcrumb" not in html


def test_a_heading_that_says_more_leaves_the_tab_alone():
    html = render(
        '{% extends "includes/page.html" %}{% block title %}ボード{% endblock %}'
        "{% block heading %}{{ block.super }}（{{ year }}）{% endblock %}", year="令和7年度"
    )
    assert re.search(r"<title>ボード \|", html)
    assert h1(html) == ["ボード（令和7年度）"]


def test_the_trail_ends_at_this_page_named_by_its_title():
    html = render(
        '{% extends "includes/trail_page.html" %}{% block title %}{{ name }}{% endblock %}'
        '{% block breadcrumbs %}<li class="breadcrumb-item"><a href="/up/">名簿</a></li>{% endblock %}',
        name="社会福祉法人あおば会",
    )
    assert '<a href="/up/">名簿</a>' in html
    assert re.search(r'aria-current="page">社会福祉法人あおば会</li>', html)
    assert h1(html) == ["社会福祉法人あおば会"]


def test_a_card_names_its_section_by_its_heading():
    html = render(
        '{% extends "includes/card.html" %}{% block id %}dash-needs{% endblock %}'
        "{% block heading %}地域ニーズ{% endblock %}{% block body %}<p>本文</p>{% endblock %}"
    )
    assert 'aria-labelledby="dash-needs"' in html
    assert re.search(r'<h2 [^>]*id="dash-needs">地域ニーズ</h2>', html)


class Row(forms.Form):
    name = forms.CharField(label="氏名", required=False)
    title = forms.CharField(label="役職", required=False)
    key = forms.CharField(widget=forms.HiddenInput, required=False)


def test_a_formset_table_heads_its_columns_with_the_fields_labels():
    formset = forms.formset_factory(Row, extra=2)()
    html = render(
        '{% include "includes/formset_table.html" with caption="出席する人" first_column="w-50" %}', formset=formset
    )
    assert re.findall(r'<th scope="col"[^>]*>(.*?)</th>', html) == ["氏名", "役職"]
    assert '<th scope="col" class="w-50">氏名</th>' in html
    assert html.count('name="form-0-key"') == 1 and html.count('name="form-1-key"') == 1
    assert 'name="form-TOTAL_FORMS"' in html
