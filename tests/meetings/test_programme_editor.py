"""The programme editor at scale: a search picker for the corporation, the chosen corporation's
facilities only, three blank rows and "行を追加" for more (without JavaScript too), help texts that exist."""

import re

import pytest
from django.urls import reverse

from meetings.forms.meetings import MAX_PROGRAM_ITEMS, PROGRAM_BLANK_ROWS
from meetings.models import ProgramItem
from tests.factories import CorporationFactory, FacilityFactory

from .factories import MeetingFactory, ProgramItemFactory

# The second meeting's programme in the article: ten items.
ARTICLE_PROGRAMME = [
    ("greeting", "開会挨拶（社会福祉協議会事務局長）"),
    ("greeting", "挨拶（区福祉部）"),
    ("proposal", "ネットワークの4パターンの提案"),
    ("lecture", "社会貢献事業におけるネットワークづくりについて"),
    ("practice_report", "実践報告 つくりっこの家"),
    ("practice_report", "実践報告 いずみ寮"),
    ("practice_report", "実践報告 大泉特別養護老人ホーム"),
    ("explanation", "社協の事業から見える地域ニーズ"),
    ("exchange", "地域別情報交換"),
    ("summary", "グループ報告とまとめ"),
]


def _url(meeting):
    return reverse("meetings:program", kwargs={"pk": meeting.pk})


def _post(rows, initial=0):
    data = {"items-TOTAL_FORMS": str(len(rows)), "items-INITIAL_FORMS": str(initial), "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "1000"}
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"items-{index}-{key}"] = str(value)
    return data


def test_it_enters_the_articles_ten_item_programme_in_one_save(staff_client, world):
    meeting = MeetingFactory()
    page = staff_client.get(_url(meeting))
    assert page.context["formset"].total_form_count() == PROGRAM_BLANK_ROWS == 3
    rows = [{"order": n, "kind": kind, "title": title} for n, (kind, title) in enumerate(ARTICLE_PROGRAMME, start=1)]
    rows[4].update(corporation=world.corp_a.pk, facility=world.facility_a.pk)
    response = staff_client.post(_url(meeting), _post(rows))
    assert response.status_code == 302, response.context["formset"].errors
    assert list(meeting.program_items.values_list("title", flat=True)) == [title for _k, title in ARTICLE_PROGRAMME]
    assert meeting.program_items.get(order=5).facility == world.facility_a


def test_add_a_row_without_javascript_keeps_the_rows_typed_adds_blank_ones_and_saves_nothing(staff_client, world):
    meeting = MeetingFactory()
    ProgramItemFactory(meeting=meeting, order=1, title="開会挨拶")
    item = meeting.program_items.get()
    typed = [{"id": item.pk, "order": 1, "kind": item.kind, "title": "開会挨拶（事務局長）", "version": item.version},
             {"order": 2, "kind": "lecture", "title": "講演"}, {}, {}]
    data = {**_post(typed, initial=1), "add_rows": "1"}
    response = staff_client.post(_url(meeting), data)
    assert response.status_code == 200
    formset = response.context["formset"]
    assert formset.total_form_count() == len(typed) + PROGRAM_BLANK_ROWS
    html = response.content.decode()
    assert 'value="開会挨拶（事務局長）"' in html and 'value="講演"' in html
    assert "空の行を追加しました。次第はまだ保存されていません。" in html
    assert "data-rows-added" in html
    assert list(meeting.program_items.values_list("title", flat=True)) == ["開会挨拶"]  # nothing saved
    # The rows as typed, then saved with the save button: the blank rows are ignored.
    data = {key: value for key, value in data.items() if key != "add_rows"}
    data["items-TOTAL_FORMS"] = str(formset.total_form_count())
    assert staff_client.post(_url(meeting), data).status_code == 302
    assert list(meeting.program_items.values_list("title", flat=True)) == ["開会挨拶（事務局長）", "講演"]


