"""Two people open one edit screen; the second save, made from the older screen, is refused."""

import pytest
from django.db import connection
from django.urls import reverse

from core.concurrency import StaleEdit
from corporations import services
from corporations.models import Corporation, Facility
from tests.stale import assert_refused, form_post, race


def _two_screens(first_client, second_client, url):
    first = first_client.get(url)
    second = second_client.get(url)
    assert first.status_code == second.status_code == 200
    return first.context["form"], second.context["form"]


def test_it_refuses_a_corporation_save_from_an_outdated_screen(staff_client, editor_a_client, world):
    url = reverse("corporations:update", kwargs={"pk": world.corp_a.pk})
    first, second = _two_screens(staff_client, editor_a_client, url)
    assert staff_client.post(url, form_post(first, phone="03-1111-2222")).status_code == 302

    response = editor_a_client.post(url, form_post(second, representative="練馬 花子"))

    changes = assert_refused(response, "電話番号")
    phone = next(change for change in changes if change.label == "電話番号")
    assert phone.after == "03-1111-2222"
    corporation = Corporation.objects.get(pk=world.corp_a.pk)
    assert corporation.phone == "03-1111-2222"  # the first change is kept
    assert corporation.representative != "練馬 花子"
    form = response.context["form"]
    assert form["representative"].value() == "練馬 花子"  # nothing typed is lost
    assert form["phone"].value() == "03-1111-2222"  # a field left alone shows the other person's value
    assert form["version"].value() == str(corporation.version)

    # Saved again from the re-rendered screen: a deliberate override of what it shows.
    again = editor_a_client.post(url, form_post(form))
    assert again.status_code == 302
    corporation.refresh_from_db()
    assert (corporation.representative, corporation.phone) == ("練馬 花子", "03-1111-2222")


def test_it_refuses_a_post_without_a_version(editor_a_client, world):
    url = reverse("corporations:update", kwargs={"pk": world.corp_a.pk})
    form = editor_a_client.get(url).context["form"]
    data = form_post(form, representative="練馬 花子")
    del data["version"]
    response = editor_a_client.post(url, data)
    assert response.status_code == 200
    assert "画面を開き直して" in response.content.decode()
    assert Corporation.objects.get(pk=world.corp_a.pk).representative != "練馬 花子"


def test_it_counts_saves_from_elsewhere_as_changes(editor_a_client, world):
    # The register import saves without a form: a screen opened before it is outdated.
    url = reverse("corporations:update", kwargs={"pk": world.corp_a.pk})
    form = editor_a_client.get(url).context["form"]
    services.corporation_update(corporation=world.corp_a, acting_user=world.staff, address="練馬区豊玉北6-12-1")
    response = editor_a_client.post(url, form_post(form, representative="練馬 花子"))
    assert_refused(response, "所在地")


def test_it_refuses_a_facility_save_from_an_outdated_screen(staff_client, editor_a_client, world):
    url = reverse("corporations:facility_update", kwargs={"pk": world.corp_a.pk, "facility_pk": world.facility_a.pk})
    first, second = _two_screens(staff_client, editor_a_client, url)
    assert staff_client.post(url, form_post(first, capacity="80")).status_code == 302

    response = editor_a_client.post(url, form_post(second, address="練馬区光が丘1-1-1"))

    assert_refused(response, "定員")
    facility = Facility.objects.get(pk=world.facility_a.pk)
    assert facility.capacity == 80
    assert facility.address != "練馬区光が丘1-1-1"
    assert response.context["form"]["address"].value() == "練馬区光が丘1-1-1"


def test_it_refuses_the_stale_one_of_two_service_calls(world):
    version = world.corp_a.version
    services.corporation_update(
        corporation=Corporation.objects.get(pk=world.corp_a.pk), acting_user=world.staff,
        expected_version=version, phone="03-1111-2222",
    )
    try:
        services.corporation_update(
            corporation=Corporation.objects.get(pk=world.corp_a.pk), acting_user=world.staff,
            expected_version=version, phone="03-3333-4444",
        )
    except StaleEdit as stale:
        assert stale.current == version + 1
    else:
        raise AssertionError("the second save was not refused")
    assert Corporation.objects.get(pk=world.corp_a.pk).phone == "03-1111-2222"


def _admin_post(response, **changes) -> dict:
    """What the admin change page posts back, with `changes` typed over the main form."""
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        data.update(form_post(form))
    return data | changes


def test_it_refuses_an_admin_save_from_an_outdated_page(admin_client, world):
    url = reverse("admin:corporations_corporation_change", args=[world.corp_a.pk])
    first = admin_client.get(url)
    second = admin_client.get(url)
    assert 'name="version"' in second.content.decode()
    assert admin_client.post(url, _admin_post(first, phone="03-1111-2222")).status_code == 302

    response = admin_client.post(url, _admin_post(second, representative="練馬 花子"))

    assert response.status_code == 200
    assert "ほかの方が変更を保存しました" in response.content.decode()
    corporation = Corporation.objects.get(pk=world.corp_a.pk)
    assert (corporation.phone, corporation.representative) == ("03-1111-2222", world.corp_a.representative)
    # The page shown again carries the version now: saving once more goes through.
    assert admin_client.post(url, _admin_post(response)).status_code == 302
    corporation.refresh_from_db()
    assert (corporation.phone, corporation.representative) == ("03-1111-2222", "練馬 花子")


def test_it_raises_the_version_on_an_admin_save_so_open_screens_are_outdated(admin_client, editor_a_client, world):
    url = reverse("corporations:update", kwargs={"pk": world.corp_a.pk})
    screen = editor_a_client.get(url).context["form"]
    admin_url = reverse("admin:corporations_corporation_change", args=[world.corp_a.pk])
    data = _admin_post(admin_client.get(admin_url), phone="03-1111-2222")
    assert admin_client.post(admin_url, data).status_code == 302
    assert_refused(editor_a_client.post(url, form_post(screen, representative="練馬 花子")), "電話番号")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent connections: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_it_lets_only_one_of_two_simultaneous_saves_of_one_version_through_on_postgresql():
    from tests.factories import CorporationFactory, StaffFactory

    corporation = CorporationFactory()
    staff = StaffFactory()
    def save(phone):
        services.corporation_update(
            corporation=Corporation.objects.get(pk=corporation.pk), acting_user=staff, expected_version=1, phone=phone,
        )

    outcomes = race(save, ["03-1111-2222", "03-3333-4444"])
    assert sorted(outcome for outcome, _phone in outcomes) == ["refused", "saved"]
    saved_phone = next(phone for outcome, phone in outcomes if outcome == "saved")
    stored = Corporation.objects.get(pk=corporation.pk)
    assert (stored.phone, stored.version) == (saved_phone, 2)
    assert stored.history.count() == 2  # created, then the one save


def test_it_lets_staff_revert_to_an_earlier_version_from_the_history(admin_client, world):
    services.corporation_update(corporation=world.corp_a, acting_user=world.staff, phone="03-1111-2222")
    first = world.corp_a.history.earliest()
    url = reverse("admin:corporations_corporation_simple_history", args=[world.corp_a.pk, first.history_id])
    response = admin_client.post(url, _admin_post(admin_client.get(url)))
    assert response.status_code == 302
    corporation = Corporation.objects.get(pk=world.corp_a.pk)
    assert (corporation.phone, corporation.version) == (first.phone, 3)
