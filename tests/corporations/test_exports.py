import io

import pytest
from django.http import FileResponse, StreamingHttpResponse
from django.urls import reverse
from openpyxl import load_workbook

from corporations.models import Area
from tests.factories import CorporationFactory, FacilityFactory


def test_it_exports_the_filtered_register_as_csv_with_a_bom(staff_client, world):
    response = staff_client.get(reverse("corporations:export_csv"), {"q": "あおば"})
    assert response.status_code == 200
    body = response.getvalue()  # a stream: read once
    assert body.startswith(b"\xef\xbb\xbf")
    lines = body.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("法人名,フリガナ,法人種別")
    assert len(lines) == 2
    assert lines[1].startswith("社会福祉法人あおば会,アオバカイ,社会福祉法人")
    assert "あおばホーム" in lines[1]


def test_it_exports_corporations_and_facilities_as_xlsx(staff_client, world):
    response = staff_client.get(reverse("corporations:export_xlsx"))
    workbook = load_workbook(io.BytesIO(response.getvalue()))
    assert workbook.sheetnames == ["法人", "施設・事業所"]
    corporations = [row[0] for row in workbook["法人"].iter_rows(min_row=3, values_only=True)]
    assert corporations == ["社会福祉法人あおば会", "社会福祉法人さくら会"]
    facilities = [row[:2] for row in workbook["施設・事業所"].iter_rows(min_row=3, values_only=True)]
    assert facilities == [("社会福祉法人あおば会", "あおばホーム"), ("社会福祉法人さくら会", "さくら保育園")]


@pytest.mark.parametrize("name", ["corporations:export_csv", "corporations:export_xlsx"])
def test_it_exports_for_staff_only(name, editor_a_client, client, world):
    assert editor_a_client.get(reverse(name)).status_code == 403
    assert client.get(reverse(name)).status_code == 302


@pytest.fixture(params=[10, 100])
def count(request, world):
    """The world and `count` more corporations with a facility each: a query count that holds for 10 and 100 holds
    for the whole register."""
    area = Area.objects.get(name="石神井")
    for _ in range(request.param):
        FacilityFactory(corporation=CorporationFactory(home_area=area))
    return request.param


def test_it_exports_in_a_fixed_number_of_queries(staff_client, count, django_assert_num_queries):
    # session, user, the corporations joined with their facilities (one query through a
    # server-side cursor): both sheets are written in one pass over it
    with django_assert_num_queries(3):
        response = staff_client.get(reverse("corporations:export_xlsx"))
    assert isinstance(response, FileResponse)
    assert len(list(load_workbook(io.BytesIO(response.getvalue()))["法人"].values)) == count + 4


def test_it_streams_the_csv_in_a_fixed_number_of_queries(staff_client, count, django_assert_num_queries):
    # session, user; then, while the body is read: the corporations joined with their facilities
    with django_assert_num_queries(3):
        response = staff_client.get(reverse("corporations:export_csv"))
        assert isinstance(response, StreamingHttpResponse)
        body = response.getvalue()
    assert len(body.decode("utf-8-sig").splitlines()) == count + 3
    assert 'filename="register-' in response["Content-Disposition"]
