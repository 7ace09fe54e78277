"""Walk-ins typed on the attendance screen: a corporation named by its name, フリガナ or number is
matched on the server (no JavaScript needed), with the error next to the text when it names none
or several; the screen draws no list of corporations, and a facility picker only where there is a
choice (issue 13: at most a few hundred <option>s)."""

import re

import pytest
from django.urls import reverse

from meetings.models import Attendee
from tests.factories import CorporationFactory, FacilityFactory

from .factories import InvitationFactory, MeetingFactory, corporations_in_areas
from .helpers import formset_post


def _url(meeting):
    return reverse("meetings:attendance", kwargs={"pk": meeting.pk})


def _screen(client, meeting):
    response = client.get(_url(meeting))
    assert response.status_code == 200
    return response


def _walk_ins(client, meeting, *rows: dict) -> tuple[dict, int]:
    """The screen's POST with `rows` filled in on its walk-in rows, and the first walk-in row's index."""
    response = _screen(client, meeting)
    formset, guests = response.context["formset"], response.context["guest_formset"]
    extra = formset.initial_form_count()
    filled = {f"rows-{extra + i}-{key}": value for i, row in enumerate(rows) for key, value in row.items()}
    return {**formset_post(formset, filled), **formset_post(guests)}, extra


def _post_walk_in(client, meeting, text, **fields):
    data, extra = _walk_ins(client, meeting, {"corporation_text": text, "name": "当日 一郎", "present": "on", **fields})
    return client.post(_url(meeting), data), extra


@pytest.mark.parametrize("text, corporation", [
    ("社会福祉法人さくら会", "corp_b"),  # not invited: a walk-in of another corporation
    ("あおば", "corp_a"),  # invited: one more person of that corporation
])
def test_a_walk_in_typed_by_name_is_saved_whether_its_corporation_was_invited_or_not(
    staff_client, world, text, corporation
):
    meeting = MeetingFactory()
    InvitationFactory(meeting=meeting, corporation=world.corp_a)
    response, _extra = _post_walk_in(staff_client, meeting, text)
    assert response.status_code == 302
    walk_in = Attendee.objects.get(meeting=meeting, name="当日 一郎")
    corporation = getattr(world, corporation)
    assert (walk_in.corporation, walk_in.walk_in, walk_in.present) == (corporation, True, True)
    assert walk_in.area_id == corporation.home_area_id


def test_a_walk_in_typed_by_part_of_the_name_kana_full_width_or_number_is_matched(staff_client, world):
    meeting = MeetingFactory()
    for index, text in enumerate(("さくら", "サクラカイ", "ｻｸﾗｶｲ", str(world.corp_b.pk), f"　{world.corp_b.pk}　")):
        response, _extra = _post_walk_in(staff_client, meeting, text, name=f"当日 {index}")
        assert response.status_code == 302, text
        assert Attendee.objects.get(meeting=meeting, name=f"当日 {index}").corporation == world.corp_b
    # Full-width digits are the same number.
    number = str(world.corp_a.pk).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert _post_walk_in(staff_client, meeting, number, name="当日 全角")[0].status_code == 302
    assert Attendee.objects.get(meeting=meeting, name="当日 全角").corporation == world.corp_a


def test_an_unknown_or_retired_corporation_is_refused_next_to_the_text(staff_client, world):
    meeting = MeetingFactory()
    CorporationFactory(name="社会福祉法人ゆうやけ会", name_kana="ユウヤケカイ", is_active=False)
    for text in ("存在しない法人", "ゆうやけ", "999999", "0"):
        response, extra = _post_walk_in(staff_client, meeting, text)
        assert response.status_code == 400, text
        content = response.content.decode()
        error = re.search(rf'<div [^>]*id="id_rows-{extra}-corporation_error">([^<]*)</div>', content)
        assert error and f"「{text}」に当たる法人が見つかりません。" in error.group(1), text
        # The text stays, marked invalid and described by the error.
        field = re.search(rf'<input type="text"[^>]*name="rows-{extra}-corporation_text"[^>]*>', content).group(0)
        assert f'value="{text}"' in field and 'aria-invalid="true"' in field
        assert f"id_rows-{extra}-corporation_error" in field
    assert not Attendee.objects.exists()


def test_a_text_naming_several_corporations_lists_them_with_their_numbers(staff_client, world):
    meeting = MeetingFactory()
    hall = CorporationFactory(name="社会福祉法人あおば会館", name_kana="アオバカイカン")
    response, extra = _post_walk_in(staff_client, meeting, "あおば会")
    assert response.status_code == 400
    content = response.content.decode()
    assert "「あおば会」に当たる法人が複数あります:" in content
    assert f"社会福祉法人あおば会（番号 {world.corp_a.pk}）" in content
    assert f"社会福祉法人あおば会館（番号 {hall.pk}）" in content
    assert f'id="id_rows-{extra}-corporation_error"' in content
    assert not Attendee.objects.exists()
    # The full name is one corporation, though another's name holds it.
    assert _post_walk_in(staff_client, meeting, "社会福祉法人あおば会")[0].status_code == 302
    assert Attendee.objects.get(meeting=meeting).corporation == world.corp_a