def test_add_a_row_stops_at_the_most_rows_one_save_takes(staff_client, world):
    meeting = MeetingFactory()
    data = {**_post([{}] * MAX_PROGRAM_ITEMS), "add_rows": "1"}
    response = staff_client.post(_url(meeting), data)
    assert response.context["formset"].total_form_count() == MAX_PROGRAM_ITEMS
    assert "一度に追加できる行はここまでです。" in response.content.decode()


def test_it_offers_a_search_picker_and_the_chosen_corporations_facilities_only(staff_client, world):
    meeting = MeetingFactory()
    ProgramItemFactory(meeting=meeting, order=1, corporation=world.corp_a, facility=world.facility_a)
    other_facility = FacilityFactory(corporation=world.corp_a, name="あおば第二ホーム")
    html = staff_client.get(_url(meeting)).content.decode()
    assert reverse("corporations:search") in html and "data-search-select" in html
    assert world.corp_b.name not in html  # not chosen on any row: not offered
    assert world.facility_b.name not in html
    assert f'<option value="{world.facility_a.pk}" selected>' in html and other_facility.name in html
    assert reverse("meetings:programme_facilities") in html


def test_every_aria_describedby_of_the_editor_names_an_element_on_the_page(staff_client, world):
    meeting = MeetingFactory()
    ProgramItemFactory(meeting=meeting, order=1, corporation=world.corp_a)
    html = staff_client.get(_url(meeting)).content.decode()
    described = {name for value in re.findall(r'aria-describedby="([^"]+)"', html) for name in value.split()}
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    assert described and described <= ids, described - ids


def test_it_refuses_a_facility_that_is_not_the_chosen_corporations(staff_client, world):
    meeting = MeetingFactory()
    response = staff_client.post(_url(meeting), _post([
        {"order": 1, "kind": "practice_report", "title": "報告", "corporation": world.corp_a.pk,
         "facility": world.facility_b.pk},
    ]))
    assert "選んだ法人の施設・事業所を選んでください。" in response.content.decode()
    assert not ProgramItem.objects.exists()


def test_the_facilities_json_answers_one_corporations_active_facilities(staff_client, world):
    closed = FacilityFactory(corporation=world.corp_a, name="閉じた施設", is_active=False)
    url = reverse("meetings:programme_facilities")
    found = staff_client.get(url, {"corporation": world.corp_a.pk}).json()["results"]
    assert found == [{"id": world.facility_a.pk, "text": world.facility_a.name}]
    assert closed.pk not in {row["id"] for row in found}
    assert staff_client.get(url, {"corporation": "①"}).json() == {"results": []}
    assert staff_client.get(url).json() == {"results": []}


def _register(corporations: int):
    for _n in range(corporations):
        corporation = CorporationFactory()
        FacilityFactory.create_batch(2, corporation=corporation)


@pytest.mark.parametrize("scale", [1, 10])
def test_the_editor_reads_the_same_queries_at_1x_and_10x_the_register(
    staff_client, world, django_assert_num_queries, scale
):
    _register(30 * scale)
    meeting = MeetingFactory()
    for order in range(1, 5):
        ProgramItemFactory(meeting=meeting, order=order, corporation=world.corp_a, facility=world.facility_a)
    # session, user, meeting, its items, the corporations named on rows, their facilities,
    # the data generation, read once by the page's first cached fragment (core/fragments.py)
    with django_assert_num_queries(7):
        response = staff_client.get(_url(meeting))
    assert response.status_code == 200
    html = response.content.decode()
    # Options, whatever the register: on each of the 4 rows the blank and the programme's one
    # corporation, the blank and its one facility, the 8 kinds and their blank; on each blank row
    # the same but no facility; 2 elsewhere on the page (the language menu).
    assert html.count("<option") == 4 * (2 + 2 + 9) + PROGRAM_BLANK_ROWS * (2 + 1 + 9) + 2
