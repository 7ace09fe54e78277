"""The fiscal year's report page (事業報告): meetings, participation, projects, needs, reviews."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.meetings.factories import AttendeeFactory

URL = reverse("annual:report", args=[2015])


def _text(html: str, testid: str) -> str:
    match = re.search(rf'data-testid="{testid}".*?</(tr|table|ul|p)>', html, re.S)
    assert match, testid
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(0)))


def test_it_reports_each_held_meeting_with_its_programme_and_who_came(staff_client, year):
    response = staff_client.get(URL)
    second = response.context["report"].meetings[1]
    assert (second.invited, second.attended, second.people, second.guests) == (3, 2, 3, 0)
    assert second.rate == 66.7
    assert second.programme == ["開会挨拶", "4つのパターンの提案"]
    per_area = {c.area.name: (c.attended, c.invited, c.people) for c in second.areas}
    assert per_area["練馬"] == (1, 1, 2) and per_area["大泉"] == (1, 2, 1)
    html = response.content.decode()
    row = _text(html, "annual-meeting-2")
    assert "第2回" in row and "平成27年10月29日" in row and "区役所 アトリウム" in row
    assert "4つのパターンの提案" in row and "2 / 3" in row and "66.7%" in row


def test_it_reports_participation_and_who_never_came(staff_client, year):
    report = staff_client.get(URL).context["report"]
    never = [row.corporation.name for row in report.participation.never_came]
    assert len(never) == 1 and year.world.corp_a.name not in never
    assert {row.area.name: row.attendances for row in report.participation.areas}["大泉"] == 1


def test_it_counts_new_continuing_and_ended_published_projects_of_the_year(staff_client, year):
    report = staff_client.get(URL).context["report"]
    assert report.projects.phases == [("新規", 1), ("継続", 1), ("終了", 1)]
    titles = {p.title for p in report.projects.projects}
    assert titles == {"新規の見守り1", "継続の食堂1", "終了した演奏会1"}  # no draft, nothing of an earlier year


def test_it_counts_drafts_too_when_staff_ask_for_all(staff_client, year):
    report = staff_client.get(URL, {"projects": "all"}).context["report"]
    assert report.projects.phases == [("新規", 2), ("継続", 1), ("終了", 1)]
    assert not report.projects.published_only


def test_it_counts_pattern_by_area_theme_and_joint_projects(staff_client, year):
    response = staff_client.get(URL)
    projects = response.context["report"].projects
    table = {pattern.number: counts for pattern, counts, _total in projects.crosstab.rows}
    areas = [a.name for a in projects.crosstab.areas]
    assert dict(zip(areas, table[3], strict=True)) == {"練馬": 1, "光が丘": 0, "石神井": 0, "大泉": 1}
    assert table[2][areas.index("練馬")] == 1 and table[4][areas.index("大泉")] == 1
    assert projects.themes == [(year.themes[0].name, 1)] and projects.without_theme == 2
    assert [p.title for p in projects.joint] == ["新規の見守り1"]
    assert projects.joint_sizes == [(3, 1)]
    assert "3法人で: 1件" in response.content.decode()


def test_it_reports_needs_received_answered_and_open_and_who_took_them_on(staff_client, year):
    needs = staff_client.get(URL).context["report"].needs
    assert (needs.received, needs.answered, needs.open) == (2, 1, 2)
    by_area = {t.label: (t.received, t.answered) for t in needs.by_area}
    assert by_area["大泉"] == (1, 1) and by_area["区全域"] == (1, 0)
    assert [(c.name, count) for c, count in needs.corporations] == [(year.world.corp_b.name, 1)]


def test_it_reports_the_reviews_of_the_year_by_pattern(staff_client, year):
    reviews = staff_client.get(URL).context["report"].reviews
    rows = {row.pattern.number: (row.reviews, row.projects) for row in reviews.rows}
    assert rows[3] == (1, 1) and rows[1] == (0, 0)
    assert reviews.total_reviews == 1


def test_it_draws_charts_for_screen_readers_and_black_and_white_print(staff_client, year):
    html = staff_client.get(URL).content.decode()
    for chart in ("chart-attendance", "chart-patterns"):
        svg = html.split(f'data-testid="{chart}"')[1].split("</svg>")[0]
        assert f'role="img" aria-labelledby="{chart}-title {chart}-desc"' in svg
        assert f'<title id="{chart}-title">' in svg and f'<desc id="{chart}-desc">' in svg
        # Each series its own black pattern, not a colour alone; each bar its number.
        assert svg.count("<pattern ") >= 2 and 'fill="url(#' in svg
        assert re.search(r'<text [^>]*text-anchor="middle">\d+</text>', svg)
    assert 'data-testid="annual-meeting-areas"' in html and 'data-testid="annual-crosstab"' in html


def test_it_prints_a_cover_and_each_section_on_a_new_numbered_a4_page(staff_client, year):
    html = staff_client.get(URL).content.decode()
    assert 'class="annual-cover print-page"' in html and "練馬区社会福祉協議会" in html
    assert html.count('class="annual-section"') == 6
    css = open(finders.find("css/annual.css"), encoding="utf-8").read()
    assert "size: A4 portrait" in css and 'counter(page) " / " counter(pages)' in css
    assert ".annual-section { break-before: page" in css
    assert "<thead>" in html  # repeated on each printed page (print.css: table-header-group)


def test_it_offers_the_years_that_have_data(staff_client, year):
    response = staff_client.get(reverse("annual:index"))
    years = [y for y, _label in response.context["years"]]
    # From the earliest project's start to today (a continuing project is active until now).
    assert years[-4:] == [2015, 2014, 2013, 2012] and years == sorted(years, reverse=True)
    assert staff_client.get(reverse("annual:index"), {"year": "2015"})["Location"] == URL
    assert staff_client.get(reverse("annual:index"), {"year": "1999"}).status_code == 200


def test_it_answers_404_for_a_year_it_cannot_print(staff_client, world):
    assert staff_client.get(reverse("annual:report", args=[1800])).status_code == 404
    assert staff_client.get(reverse("annual:report", args=[2015])).status_code == 200  # empty year: fine


def test_it_is_for_staff_only(editor_a_client, client, world):
    assert editor_a_client.get(URL).status_code == 403
    assert client.get(URL).status_code == 302


@pytest.mark.parametrize("times", [1, 10])
def test_it_uses_the_same_queries_for_ten_times_the_data(staff_client, year, times, django_assert_num_queries):
    year.grow(times - 1)
    # 1 session, 2 user, 3 is the year closed (annual/closing.py: no), 4 areas, 5 patterns;
    # participation (meetings.selectors.annual year_participation): 6 held meetings, 7 the year's
    # counts (one query over the participation matrix's records: the first rows shown per
    # corporation and of those that never came, per meeting and area with the people present, per
    # area, and the (corporation, meeting) marks), 8 outreach's first rows with their count (one
    # CTE), 9 its corporations; meetings of the year (the same held meetings, areas and counts):
    # 10 programme titles, 11 present guests; projects, every figure counted in SQL and instances
    # for the rows shown only (annual/report.py _project_section; five more than when every project
    # of the year was read as an instance: 0.2 s of Python at 100×, benchmarks/annual.md): 12 total,
    # phases and without theme, 13 projects per theme, 14 the joint projects (id, title, partners),
    # 15 pattern × area, 16 projects per pattern, 17 the first rows' ids, 18 those rows and the first
    # joint ones, 19 their areas, 20 their partners, 21 themes; needs: 22 the year's needs, 23 areas,
    # 24 themes, 25 offers taken on, 26 project links; reviews: 27 the year's reviews, 28 overdue
    # projects; 29 narrative; years with data: 30 meetings, 31 projects, 32 needs.
    # 33 the data generation, read first (@generation_first: the page's figures are kept under it,
    # annual/open_year.py, and its cached fragments, core/fragments.py).
    with django_assert_num_queries(33):
        response = staff_client.get(URL)
    assert response.context["report"].meetings[1].invited == 3 * times


def test_it_shows_a_bounded_number_of_rows_of_lists_that_grow_and_points_to_the_exports(
    staff_client, year, monkeypatch
):
    monkeypatch.setattr("annual.views.PAGE_ROWS", 2)
    year.grow(2)
    html = staff_client.get(URL).content.decode()
    table = html.split('data-testid="annual-projects"')[1].split("</table>")[0]
    assert table.count("<tr>") == 1 + 2  # header and two rows
    assert "全9件のうち2件を表示しています。" in html  # the projects: 3 of each round


def test_its_participation_has_the_figures_of_the_participation_matrix(year):
    from corporations.models import Area
    from meetings.selectors import participation
    from meetings.selectors.annual import year_participation
    from meetings.selectors.participation import meeting_totals

    areas = list(Area.objects.order_by("sort_order", "name"))
    matrix = participation(2015)
    year = year_participation(2015, areas, marks_up_to=12)
    report, counts = year.participation, year.counts

    def figures(rows, *, marks=True):
        return [(r.corporation.pk, r.corporation.name, r.corporation.home_area, r.invited, r.attended,
                 r.marks if marks else None, r.missed_in_a_row if marks else None) for r in rows]

    assert figures(report.rows) == figures(matrix.rows) and len(report.rows) > 1
    assert report.meetings == matrix.meetings and report.areas == matrix.areas
    assert [r.corporation.pk for r in report.outreach] == [r.corporation.pk for r in matrix.outreach]
    # Past `marks_up_to` meetings, rows carry counts and rates only (the report shows no marks).
    counted = year_participation(2015, areas, marks_up_to=1).participation
    assert figures(counted.rows, marks=False) == figures(matrix.rows, marks=False)
    assert all(row.marks == [] for row in counted.rows)
    # The meetings' counts per area add up to the matrix's total row of each meeting.
    totals = {t.meeting.pk: (t.invited, t.attended) for t in meeting_totals(matrix.meetings)}
    assert {meeting_id: tuple(map(sum, zip(*(v[:2] for v in by_area.values()), strict=True)))
            for meeting_id, by_area in counts.meetings.items()} == totals
    # The page reads the first rows of each list only; the figures and the totals are the same.
    assert year.never_came == [row for row in report.rows if not row.attended]
    shown = year_participation(2015, areas, marks_up_to=12, shown=1)
    assert figures(shown.participation.rows) == figures(report.rows[:1])
    assert figures(shown.never_came) == figures(year.never_came[:1])
    assert shown.participation.areas == report.areas and shown.counts.meetings == counts.meetings
    assert (shown.counts.total, shown.counts.never_came) == (len(report.rows), len(year.never_came))
    assert shown.outreach_total == len(report.outreach)
    assert [r.corporation.pk for r in shown.participation.outreach] == [r.corporation.pk for r in report.outreach[:1]]


def _figures(html: str) -> str:
    return html[html.index('id="meetings"'):html.index('id="narrative"')]


@pytest.mark.parametrize("times", [1, 10])
def test_an_open_year_is_built_once_per_generation_of_the_data(staff_client, year, times, django_assert_num_queries):
    """annual/open_year.py: the second request serves the page's figures kept under the data generation."""
    year.grow(times - 1)
    first = staff_client.get(URL).content.decode()
    # 1 the data generation (read first: @generation_first), 2 session (the user is kept for the
    # generation since the first request: accounts/current_user.py), 3 is the year closed, 4 the
    # narrative (the form edits it); years with data: 5 meetings, 6 projects, 7 needs.
    with django_assert_num_queries(7):
        second = staff_client.get(URL).content.decode()
    assert _figures(second) == _figures(first)
    assert 'name="summary"' in second  # the narrative's form, as on a built page


