"""Where the annual app shows on other pages: the staff dashboard, a corporation's own page."""

from django.urls import reverse

from core.wareki import current_fiscal_year


def test_the_dashboard_links_staff_to_this_and_last_years_report(staff_client, world):
    html = staff_client.get(reverse("portal:dashboard")).content.decode()
    year = current_fiscal_year()
    assert reverse("annual:report", args=[year]) in html and reverse("annual:report", args=[year - 1]) in html
    assert reverse("annual:sheets") in html


def test_a_corporations_page_links_its_members_to_their_yearly_sheet(editor_a_client, world):
    html = editor_a_client.get(reverse("corporations:detail", args=[world.corp_a.pk])).content.decode()
    url = reverse("annual:sheet", kwargs={"fiscal_year": current_fiscal_year(), "corporation": world.corp_a.pk})
    assert url in html
