"""The project report: pattern × area, lists per area and per pattern, .xlsx and CSV."""

import datetime
import io
import re
from functools import partial

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from openpyxl import load_workbook

from contributions import services
from tests.contributions.factories import ProjectFactory
from tests.factories import CorporationFactory

# The board and the report count published projects unless staff ask for all.
published = partial(ProjectFactory, publication_state="published")

URL = reverse("contributions:report")


@pytest.fixture
def projects(world, vocab):
    areas, patterns = vocab["areas"], vocab["patterns"]
    a = published(
        owner=world.corp_a, title="大泉と練馬の見守り", pattern=patterns[2], areas=[areas["大泉"], areas["練馬"]]
    )
    published(
        owner=world.corp_b, title="練馬の食堂", pattern=patterns[3], areas=[areas["練馬"]], partners=[world.corp_a]
    )
    published(owner=world.corp_b, title="石神井の演奏会", pattern=patterns[4], areas=[areas["石神井"]])
    services.review_create(
        project=a, acting_user=world.editor_a, reviewed_on=datetime.date(2015, 10, 29), stage="check",
    )
    return a


def test_it_is_for_staff_only(editor_a_client, client, world):
    assert editor_a_client.get(URL).status_code == 403
    assert editor_a_client.get(reverse("contributions:report_csv")).status_code == 403
    assert client.get(reverse("contributions:report_xlsx")).status_code == 302


def test_it_counts_pattern_by_area(staff_client, projects, vocab):
    report = staff_client.get(URL).context["report_page"]["report"]
    areas = [a.name for a in report.areas]
    table = {pattern.number: dict(zip(areas, counts, strict=True)) for pattern, counts, _total in report.rows}
    assert table[2] == {"練馬": 1, "光が丘": 0, "石神井": 0, "大泉": 1}
    assert table[3]["練馬"] == 1 and table[4]["石神井"] == 1
    assert report.total == 3
    assert report.column_totals == [2, 0, 1, 1]  # 延べ数: a project in two areas counts twice


def test_it_prints_each_area_and_pattern_on_its_own_a4_page(staff_client, projects):
    html = staff_client.get(URL).content.decode()
    assert html.count('<section class="print-page"') == 1 + 4 + 4
    assert "地域: 大泉" in html and "パターン: ② 近隣たすけあい型" in html
    assert "平成27年10月29日" in html  # the last review, in 和暦
    assert "@example.jp" not in html


def test_it_exports_csv_with_a_bom(staff_client, projects):
    response = staff_client.get(reverse("contributions:report_csv"))
    body = response.getvalue()  # a stream: read once
    assert body.startswith("\ufeff".encode())
    text = body.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("事業名,実施法人,共同実施法人")
    assert "大泉と練馬の見守り" in text and "2015-10-29" in text
    assert len(text.splitlines()) == 4


def test_it_exports_xlsx_with_the_crosstab_and_the_list(staff_client, projects):
    response = staff_client.get(reverse("contributions:report_xlsx"))
    book = load_workbook(io.BytesIO(response.getvalue()))
    assert book.sheetnames == ["パターン×地域", "事業一覧"]
    rows = list(book["パターン×地域"].values)
    assert rows[1] == ("ネットワークのパターン", "練馬", "光が丘", "石神井", "大泉", "事業数")
    assert rows[3] == ("② 近隣たすけあい型", 1, 0, 0, 1, 1)
    assert book["事業一覧"].max_row == 5  # title, header, three projects


@pytest.mark.parametrize("count", [4, 40])
def test_it_uses_the_same_queries_for_ten_times_the_projects(
    staff_client, world, vocab, count, django_assert_num_queries
):
    areas = list(vocab["areas"].values())
    for index in range(count):
        project = published(
            owner=CorporationFactory(), partners=[world.corp_a], pattern=vocab["patterns"][index % 4 + 1],
            areas=[areas[index % 4], areas[(index + 2) % 4]],
        )
        services.review_create(
            project=project, acting_user=world.staff, reviewed_on=datetime.date(2015, 10, 29), stage="do",
        )
    # 1 session, 2 user, 3 the projects' fiscal years (the filter), 4 areas, 5 patterns, 6 the
    # pattern × area counts, 7 the counts per pattern, 8 a page of projects with owner and
    # pattern, 9 their areas, 10 their partners (prefetch).
    # 11 the data generation, read once by the page's first cached fragment (core/fragments.py).
    with django_assert_num_queries(11):
        response = staff_client.get(URL)
    assert response.context["report_page"]["report"].total == count
    with django_assert_num_queries(8):  # the download reads the same
        staff_client.get(reverse("contributions:report_xlsx"))


def test_the_same_report_again_reads_nothing_but_the_session_the_user_and_the_generation(
    staff_client, projects, django_assert_num_queries
):
    first = _without_tokens(staff_client.get(URL))
    # The page is kept (core/fragments.py) and read only when rendered: 1 session, 2 user, 3 the
    # data generation; the limits, the counts and the page of projects are not read.
    with django_assert_num_queries(3):
        again = staff_client.get(URL)
    assert _without_tokens(again) == first  # the CSRF tokens outside the fragment are new each time


def test_it_exports_dates_as_date_cells_that_read_back_as_dates(staff_client, projects):
    response = staff_client.get(reverse("contributions:report_xlsx"))
    assert 'filename="contribution-report-' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.getvalue()))["事業一覧"]
    # 開始日, 終了日, 最終振り返り日, 次回振り返り予定日
    dated = [row[i] for row in sheet.iter_rows(min_row=3) for i in (8, 9, 13, 14) if row[i].value is not None]
    assert dated and all(cell.is_date and isinstance(cell.value, datetime.datetime) for cell in dated)
    assert datetime.date(2015, 10, 29) in [cell.value.date() for cell in dated]
    assert sheet["A1"].value.startswith("社会貢献事業報告")