def test_a_long_list_of_candidates_names_five_and_says_there_are_more(staff_client, world):
    meeting = MeetingFactory()
    for index in range(7):
        CorporationFactory(name=f"社会福祉法人ひかり会{index}", name_kana=f"ヒカリカイ{index}")
    response, _extra = _post_walk_in(staff_client, meeting, "ひかり")
    content = response.content.decode()
    assert response.status_code == 400 and content.count("（番号 ") == 5 and " ほか。" in content


def test_a_matched_walk_in_shown_again_offers_its_corporations_facilities(staff_client, world):
    meeting = MeetingFactory()
    second = FacilityFactory(corporation=world.corp_b, name="さくら第二ホーム")
    # Another row is wrong (a name with no corporation): the typed walk-in is shown again, matched.
    data, extra = _walk_ins(
        staff_client, meeting, {"corporation_text": "さくら会", "name": "当日 一郎"}, {"name": "名前 だけ"}
    )
    response = staff_client.post(_url(meeting), data)
    assert response.status_code == 400
    content = response.content.decode()
    assert "法人名か法人の番号を入力してください。" in content
    facility = re.search(rf'<select name="rows-{extra}-facility".*?</select>', content, re.S).group(0)
    assert world.facility_b.name in facility and second.name in facility
    # Chosen and saved without JavaScript.
    data[f"rows-{extra}-facility"] = str(second.pk)
    data[f"rows-{extra + 1}-name"] = ""
    assert staff_client.post(_url(meeting), data).status_code == 302
    assert Attendee.objects.get(meeting=meeting).facility == second


def test_a_chosen_number_wins_over_the_text(staff_client, world):
    """With JavaScript the row posts the corporation chosen from the search results too."""
    meeting = MeetingFactory()
    response, _extra = _post_walk_in(staff_client, meeting, "あおば", corporation=str(world.corp_b.pk))
    assert response.status_code == 302
    assert Attendee.objects.get(meeting=meeting).corporation == world.corp_b


def test_a_typed_walk_in_takes_one_query_a_text_and_one_for_the_facilities(
    staff_client, world, django_assert_num_queries
):
    meeting = MeetingFactory()
    InvitationFactory(meeting=meeting, corporation=world.corp_a)
    data, _extra = _walk_ins(
        staff_client, meeting, {"corporation_text": "さくら会", "name": "当日 一郎"},
        {"corporation_text": "あおば会", "name": "当日 二郎"},
    )
    # session, user, meeting; invitations, RSVP persons, attendees, facilities, guests, areas;
    # the two texts matched (one query each), the facilities of the one not yet on the screen;
    # savepoint, the meeting locked, attendees, INSERT, ids, history, guests present, release
    with django_assert_num_queries(20):
        assert staff_client.post(_url(meeting), data).status_code == 302
    assert Attendee.objects.filter(meeting=meeting, walk_in=True).count() == 2


def test_the_screen_draws_no_list_of_corporations_and_facility_pickers_only_where_there_is_a_choice(
    staff_client, world
):
    meeting = MeetingFactory()
    corporations = corporations_in_areas(63)
    for corporation in corporations[:20]:
        FacilityFactory(corporation=corporation, name=f"第一{corporation.pk}")
        FacilityFactory(corporation=corporation, name=f"第二{corporation.pk}")
    for corporation in corporations[20:40]:
        FacilityFactory(corporation=corporation, name=f"唯一{corporation.pk}")
    for corporation in corporations:
        InvitationFactory(meeting=meeting, corporation=corporation)
    content = _screen(staff_client, meeting).content.decode()
    walk_ins = content.split('id="walk-in-rows"')[1]
    # Walk-in rows: a text box and an empty <select> the search fills (hidden without a choice).
    choices = re.findall(r'<select name="rows-\d+-corporation".*?</select>', walk_ins, re.S)
    assert len(choices) == 3 and all(c.count("<option") == 1 and " hidden" in c for c in choices)
    assert walk_ins.count('name="rows-__prefix__-corporation_text"') == 1
    # Two facilities: a picker; one: a check box with its name; none: no field.
    pickers = re.findall(r'<select name="rows-\d+-facility"', content.split('id="walk-in-rows"')[0])
    assert len(pickers) == 20
    assert len(re.findall(r'<input type="checkbox"[^>]*name="rows-\d+-facility"', content)) == 20
    # The register growing adds nothing: the rows draw their own corporation's choices only.
    options = content.count("<option")
    for index in range(100):
        FacilityFactory(corporation=CorporationFactory(name=f"社会福祉法人ほかの会{index}"))
    assert _screen(staff_client, meeting).content.decode().count("<option") == options <= 300
