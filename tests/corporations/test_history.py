"""The history pages of corporations and facilities, and restoring an earlier version."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from corporations import services
from corporations.models import Corporation
from tests.factories import AreaFactory


def _history(corporation):
    return reverse("corporations:history", kwargs={"pk": corporation.pk})


def _restore(corporation, record):
    return reverse("corporations:restore", kwargs={"pk": corporation.pk, "history_id": record.history_id})


def test_it_says_who_when_and_what_changed_in_words(staff_client, world):
    corporation = world.corp_a
    other_area = AreaFactory(name="光が丘")
    services.corporation_update(
        corporation=corporation, acting_user=world.staff, kind=Corporation.Kind.NPO, home_area=other_area,
        representative="", phone="03-1111-2222",
    )
    corporation.history.filter(history_type="+").update(
        history_date=datetime.datetime(2019, 4, 1, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    )
    corporation.history.filter(history_type="~").update(
        history_date=datetime.datetime(2019, 5, 1, 9, 5, tzinfo=ZoneInfo("Asia/Tokyo"))
    )
    response = staff_client.get(_history(corporation))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row.kind for row in rows] == ["変更", "作成"]  # newest first
    newest = rows[0]
    assert newest.who == world.staff.display_name
    assert newest.when_text == "令和元年5月1日 09:05"  # JST, 和暦
    changes = {change.label: (change.old, change.new) for change in newest.changes}
    assert changes["法人種別"] == ("社会福祉法人", "NPO法人")
    assert changes["主な地域"][1] == "光が丘"
    assert changes["電話番号"] == ("03-3993-9931", "03-1111-2222")
    html = response.content.decode()
    assert "令和元年5月1日 09:05" in html and "NPO法人" in html
    assert "social_welfare" not in html and "+00:00" not in html


def test_it_prints_empty_values_as_empty(staff_client, world):
    services.corporation_update(corporation=world.corp_a, acting_user=world.staff, email="")
    changes = staff_client.get(_history(world.corp_a)).context["rows"][0].changes
    assert [(c.label, c.new) for c in changes] == [("メールアドレス", "（空）")]


def test_it_pages_the_history(staff_client, world):
    for number in range(25):
        services.corporation_update(corporation=world.corp_a, acting_user=world.staff, phone=f"03-1111-{number:04d}")
    first = staff_client.get(_history(world.corp_a))
    assert len(first.context["rows"]) == 20
    assert first.context["rows"][0].changes[0].new == "03-1111-0024"
    second = staff_client.get(_history(world.corp_a), {"page": 2})
    assert [row.kind for row in second.context["rows"]][-1] == "作成"
    assert len(second.context["rows"]) == 6
    # The last change of page 2 is still compared with the version before it.
    assert second.context["rows"][-2].changes[0].old == "03-3993-9931"


@pytest.mark.parametrize("count", [21, 210])
def test_it_reads_a_page_of_history_in_constant_queries(staff_client, world, count, django_assert_num_queries):
    areas = [AreaFactory(name=f"地域{number}") for number in range(5)]
    for number in range(count):
        services.corporation_update(
            corporation=world.corp_a, acting_user=world.staff, phone=f"03-1111-{number:04d}",
            home_area=areas[number % 5],
        )
    # session, user, the corporation, the count, the page of records with their users, the
    # version before the page's last, the areas named
    # + the data generation, read once by the page's first cached fragment (core/fragments.py)
    with django_assert_num_queries(8):
        staff_client.get(_history(world.corp_a))


def test_it_restores_an_earlier_version_as_a_new_change_by_who_restored(staff_client, world):
    corporation = world.corp_a
    first = corporation.history.earliest("history_date")
    services.corporation_update(
        corporation=corporation, acting_user=world.editor_a, phone="03-1111-2222", representative="山田 太郎"
    )
    confirm = staff_client.get(_restore(corporation, first))
    assert confirm.status_code == 200
    assert {(c.label, c.old, c.new) for c in confirm.context["plan"].rows} == {
        ("電話番号", "03-1111-2222", "03-3993-9931"), ("代表者", "山田 太郎", "（空）"),
    }
    corporation.refresh_from_db()
    assert corporation.phone == "03-1111-2222"  # the confirmation changes nothing

    response = staff_client.post(_restore(corporation, first))
    assert response.status_code == 302 and response["Location"] == _history(corporation)
    corporation.refresh_from_db()
    assert (corporation.phone, corporation.representative) == ("03-3993-9931", "")
    latest = corporation.history.latest("history_date")
    assert latest.history_type == "~" and latest.history_user == world.staff
    assert corporation.history.count() == 3  # nothing rewritten: the restore is one more change


def test_it_shows_a_restore_the_service_refuses_and_changes_nothing(staff_client, world):
    first = world.corp_a.history.earliest("history_date")
    services.corporation_update(corporation=world.corp_a, acting_user=world.staff, name="社会福祉法人わかば会")
    # Another corporation took the old name meanwhile: the model refuses a second one.
    services.corporation_update(corporation=world.corp_b, acting_user=world.staff, name="社会福祉法人あおば会")
    count = world.corp_a.history.count()
    response = staff_client.post(_restore(world.corp_a, first))
    assert response.status_code == 400
    assert response.context["error"]
    world.corp_a.refresh_from_db()
    assert world.corp_a.name == "社会福祉法人わかば会" and world.corp_a.history.count() == count


def test_it_answers_404_for_a_version_of_another_corporation(staff_client, world):
    record = world.corp_b.history.first()
    assert staff_client.get(_restore(world.corp_a, record)).status_code == 404


def test_it_links_the_history_from_the_detail_page_for_staff_only(staff_client, editor_a_client, world):
    detail = reverse("corporations:detail", kwargs={"pk": world.corp_a.pk})
    facility_history = reverse(
        "corporations:facility_history", kwargs={"pk": world.corp_a.pk, "facility_pk": world.facility_a.pk}
    )
    html = staff_client.get(detail).content.decode()
    assert _history(world.corp_a) in html and facility_history in html
    html = editor_a_client.get(detail).content.decode()
    assert _history(world.corp_a) not in html and facility_history not in html


def test_it_restores_a_facility_through_its_service(staff_client, world):
    facility = world.facility_a
    first = facility.history.earliest("history_date")
    services.facility_update(facility=facility, acting_user=world.staff, capacity=40, is_active=False)
    history = reverse("corporations:facility_history", kwargs={"pk": world.corp_a.pk, "facility_pk": facility.pk})
    rows = staff_client.get(history).context["rows"]
    assert {(c.label, c.old, c.new) for c in rows[0].changes} == {
        ("定員", "（空）", "40"), ("運営中", "はい", "いいえ"),
    }
    restore = reverse(
        "corporations:facility_restore",
        kwargs={"pk": world.corp_a.pk, "facility_pk": facility.pk, "history_id": first.history_id},
    )
    assert staff_client.post(restore).status_code == 302
    facility.refresh_from_db()
    assert (facility.capacity, facility.is_active) == (None, True)
    assert facility.history.latest("history_date").history_user == world.staff