def test_an_open_year_shows_a_write_on_the_next_request(staff_client, year):
    row = 'data-testid="annual-meeting-1"'
    before = _figures(staff_client.get(URL).content.decode())
    assert _figures(staff_client.get(URL).content.decode()) == before  # kept
    AttendeeFactory(meeting=year.first, corporation=year.world.corp_b, name="遅れて記録 一郎")
    after = _figures(staff_client.get(URL).content.decode())
    assert after != before
    assert re.search(r"\b2 / 3\b", re.sub(r"<[^>]+>", " ", after[after.index(row):].split("</tr>")[0]))


def test_its_projects_figures_are_the_same_when_the_page_reads_its_first_rows_only(year):
    """annual/report.py _project_section: the figures are counted in SQL over every project of the
    year; the page (shown=…) reads its first rows as instances, the exports every project."""
    from collections import Counter

    from annual import report as year_report

    year.grow(2)
    for published_only in (True, False):
        full = year_report.build(2015, published_only=published_only).projects
        page = year_report.build(2015, published_only=published_only, shown=2).projects
        # The SQL counts follow project_phase's rule and the projects' themes and partners, one by one.
        phases = Counter(project.phase_label for project in full.projects)
        assert full.phases == [(label, phases[label]) for label, _count in full.phases]
        assert full.without_theme == sum(1 for project in full.projects if not project.theme_names)
        assert [p.title for p in full.joint] == [p.title for p in sorted(
            (p for p in full.projects if p.corporation_count > 1), key=lambda p: (-p.corporation_count, p.title))]
        assert full.projects_total == len(full.projects) and full.joint_total == len(full.joint) > 2
        # The page's: the same figures, and the first rows of each list as the exports list them.
        assert (page.phases, page.themes, page.without_theme, page.joint_sizes) == (
            full.phases, full.themes, full.without_theme, full.joint_sizes)
        assert (page.crosstab.rows, page.crosstab.column_totals, page.crosstab.total) == (
            full.crosstab.rows, full.crosstab.column_totals, full.crosstab.total)
        assert (page.projects_total, page.joint_total) == (full.projects_total, full.joint_total)

        def rows(projects):
            return [(p.pk, p.phase_label, p.title, p.owner.name, p.partner_names, p.pattern_label, p.area_names,
                     p.period_start, p.period_end, p.state_label, p.corporation_count) for p in projects]

        assert rows(page.projects) == rows(full.projects[:2]) and rows(page.joint) == rows(full.joint[:2])


