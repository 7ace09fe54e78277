"""The admin reads in Japanese for staff: the lockout section (django-axes), simple-history's
history pages, the date widgets."""

import re

from django.urls import reverse

from corporations import services


def _english(html: str) -> list[str]:
    """Lines of visible text with an English word and no Japanese at all."""
    text = re.sub(r"<script.*?</script>|<style.*?</style>", "", html, flags=re.S)
    text = re.sub(r"<[^>]+>|&[a-z]+;", "\n", text)
    return sorted({
        line.strip() for line in text.splitlines()
        if re.search(r"[A-Za-z]{3,}", line) and not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", line)
    })


def test_it_names_the_lockout_section_and_its_models_in_japanese(superuser_client):
    html = superuser_client.get(reverse("admin:index")).content.decode()
    assert "ログイン制限" in html and "ログイン試行" in html and "ログイン記録" in html
    for url in ["/admin/", "/admin/axes/", "/admin/axes/accessattempt/", "/admin/axes/accesslog/",
                "/admin/axes/accessfailurelog/"]:
        assert _english(superuser_client.get(url).content.decode()) == [], url


def test_it_shows_the_history_pages_in_japanese(superuser_client, world):
    services.corporation_update(corporation=world.corp_a, acting_user=world.staff, phone="03-1111-2222")
    first = world.corp_a.history.earliest("history_date")
    listing = superuser_client.get(reverse("admin:corporations_corporation_history", args=[world.corp_a.pk]))
    html = listing.content.decode()
    assert "変更者" in html and "変更内容" in html and "記録なし" in html
    assert [line for line in _english(html) if line != "03-1111-2222"] == []
    form = superuser_client.get(reverse("admin:corporations_corporation_simple_history",
                                    args=[world.corp_a.pk, first.history_id]))
    assert _english(form.content.decode()) == []


def test_it_greets_staff_by_their_name(superuser_client, world):
    assert world.staff.display_name in superuser_client.get(reverse("admin:index")).content.decode()


def test_it_serves_the_date_widgets_strings_in_japanese(superuser_client):
    script = superuser_client.get(reverse("admin:jsi18n")).content.decode()
    assert '"Today": "\\u4eca\\u65e5"' in script  # 今日, as the calendar's JSON catalogue writes it
