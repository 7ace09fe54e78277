"""The create and edit forms ask before a name that is another corporation's in a different
spelling: full-width spaces, half-width katakana, hiragana, 社会福祉法人 written as (福) or 社福."""

import pytest
from django.urls import reverse

from corporations.models import Corporation
from corporations.names import corporation_name_key
from tests.corporations.test_detail_and_update import _form_data

CREATE = reverse("corporations:create")


@pytest.mark.parametrize(
    "typed",
    [
        "社会福祉法人　あおば会",  # full-width space
        "社会福祉法人ｱｵﾊﾞ会",  # half-width katakana
        "社会福祉法人アオバ会",  # katakana for hiragana
        "（福）あおば会", "(福)あおば会", "社福あおば会", "あおば会", "あおば会（社会福祉法人）",
        "社会福祉法人 あおば・会",
    ],
)
def test_the_key_joins_spellings_of_one_name(typed):
    assert corporation_name_key(typed) == corporation_name_key("社会福祉法人あおば会")


@pytest.mark.parametrize("other", ["社会福祉法人あおば福祉会", "社会福祉法人さくら会", "株式会社あおば"])
def test_the_key_keeps_other_names_apart(other):
    assert corporation_name_key(other) != corporation_name_key("社会福祉法人あおば会")


def _new(world, **changes):
    data = {
        "name": "社会福祉法人　ｱｵﾊﾞ会", "name_kana": "アオバカイ", "kind": Corporation.Kind.SOCIAL_WELFARE,
        "home_area": world.corp_a.home_area_id, "is_active": "on",
    }
    return data | changes


def test_it_refuses_a_near_duplicate_name_with_the_message_at_the_name(staff_client, world):
    count = Corporation.objects.count()
    response = staff_client.post(CREATE, _new(world))
    assert response.status_code == 200
    assert Corporation.objects.count() == count
    form = response.context["form"]
    assert list(form.errors) == ["name"]
    assert "「社会福祉法人あおば会」と同じ法人名とみなされます" in form.errors["name"][0]
    html = response.content.decode()
    # The message sits with the name field (crispy's per-field error), and the confirmation
    # box follows the name, before the フリガナ.
    name_at = html.index('id="id_name"')
    assert name_at < html.index("同じ法人名とみなされます") < html.index('id="id_confirm_different_corporation"')
    assert html.index('id="id_confirm_different_corporation"') < html.index('id="id_name_kana"')
    assert 'aria-invalid="true"' in html[html.rfind("<input", 0, name_at + 20):name_at + 200]


@pytest.mark.parametrize("typed", ["（福）あおば会", "社福 あおば会", "社会福祉法人あおば会"])
def test_it_refuses_the_legal_form_variants_and_the_same_name(staff_client, world, typed):
    response = staff_client.post(CREATE, _new(world, name=typed))
    assert response.status_code == 200
    assert "name" in response.context["form"].errors


def test_it_saves_once_the_clerk_confirms_a_different_corporation(staff_client, world):
    response = staff_client.post(CREATE, _new(world, name="（福）あおば会", confirm_different_corporation="on"))
    assert response.status_code == 302
    assert Corporation.objects.filter(name="（福）あおば会").exists()


def test_it_keeps_the_confirmation_when_another_field_is_wrong(staff_client, world):
    response = staff_client.post(
        CREATE, _new(world, name="（福）あおば会", confirm_different_corporation="on", phone="03-12")
    )
    form = response.context["form"]
    assert list(form.errors) == ["phone"]
    # The ticked confirmation stays ticked on the page with the other error.
    assert " checked" in str(form["confirm_different_corporation"])


def test_it_lets_a_new_name_through_without_asking(staff_client, world):
    response = staff_client.post(CREATE, _new(world, name="社会福祉法人ひまわり会", name_kana="ヒマワリカイ"))
    assert response.status_code == 302
    assert "confirm_different_corporation" not in staff_client.get(CREATE).content.decode()


def test_an_edit_refuses_renaming_onto_another_corporation(editor_a_client, world):
    before = Corporation.objects.filter(pk=world.corp_a.pk).values().get()
    update = reverse("corporations:update", kwargs={"pk": world.corp_a.pk})
    response = editor_a_client.post(update, _form_data(world.corp_a, name="社会福祉法人　ｻｸﾗ会"))
    assert response.status_code == 200
    assert "「社会福祉法人さくら会」と同じ法人名とみなされます" in response.context["form"].errors["name"][0]
    assert Corporation.objects.filter(pk=world.corp_a.pk).values().get() == before


def test_an_edit_that_keeps_the_name_is_not_asked(editor_a_client, world):
    update = reverse("corporations:update", kwargs={"pk": world.corp_a.pk})
    response = editor_a_client.post(update, _form_data(world.corp_a, representative="豊玉 花子"))
    assert response.status_code == 302
    world.corp_a.refresh_from_db()
    assert world.corp_a.representative == "豊玉 花子"


def test_an_edit_may_respell_its_own_name(editor_a_client, world):
    # Its own row is not "another corporation".
    update = reverse("corporations:update", kwargs={"pk": world.corp_a.pk})
    response = editor_a_client.post(update, _form_data(world.corp_a, name="社会福祉法人 あおば会"))
    assert response.status_code == 302
