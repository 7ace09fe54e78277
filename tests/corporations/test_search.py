"""corporations:search — the JSON behind the pickers (core.widgets.SearchSelect)."""

import pytest
from django.urls import reverse

from tests.factories import CorporationFactory

URL = reverse("corporations:search")


def _names(response):
    return [row["text"] for row in response.json()["results"]]


def test_it_requires_login(client, world):
    response = client.get(URL, {"q": "あおば"})
    assert response.status_code == 302


def test_it_refuses_a_user_with_no_corporation(client, world, django_user_model):
    client.force_login(django_user_model.objects.create_user("nobody", password="x"))
    assert client.get(URL, {"q": "あおば"}).status_code == 403


def test_it_finds_by_name_and_by_reading_for_a_member(editor_b_client, world):
    assert _names(editor_b_client.get(URL, {"q": "あおば"})) == ["社会福祉法人あおば会"]
    # フリガナ typed in hiragana or half-width katakana finds the katakana reading.
    assert _names(editor_b_client.get(URL, {"q": "さくらかい"})) == ["社会福祉法人さくら会"]
    assert _names(editor_b_client.get(URL, {"q": "ｻｸﾗ"})) == ["社会福祉法人さくら会"]


def test_it_answers_nothing_for_an_empty_query(staff_client, world):
    assert _names(staff_client.get(URL, {"q": "  "})) == []


def test_it_leaves_out_ended_corporations_unless_staff_ask(staff_client, editor_a_client, world):
    CorporationFactory(name="社会福祉法人あおば苑", name_kana="アオバエン", is_active=False)
    assert _names(staff_client.get(URL, {"q": "あおば"})) == ["社会福祉法人あおば会"]
    found = _names(staff_client.get(URL, {"q": "あおば", "inactive": "1"}))
    assert found == ["社会福祉法人あおば苑", "社会福祉法人あおば会"]  # アオバエン before アオバカイ
    assert _names(editor_a_client.get(URL, {"q": "あおば", "inactive": "1"})) == ["社会福祉法人あおば会"]


@pytest.mark.parametrize("extra", [10, 100])
def test_it_answers_at_most_twenty_in_gojuon_order_in_one_query(staff_client, world, extra, django_assert_num_queries):
    for n in range(extra):
        CorporationFactory(name=f"社会福祉法人みどり会{n:03d}", name_kana=f"ミドリカイ{n:03d}")
    # session, user, the search (staff need no membership lookup)
    with django_assert_num_queries(3):
        names = _names(staff_client.get(URL, {"q": "みどり"}))
    assert len(names) == min(extra, 20)
    assert names == sorted(names)
