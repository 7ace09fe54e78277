"""総括 and 次年度の課題: written on the report page, kept per 年度 with history, version-checked."""

from django.urls import reverse

from annual.models import YearNarrative
from annual.services import narrative_save

URL = reverse("annual:narrative", args=[2015])


def test_it_writes_the_narrative_of_a_year_and_shows_it_on_the_report(staff_client, world):
    response = staff_client.post(URL, {"summary": "連絡会を3回開いた。", "next_issues": "エリアごとの具体化。"})
    assert response["Location"] == reverse("annual:report", args=[2015]) + "#narrative"
    narrative = YearNarrative.objects.get(fiscal_year=2015)
    assert (narrative.summary, narrative.updated_by) == ("連絡会を3回開いた。", world.staff)
    html = staff_client.get(reverse("annual:report", args=[2015])).content.decode()
    assert "連絡会を3回開いた。" in html and "エリアごとの具体化。" in html
    assert not YearNarrative.objects.filter(fiscal_year=2016).exists()  # kept per 年度


def test_it_keeps_the_history_of_the_narrative(staff_client, world):
    narrative = narrative_save(fiscal_year=2015, summary="最初", next_issues="", acting_user=world.staff)
    staff_client.post(URL, {"summary": "書き直し", "next_issues": "", "version": narrative.version})
    assert list(YearNarrative.objects.get().history.values_list("summary", flat=True)) == ["書き直し", "最初"]
    html = staff_client.get(reverse("annual:narrative_history", args=[2015])).content.decode()
    assert "書き直し" in html and "最初" in html


def test_it_refuses_a_save_from_an_outdated_screen_and_keeps_what_was_typed(staff_client, world):
    narrative = narrative_save(fiscal_year=2015, summary="最初", next_issues="", acting_user=world.staff)
    opened = narrative.version
    narrative_save(fiscal_year=2015, summary="ほかの職員の総括", next_issues="", acting_user=world.staff,
                   expected_version=opened)
    response = staff_client.post(URL, {"summary": "私の総括", "next_issues": "", "version": opened})
    assert response.status_code == 409
    assert YearNarrative.objects.get().summary == "ほかの職員の総括"
    html = response.content.decode()
    assert "ほかの職員の総括" in html and "私の総括" in html  # what changed, and what was typed


def test_a_member_cannot_write_it(editor_a_client, world):
    assert editor_a_client.post(URL, {"summary": "x", "next_issues": ""}).status_code == 403
    assert not YearNarrative.objects.exists()


def test_the_report_page_carries_the_form_with_its_version(staff_client, world):
    narrative = narrative_save(fiscal_year=2015, summary="最初", next_issues="", acting_user=world.staff)
    html = staff_client.get(reverse("annual:report", args=[2015])).content.decode()
    assert f'action="{URL}"' in html and f'name="version" value="{narrative.version}"' in html