def test_its_print_tables_repeat_the_area_in_each_thead_and_keep_dates_on_one_line(staff_client, projects):
    html = staff_client.get(URL).content.decode()
    theads = re.findall(r"<thead>(.*?)</thead>", html, flags=re.S)
    for area in ("練馬", "光が丘", "石神井", "大泉"):
        assert any(f'<th scope="colgroup" colspan="6">地域: {area}</th>' in thead for thead in theads)
    assert any('<th scope="colgroup" colspan="6">パターン: ② 近隣たすけあい型</th>' in thead for thead in theads)
    # The last review in the short 和暦, one line, with the full date for screen readers.
    assert '<td class="date"><time datetime="2015-10-29" title="平成27年10月29日">H27.10.29</time></td>' in html
    assert '<th scope="row" class="long-name">大泉と練馬の見守り</th>' in html


def test_its_print_stylesheet_repeats_theads_and_never_keeps_all():
    css = open(finders.find("css/print.css"), encoding="utf-8").read()
    assert "thead { display: table-header-group; }" in css
    assert "white-space: nowrap" in css and "overflow-wrap: anywhere" in css
    assert "keep-all" not in css


def test_it_counts_published_projects_unless_staff_ask_for_all(staff_client, world, vocab):
    published(owner=world.corp_a, title="公開中", areas=[vocab["areas"]["練馬"]])
    ProjectFactory(owner=world.corp_a, title="下書き", areas=[vocab["areas"]["練馬"]])
    assert staff_client.get(URL).context["report_page"]["report"].total == 1
    response = staff_client.get(URL, {"projects": "all"})
    assert response.context["report_page"]["report"].total == 2
    assert "すべての公開状態" in response.content.decode()
    text = staff_client.get(reverse("contributions:report_csv")).getvalue().decode("utf-8-sig")
    assert "公開中" in text and "下書き" not in text
    text = staff_client.get(reverse("contributions:report_csv"), {"projects": "all"}).getvalue().decode("utf-8-sig")
    assert "下書き" in text


def test_it_limits_the_report_and_its_exports_to_a_fiscal_year_area_and_pattern(staff_client, world, vocab):
    areas, patterns = vocab["areas"], vocab["patterns"]
    published(owner=world.corp_a, title="H27練馬", areas=[areas["練馬"]],
                   pattern=patterns[1], period_start=datetime.date(2015, 4, 1), period_end=datetime.date(2016, 3, 31))
    published(owner=world.corp_a, title="H26で終了", areas=[areas["練馬"]],
                   pattern=patterns[1], period_start=datetime.date(2014, 4, 1), period_end=datetime.date(2015, 3, 31))
    published(owner=world.corp_b, title="H27大泉", areas=[areas["大泉"]],
                   pattern=patterns[2], period_start=datetime.date(2015, 10, 1))
    report = staff_client.get(URL, {"year": 2015}).context["report_page"]["report"]
    assert {p.title for _a, projects in report.by_area for p in projects} == {"H27練馬", "H27大泉"}
    report = staff_client.get(URL, {"year": 2015, "area": areas["大泉"].pk}).context["report_page"]["report"]
    assert report.total == 1
    # The page shows one 年度 (the newest with projects when none is chosen); the export without
    # a 年度 holds every year's projects.
    report = staff_client.get(URL, {"pattern": patterns[1].pk, "year": 2014}).context["report_page"]["report"]
    assert report.total == 1
    every_year = staff_client.get(reverse("contributions:report_csv"), {"pattern": patterns[1].pk})
    assert b"".join(every_year.streaming_content).decode("utf-8-sig").count("\n") == 1 + 2  # header, 2 rows
    response = staff_client.get(URL, {"year": 2015})
    html = response.content.decode()
    assert 'href="/projects/report.xlsx?year=2015"' in html
    xlsx = staff_client.get(reverse("contributions:report_xlsx"), {"year": 2015})
    assert "fy2015" in xlsx["Content-Disposition"]
    book = load_workbook(io.BytesIO(xlsx.getvalue()))
    titles = {row[0] for row in book["事業一覧"].iter_rows(min_row=3, values_only=True)}
    assert titles == {"H27練馬", "H27大泉"}
    assert "平成27年度" in book["事業一覧"]["A1"].value


def test_it_counts_every_project_but_lists_a_page_of_them(staff_client, world, vocab):
    areas, patterns = vocab["areas"], vocab["patterns"]
    for index in range(53):
        published(owner=world.corp_a, title=f"事業{index:02d}", pattern=patterns[index % 2 + 1],
                  areas=[areas["練馬"], areas["大泉"]] if index % 2 else [areas["練馬"]])
    first = staff_client.get(URL)
    report = first.context["report_page"]["report"]
    assert report.total == 53
    table = {pattern.number: total for pattern, _counts, total in report.rows}
    assert table[1] == 27 and table[2] == 26
    assert report.column_totals == [53, 0, 0, 26]  # 練馬, 光が丘, 石神井, 大泉 (延べ)
    listed = [p for _pattern, projects in report.by_pattern for p in projects]
    assert len(listed) == 50
    assert "53件のうち 1〜50件目" in first.content.decode()
    second = staff_client.get(URL, {"page": 2}).context["report_page"]["report"]
    rest = [p for _pattern, projects in second.by_pattern for p in projects]
    assert len(rest) == 3 and second.total == 53
    assert {p.pk for p in listed}.isdisjoint(p.pk for p in rest)
    # The export holds them all.
    text = staff_client.get(reverse("contributions:report_csv")).getvalue().decode("utf-8-sig")
    assert len(text.splitlines()) == 1 + 53


def _without_tokens(response):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
