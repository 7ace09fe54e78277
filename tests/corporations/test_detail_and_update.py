import pytest
from django.urls import reverse

from corporations.models import Corporation
from tests.conftest import client_for


def _detail(corporation):
    return reverse("corporations:detail", kwargs={"pk": corporation.pk})


def _update(corporation):
    return reverse("corporations:update", kwargs={"pk": corporation.pk})


def _form_data(corporation, **changes):
    data = {
        "name": corporation.name, "name_kana": corporation.name_kana, "kind": corporation.kind,
        "representative": corporation.representative, "postal_code": corporation.postal_code,
        "address": corporation.address, "phone": corporation.phone, "email": corporation.email,
        "website": corporation.website, "home_area": corporation.home_area_id,
        # The version the edit screen carries: the one stored now.
        "version": Corporation.objects.values_list("version", flat=True).get(pk=corporation.pk),
    }
    data.update(changes)
    return data


def _snapshot(corporation):
    return Corporation.objects.filter(pk=corporation.pk).values().get()


def test_it_shows_a_member_its_own_corporation_with_facilities(editor_a_client, world):
    response = editor_a_client.get(_detail(world.corp_a))
    assert response.status_code == 200
    assert "あおばホーム" in response.content.decode()
    assert response.context["can_edit"] is True
    assert response.context["members"] is None  # the account list is for staff


def test_it_shows_a_viewer_no_edit_button(viewer_a_client, world):
    response = viewer_a_client.get(_detail(world.corp_a))
    assert response.context["can_edit"] is False
    assert reverse("corporations:update", kwargs={"pk": world.corp_a.pk}) not in response.content.decode()


def test_it_hides_another_corporation_with_404(editor_b_client, world):
    assert editor_b_client.get(_detail(world.corp_a)).status_code == 404


def test_it_lets_an_editor_update_its_corporation_normalising_input(editor_a_client, world):
    response = editor_a_client.post(
        _update(world.corp_a),
        _form_data(
            world.corp_a, phone="０３－３９９３－１１１１", postal_code="１７６００１２", name_kana="あおばかい"
        ),
    )
    assert response.status_code == 302
    world.corp_a.refresh_from_db()
    assert (world.corp_a.phone, world.corp_a.postal_code, world.corp_a.name_kana) == (
        "03-3993-1111", "176-0012", "アオバカイ",
    )
    # The history records who changed it, so a mistaken edit can be seen and undone.
    latest = world.corp_a.history.first()
    assert latest.history_user == world.editor_a
    assert latest.prev_record.phone == "03-3993-9931"


