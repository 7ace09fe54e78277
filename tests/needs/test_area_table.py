"""The needs-and-resources table per area: where needs have no answer yet."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from needs.models import NeedStatus
from tests.contributions.factories import published_project
from tests.factories import CorporationFactory, FacilityFactory
from tests.needs.factories import NeedFactory, ResourceFactory

URL = reverse("needs:areas")


def _cell(table, area, column):
    row = next(r for r in table.rows if r.label == area)
    return row.cells[[c.name for c in table.columns].index(column)]


@pytest.fixture
def register(world, vocab):
    areas, themes, kinds = vocab["areas"], vocab["themes"], vocab["kinds"]
    NeedFactory(in_charge=world.staff, areas=[areas["光が丘"]], themes=[themes["学習支援"]],
                resource_kinds=[kinds["場所・部屋"]])
    NeedFactory(in_charge=world.staff, areas=[areas["光が丘"], areas["大泉"]], themes=[themes["食糧支援"]],
                resource_kinds=[kinds["厨房・食事"]])
    NeedFactory(in_charge=world.staff, areas=[areas["練馬"]], themes=[themes["学習支援"]], status=NeedStatus.RESOLVED,
                outcome="解決")  # closed: not counted
    NeedFactory(  # ward-wide
        in_charge=world.staff, themes=[themes["就労体験"]], resource_kinds=[kinds["就労体験の受け入れ"]],
    )
    published_project(world.staff, owner=world.corp_a, areas=[areas["大泉"]], themes=[themes["食糧支援"]])
    corporation = CorporationFactory(home_area=areas["石神井"])
    ResourceFactory(corporation=corporation, kind=kinds["就労体験の受け入れ"])  # home area: 石神井
    ResourceFactory(corporation=corporation, kind=kinds["場所・部屋"],
                    facility=FacilityFactory(corporation=corporation, area=areas["光が丘"]))


def test_it_counts_open_needs_and_projects_per_area_and_theme(staff_client, register):
    table = staff_client.get(URL).context["table"]
    assert [r.label for r in table.rows] == ["練馬", "光が丘", "石神井", "大泉", "区全域"]
    assert (_cell(table, "光が丘", "学習支援").needs, _cell(table, "光が丘", "学習支援").answers) == (1, 0)
    assert _cell(table, "光が丘", "学習支援").unanswered
    assert (_cell(table, "大泉", "食糧支援").needs, _cell(table, "大泉", "食糧支援").answers) == (1, 1)
    assert not _cell(table, "大泉", "食糧支援").unanswered
    assert _cell(table, "練馬", "学習支援").needs == 0  # resolved
    assert _cell(table, "区全域", "就労体験").needs == 1 and _cell(table, "区全域", "就労体験").unanswered
    totals = {r.label: (r.needs, r.resources, r.projects) for r in table.rows}
    assert totals == {
        "練馬": (0, 0, 0), "光が丘": (2, 1, 0), "石神井": (0, 1, 0), "大泉": (1, 0, 1), "区全域": (1, 2, 1),
    }


def test_it_counts_needs_and_resources_per_area_and_kind(staff_client, register):
    table = staff_client.get(URL, {"by": "kind"}).context["table"]
    assert (_cell(table, "光が丘", "場所・部屋").needs, _cell(table, "光が丘", "場所・部屋").answers) == (1, 1)
    assert _cell(table, "光が丘", "厨房・食事").unanswered
    assert _cell(table, "石神井", "就労体験の受け入れ").answers == 1
    # A ward-wide need is answered by a resource anywhere in the ward.
    assert not _cell(table, "区全域", "就労体験の受け入れ").unanswered


def test_it_prints_in_black_and_white_with_marks_and_text(staff_client, register):
    html = staff_client.get(URL).content.decode()
    assert "▲ 1 / 0" in html and "▲ は、ニーズがあるのにまだ応えるものがない欄です" in html
    assert 'class="numeric unanswered"' in html
    assert "css/print.css" in html and "A4 landscape" in html


def test_it_exports_xlsx(staff_client, register):
    response = staff_client.get(reverse("needs:areas_xlsx"), {"by": "kind"})
    book = load_workbook(io.BytesIO(response.getvalue()))
    assert book.sheetnames == ["地域別ニーズと資源", "地域別の合計"]
    rows = list(book["地域別ニーズと資源"].values)
    assert rows[1] == ("地域", "資源の種類", "未完了のニーズ", "資源", "未対応")  # under the title row
    assert ("光が丘", "厨房・食事", 1, 0, "未対応") in rows
    assert ("光が丘", 2, 1, 0) in list(book["地域別の合計"].values)


@pytest.mark.parametrize("count", [2, 20])
def test_it_uses_the_same_queries_for_ten_times_the_data(world, vocab, staff_client, count, django_assert_num_queries):
    areas, themes, kinds = list(vocab["areas"].values()), list(vocab["themes"].values()), list(vocab["kinds"].values())
    for index in range(count):
        NeedFactory(in_charge=world.staff, areas=[areas[index % 4]], themes=themes[index % 5: index % 5 + 2],
                    resource_kinds=kinds[index % 4: index % 4 + 2])
        corporation = CorporationFactory(home_area=areas[(index + 1) % 4])
        ResourceFactory(corporation=corporation, kind=kinds[index % 6])
        published_project(world.staff, owner=corporation, areas=[areas[index % 4]], themes=[themes[index % 3]])
    # 1 session, 2 user, 3 areas, 4 themes, 5 the open needs' (id, area, theme) rows, 6 the
    # public projects' (id, area, theme) rows, 7 the available resources counted per (area, kind)
    # (for the cells and the areas' totals).
    # 8 the data generation, read once by the page's first cached fragment (core/fragments.py).
    with django_assert_num_queries(8):
        staff_client.get(URL)
    # By resource kind: 4 kinds instead of themes, 5 the needs' (id, area, kind) rows.
    with django_assert_num_queries(8):
        staff_client.get(URL, {"by": "kind"})
    # A download: the same.
    with django_assert_num_queries(7):
        staff_client.get(reverse("needs:areas_xlsx"))
