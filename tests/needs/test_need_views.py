"""Recording, listing and editing needs."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from needs.models import Need, NeedKind, NeedStatus
from tests.factories import CorporationFactory
from tests.needs.factories import CaseFactory, NeedFactory, published, send

CREATE = reverse("needs:create")
LIST = reverse("needs:list")


def _data(world, vocab, **changes):
    data = {
        "kind": "issue", "title": "子どもの学習支援", "description": "光が丘で学習の場が足りない。",
        "areas": [vocab["areas"]["光が丘"].pk], "themes": [vocab["themes"]["学習支援"].pk],
        "target_groups": [vocab["targets"]["子ども"].pk], "resource_kinds": [vocab["kinds"]["場所・部屋"].pk],
        "source": "csw", "source_note": "CSW の地区担当から", "received_on": "2015-10-29", "urgency": "high",
        "in_charge": world.staff.pk, "age_band": "",
    }
    data.update(changes)
    return data


def test_staff_record_a_local_issue(world, vocab, staff_client):
    response = staff_client.post(CREATE, _data(world, vocab, age_band="40s"))
    need = Need.objects.get()
    assert response["Location"] == reverse("needs:detail", kwargs={"pk": need.pk})
    assert need.kind == NeedKind.ISSUE and need.age_band == ""  # an issue keeps no age band
    assert need.created_by == world.staff and need.status == NeedStatus.RECEIVED
    assert [a.name for a in need.areas.all()] == ["光が丘"] and need.urgency == "high"
    assert list(need.status_changes.values_list("from_status", "to_status")) == [("", NeedStatus.RECEIVED)]
    html = staff_client.get(response["Location"]).content.decode()
    assert "平成27年10月29日" in html and "CSW の地区担当から" in html


def test_staff_record_a_case_with_an_age_band_only(world, vocab, staff_client):
    staff_client.post(CREATE, _data(world, vocab, kind="case", title="仕事を探す方",
                                    description="就労体験の場を探している。", age_band="50s"))
    need = Need.objects.get()
    assert need.kind == NeedKind.CASE and need.age_band == "50s"


def test_a_ward_wide_need_has_no_area(world, vocab, staff_client):
    staff_client.post(CREATE, _data(world, vocab, areas=[]))
    need = Need.objects.get()
    assert not need.areas.exists()
    assert "区全域" in staff_client.get(reverse("needs:detail", kwargs={"pk": need.pk})).content.decode()


def test_staff_edit_a_need_and_the_history_keeps_who(world, vocab, staff_client):
    need = NeedFactory(in_charge=world.staff)
    response = staff_client.post(
        reverse("needs:update", kwargs={"pk": need.pk}), _data(world, vocab, title="改めた件名"),
    )
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.title == "改めた件名"
    assert need.history.first().history_user == world.staff


def test_a_refused_edit_changes_nothing(world, vocab, editor_a_client):
    need = NeedFactory(in_charge=world.staff, title="元の件名")
    assert editor_a_client.post(reverse("needs:update", kwargs={"pk": need.pk}), _data(world, vocab)).status_code == 403
    need.refresh_from_db()
    assert need.title == "元の件名"


def test_members_list_what_was_published_to_them_or_sent_to_them(world, editor_a_client):
    published(NeedFactory(in_charge=world.staff, title="会員向けの作業用件名"), world.staff, visibility="members")
    sent = NeedFactory(in_charge=world.staff, title="Aに打診した件")
    send(sent, world.corp_a, staff=world.staff)
    NeedFactory(in_charge=world.staff, title="事務局だけの件")
    html = editor_a_client.get(LIST).content.decode()
    assert "公開用: 会員向けの作業用件名" in html and "Aに打診した件" in html
    assert "事務局だけの件" not in html and ">会員向けの作業用件名<" not in html


def test_the_list_filters_by_status_and_kind(world, staff_client):
    NeedFactory(in_charge=world.staff, title="受付中の件")
    NeedFactory(in_charge=world.staff, title="終わった件", status=NeedStatus.CLOSED, outcome="つないだ")
    CaseFactory(in_charge=world.staff, title="個別の件")
    titles = lambda query: {n.title for n in staff_client.get(LIST, query).context["page"]}  # noqa: E731
    assert titles({"status": "open"}) == {"受付中の件", "個別の件"}
    assert titles({"kind": "case"}) == {"個別の件"}
    assert titles({"status": "closed"}) == {"終わった件"}


def test_the_export_is_an_xlsx_of_the_filtered_list(world, staff_client):
    NeedFactory(in_charge=world.staff, title="=HYPERLINK(\"x\")")
    response = staff_client.get(reverse("needs:list_xlsx"))
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.values)
    assert rows[1][:4] == ("番号", "件名", "種類", "状況")  # under the title row
    # A title never runs as a formula: a text cell, as typed.
    assert rows[2][1] == '=HYPERLINK("x")' and sheet.cell(row=3, column=2).data_type == "s"


@pytest.mark.parametrize("count", [3, 30])
def test_it_lists_needs_in_constant_queries(
    world, vocab, staff_client, editor_a_client, count, django_assert_num_queries,
):
    for index in range(count):
        need = NeedFactory(in_charge=world.staff, areas=[vocab["areas"]["練馬"]], themes=[vocab["themes"]["食糧支援"]],
                           resource_kinds=[vocab["kinds"]["厨房・食事"]])
        send(need, world.corp_a, CorporationFactory(), staff=world.staff)
        if index % 2:
            published(need, world.staff, visibility="members")
    # 1 session, 2 user, 3 membership (the view's rules), 4 count for the paginator,
    # 5 the page of needs with the person in charge and offer counts, 6 their areas,
    # 7 themes and 8 wanted kinds (prefetch), 9–11 the filter's choices (areas, themes,
    # resource kinds; the kinds and statuses are fixed lists).
    # 12 the data generation, read once by the page's first cached fragment (core/fragments.py).
    with django_assert_num_queries(12):
        response = staff_client.get(LIST)
    assert len(response.context["page"].object_list) == count
    # A member: the same, the visibility rule inside the queries.
    with django_assert_num_queries(12):
        response = editor_a_client.get(LIST)
    assert len(response.context["page"].object_list) == count