def test_its_meeting_rows_and_chart_bars_are_the_markup_the_templates_drew(year):
    """annual/templatetags/annual_rows.py writes in Python what these template loops drew."""
    from django.template import Context, Template

    from annual import charts
    from annual import report as year_report

    report = year_report.build(2015)
    report.meetings[0].areas[0].area.name = '<練馬 & "光が丘">'  # escaped as the template escaped it
    drawn = Template(
        "{% for m in report.meetings %}{% for count in m.areas %}\n"
        '      <tr><th scope="row">{{ m.meeting.short_title }}</th><td>{{ count.area.name }}</td>'
        '<td class="numeric">{{ count.attended }} / {{ count.invited }}</td><td class="numeric">{{ count.rate }}%</td>'
        '<td class="numeric">{{ count.people }}</td></tr>\n'
        "    {% endfor %}{% endfor %}"
    ).render(Context({"report": report}))
    written = Template("{% load annual_rows %}{% meeting_area_rows report.meetings %}").render(
        Context({"report": report}))
    assert written == drawn and drawn.count("<tr>") == sum(len(m.areas) for m in report.meetings) > 2
    bars = Template(
        "{% load l10n %}{% localize off %}{% for bar in chart.bars %}\n"
        "  <g><title>{{ bar.label }}</title>\n"
        '    <rect x="{{ bar.x }}" y="{{ bar.y }}" width="{{ bar.width }}" height="{{ bar.height }}" '
        'fill="url(#{{ bar.fill }})" stroke="#000" stroke-width="1"/>\n'
        '    {% if bar.show_value %}<text x="{{ bar.text_x }}" y="{{ bar.y }}" dy="-3" font-size="10" fill="#000" '
        'text-anchor="middle">{{ bar.value }}</text>{% endif %}\n'
        "  </g>\n"
        "  {% endfor %}{% endlocalize %}"
    )
    few = charts.grouped_bars("c", "t", "d", ["第1回", "第2回"], [("<練馬>", [10, 12]), ("大泉 & 光が丘", [9, 0])])
    many = charts.grouped_bars("c", "t", "d", [f"第{n}回" for n in range(1, 77)], [("a", [1500] * 76)])
    for chart in (few, many, report.charts["attendance"], report.charts["patterns"]):
        written = Template("{% load annual_rows %}{% chart_bars chart %}").render(Context({"chart": chart}))
        assert written == bars.render(Context({"chart": chart})) and written.count("<g>") == len(chart.bars)
    assert "&lt;練馬&gt;" in Template("{% load annual_rows %}{% chart_bars chart %}").render(Context({"chart": few}))
