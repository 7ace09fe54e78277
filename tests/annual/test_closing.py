"""Closing a fiscal year (年度の締め): the report's figures are stored once and printed from then on,
whatever later changes to the register; reopening prints the live figures again."""

import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from annual import services
from annual.models import ClosedYear
from meetings.models import Attendee
from tests.meetings.factories import AttendeeFactory

URL = reverse("annual:report", args=[2015])


def _figures(client, query=""):
    """The page's figure sections (1–5) and the narrative's text."""
    html = client.get(URL + query).content.decode()
    figures = html[html.index('id="meetings"'):html.index('id="narrative"')]
    return re.sub(r"\s+", " ", figures)


def _cells(client, query=""):
    response = client.get(reverse("annual:report_xlsx", args=[2015]) + query)
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    # Each sheet's first row is its caption, with the minute of the download (出力: …): not a figure.
    return {sheet.title: list(sheet.values)[1:] for sheet in book}


def _document(client, query=""):
    response = client.get(reverse("annual:report_docx", args=[2015]) + query)
    document = Document(io.BytesIO(b"".join(response.streaming_content)))
    return ([p.text for p in document.paragraphs if not p.text.startswith("出力:")],
            [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables])


def _everything(client):
    return [(_figures(client, q), _cells(client, q), _document(client, q)) for q in ("", "?projects=all")]


def _close(client):
    return client.post(reverse("annual:close", args=[2015]), {"confirm": "on"})


def test_a_closed_year_prints_exactly_what_it_printed_before_closing(staff_client, year):
    services.narrative_save(fiscal_year=2015, summary="連絡会を2回開いた。", next_issues="具体化。",
                            acting_user=year.world.staff)
    before = _everything(staff_client)
    assert _close(staff_client).status_code == 302
    closed = ClosedYear.objects.get(fiscal_year=2015)
    assert closed.is_closed and closed.closed_by == year.world.staff
    assert _everything(staff_client) == before
    html = staff_client.get(URL).content.decode()
    assert "締め済み（令和" in html and "この年度の数字と総括・次年度の課題は締めた時点のものです" in html
    assert str(year.world.staff) in html and 'name="summary"' not in html  # the narrative is frozen


def test_a_year_closed_in_japanese_prints_in_english_for_an_english_reader(staff_client, year, client):
    services.narrative_save(fiscal_year=2015, summary="連絡会を2回開いた。", next_issues="具体化。",
                            acting_user=year.world.staff)
    client.force_login(year.world.staff)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})  # a second clerk, reading in English
    english = _everything(client)
    assert "1. Liaison meetings" in english[0][0]  # (sanity: the open year's page is in English)
    japanese = _everything(staff_client)
    assert _close(staff_client).status_code == 302  # closed by a clerk reading in Japanese
    assert _everything(client) == english
    assert _everything(staff_client) == japanese


def test_a_year_closed_before_closings_kept_each_language_prints_as_stored(staff_client, year):
    _close(staff_client)
    closed = ClosedYear.objects.get(fiscal_year=2015)
    before = _everything(staff_client)
    # As such a closing stored it: {variant: data} in the closing clerk's language only.
    closed.page, closed.figures = closed.page["ja"], closed.figures["ja"]
    closed.save(update_fields=["page", "figures"])
    assert _everything(staff_client) == before


def test_changing_the_register_leaves_a_closed_year_as_it_was_until_it_is_reopened(staff_client, year):
    _close(staff_client)
    before = _everything(staff_client)
    w = year.world
    w.corp_a.home_area = year.areas["大泉"]
    w.corp_a.is_active = False
    w.corp_a.save(update_fields=["home_area", "is_active"])
    AttendeeFactory(meeting=year.first, corporation=w.corp_b, name="遅れて記録 一郎")
    assert _everything(staff_client) == before
    staff_client.post(reverse("annual:reopen", args=[2015]), {"confirm": "on"})
    assert not ClosedYear.objects.get(fiscal_year=2015).is_closed
    live = _everything(staff_client)
    assert live != before
    # The new attendee counts (the open year's page is kept under the data generation: served from
    # the cache here, its row rendered from these records when the reopening moved the generation on).
    row = re.search(r'data-testid="annual-meeting-1".*?</tr>', staff_client.get(URL).content.decode(), re.S)
    assert re.search(r"\b2 / 3\b", re.sub(r"<[^>]+>", " ", row.group(0)))
    assert ClosedYear.history.filter(fiscal_year=2015).count() == 2  # closed, reopened: both kept


def test_the_narrative_is_frozen_while_the_year_is_closed(staff_client, year):
    services.year_close(fiscal_year=2015, acting_user=year.world.staff)
    with pytest.raises(ValidationError):
        services.narrative_save(fiscal_year=2015, summary="後から", next_issues="", acting_user=year.world.staff)
    response = staff_client.post(reverse("annual:narrative", args=[2015]), {"summary": "後から", "next_issues": ""})
    assert response.status_code == 302
    services.year_reopen(fiscal_year=2015, acting_user=year.world.staff)
    services.narrative_save(fiscal_year=2015, summary="後から", next_issues="", acting_user=year.world.staff)
    services.year_close(fiscal_year=2015, acting_user=year.world.staff)  # closed again: the new narrative
    assert "後から" in staff_client.get(URL).content.decode()
    assert ClosedYear.history.filter(fiscal_year=2015).count() == 3


def test_it_refuses_an_unfinished_year_a_second_close_and_non_staff(staff_client, year, world):
    from core.wareki import current_fiscal_year

    with pytest.raises(ValidationError, match="まだ終わっていません"):
        services.year_close(fiscal_year=current_fiscal_year(), acting_user=world.staff)
    with pytest.raises(PermissionDenied):
        services.year_close(fiscal_year=2015, acting_user=world.editor_a)
    _close(staff_client)
    figures = ClosedYear.objects.get(fiscal_year=2015).figures
    response = staff_client.post(reverse("annual:close", args=[2015]), {"confirm": "on"}, follow=True)
    assert "平成27年度はすでに締められています。" in response.content.decode()
    assert ClosedYear.history.count() == 1 and ClosedYear.objects.get().figures == figures
    with pytest.raises(ValidationError, match="締められていません"):
        services.year_reopen(fiscal_year=2014, acting_user=world.staff)


def test_it_closes_only_when_confirmed(staff_client, year):
    response = staff_client.post(reverse("annual:close", args=[2015]), follow=True)
    assert "確認のチェックを入れてから" in response.content.decode()
    assert not ClosedYear.objects.exists()


def test_its_form_offers_closing_a_finished_year_only(staff_client, year):
    from core.wareki import current_fiscal_year

    html = staff_client.get(URL).content.decode()
    assert 'data-testid="annual-close"' in html and 'for="annual-close-confirm"' in html
    html = staff_client.get(reverse("annual:report", args=[current_fiscal_year()])).content.decode()
    assert 'data-testid="annual-close"' not in html


@pytest.mark.parametrize("times", [1, 10])
def test_a_closed_year_uses_the_same_few_queries_for_ten_times_the_data(
    staff_client, year, times, django_assert_num_queries
):
    year.grow(times - 1)
    services.year_close(fiscal_year=2015, acting_user=year.world.staff)
    # 1 session, 2 user, 3 the closed year (with who closed it); years with data: 4 meetings,
    # 5 projects, 6 needs; 7 the data generation, read once by the page's first cached fragment
    # (core/fragments.py). None of the year's records (the open year: 33, test_report.py).
    with django_assert_num_queries(7):
        response = staff_client.get(URL)
    assert response.context["report"].fiscal_year == 2015
    assert Attendee.objects.exists()