def test_it_shows_japanese_messages_next_to_bad_fields_and_saves_nothing(editor_a_client, world):
    before = _snapshot(world.corp_a)
    response = editor_a_client.post(
        _update(world.corp_a), _form_data(world.corp_a, phone="12-34", postal_code="12", name="新しい名前")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "郵便番号は「176-0012」のように7桁の数字で入力してください。" in html
    assert 'aria-describedby="id_phone_helptext id_phone_error"' in html
    assert 'id="id_phone_error"' in html
    assert _snapshot(world.corp_a) == before


def test_it_gives_a_viewer_403_and_changes_nothing(viewer_a_client, world):
    before = _snapshot(world.corp_a)
    assert viewer_a_client.get(_update(world.corp_a)).status_code == 403
    assert viewer_a_client.post(_update(world.corp_a), _form_data(world.corp_a, name="乗っ取り")).status_code == 403
    assert _snapshot(world.corp_a) == before


def test_it_gives_another_corporation_404_and_changes_nothing(editor_b_client, world):
    before = _snapshot(world.corp_a)
    assert editor_b_client.post(_update(world.corp_a), _form_data(world.corp_a, name="乗っ取り")).status_code == 404
    assert _snapshot(world.corp_a) == before


def test_it_ignores_register_fields_a_member_may_not_change(editor_a_client, world):
    editor_a_client.post(_update(world.corp_a), _form_data(world.corp_a, is_active="", notes="member wrote this"))
    world.corp_a.refresh_from_db()
    assert world.corp_a.is_active is True
    assert world.corp_a.notes == ""


def test_it_lets_staff_retire_a_corporation(staff_client, world):
    response = staff_client.post(_update(world.corp_a), _form_data(world.corp_a, notes="平成28年3月退会"))
    assert response.status_code == 302
    world.corp_a.refresh_from_db()
    assert world.corp_a.is_active is False  # an unticked box
    assert world.corp_a.notes == "平成28年3月退会"


def test_it_refuses_unknown_methods(editor_a_client, world):
    assert editor_a_client.delete(_update(world.corp_a)).status_code == 405
    assert editor_a_client.post(_detail(world.corp_a)).status_code == 405


def test_it_sends_staff_to_the_register_and_members_home(staff_client, editor_a_client, world):
    assert staff_client.get(reverse("corporations:mine"))["Location"] == reverse("corporations:list")
    assert editor_a_client.get(reverse("corporations:mine"))["Location"] == _detail(world.corp_a)


def test_it_lets_staff_create_a_corporation(staff_client, world):
    data = _form_data(
        world.corp_a, name="社会福祉法人ともしび会", name_kana="トモシビカイ", phone="03-3993-2222", is_active="on"
    )
    response = staff_client.post(reverse("corporations:create"), data)
    created = Corporation.objects.get(name="社会福祉法人ともしび会")
    assert response["Location"] == _detail(created)
    assert created.history.get().history_user == world.staff


def test_it_refuses_a_duplicate_corporation_name(staff_client, world):
    response = staff_client.post(reverse("corporations:create"), _form_data(world.corp_a, is_active="on"))
    assert response.status_code == 200
    assert "既に存在します" in response.context["form"].errors["name"][0]
    assert Corporation.objects.filter(name=world.corp_a.name).count() == 1


def test_it_links_staff_to_the_change_history_where_an_edit_can_be_undone(staff_client, editor_a_client, world):
    # The portal's own history page (tests/corporations/test_history.py); the admin's stays for superusers.
    page_link = reverse("corporations:history", kwargs={"pk": world.corp_a.pk})
    assert page_link in staff_client.get(_detail(world.corp_a)).content.decode()
    assert page_link not in editor_a_client.get(_detail(world.corp_a)).content.decode()
    history = reverse("admin:corporations_corporation_history", kwargs={"object_id": world.corp_a.pk})
    world.staff.is_superuser = True
    world.staff.save()
    staff_client.post(_update(world.corp_a), _form_data(world.corp_a, phone="03-1111-2222", is_active="on"))
    page = staff_client.get(history).content.decode()
    first = world.corp_a.history.earliest()
    # The earlier version is listed with a link to a form that restores it.
    revert = reverse("admin:corporations_corporation_simple_history", args=[world.corp_a.pk, first.history_id])
    assert revert in page
    response = staff_client.get(revert)
    assert response.status_code == 200
    assert "03-3993-9931" in response.content.decode()



def test_it_shows_a_corporation_in_the_same_queries_with_ten_times_the_facilities(staff_client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import FacilityFactory, MembershipFactory

    def grow(count):
        for _ in range(count):
            FacilityFactory(corporation=world.corp_a)
            MembershipFactory(corporation=world.corp_a)

    def measure():
        with CaptureQueriesContext(connection) as captured:
            assert staff_client.get(_detail(world.corp_a)).status_code == 200
        return len(captured.captured_queries)

    grow(2)
    small = measure()
    grow(27)
    # session, user, membership (none for staff), the corporation with its area, its
    # facilities with service type and area, its accounts with their users, and each other
    # app's section a fixed number: none of it grows with the rows.
    assert measure() == small


def test_it_creates_a_corporation_with_the_preselected_kind(staff_client, world):
    # kind is preselected (社会福祉法人): not a change, yet the new corporation's value.
    data = _form_data(world.corp_a, name="社会福祉法人ともしび会", name_kana="トモシビカイ", is_active="on")
    assert data["kind"] == Corporation.Kind.SOCIAL_WELFARE
    assert staff_client.post(reverse("corporations:create"), data).status_code == 302
    created = Corporation.objects.get(name="社会福祉法人ともしび会")
    assert (created.kind, created.home_area, created.is_active) == (
        Corporation.Kind.SOCIAL_WELFARE, world.corp_a.home_area, True,
    )


def test_it_shows_staff_the_register_links_notes_and_accounts(staff_client, world):
    world.corp_a.notes = "事務局メモ"
    world.corp_a.save()
    response = staff_client.get(_detail(world.corp_a))
    html = response.content.decode()
    assert {k: response.context[k] for k in _ANSWERS} == dict.fromkeys(_ANSWERS, True)
    assert f'href="{reverse("corporations:list")}"' in html
    assert "事務局メモ" in html
    assert reverse("corporations:member_create", kwargs={"pk": world.corp_a.pk}) in html


@pytest.mark.parametrize("role", ["editor_a", "viewer_a"])
def test_it_shows_a_member_none_of_the_secretariats_things(world, role):
    world.corp_a.notes = "事務局メモ"
    world.corp_a.save()
    response = client_for(world, role).get(_detail(world.corp_a))
    html = response.content.decode()
    assert {k: response.context[k] for k in _ANSWERS} == dict.fromkeys(_ANSWERS, False)
    assert "事務局メモ" not in html
    assert f'href="{reverse("corporations:list")}"' not in html
    assert reverse("admin:corporations_corporation_history", kwargs={"object_id": world.corp_a.pk}) not in html
    assert reverse("corporations:member_create", kwargs={"pk": world.corp_a.pk}) not in html


_ANSWERS = ["can_manage_register", "can_see_staff_notes", "can_manage_accounts", "can_read_history"]
