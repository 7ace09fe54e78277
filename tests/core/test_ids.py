"""Ids from a request (core/ids.py): ASCII digits in the database's range, nothing else."""

import pytest

from core.ids import MAX_ID, parse_id

HUGE = "99999999999999999999"


@pytest.mark.parametrize("value, expected", [
    ("12", 12), (" 12 ", 12), (12, 12), (str(MAX_ID), MAX_ID),
    ("", None), (None, None), ("0", None), ("-1", None), ("²", None), ("①", None), ("７", None),
    ("1.0", None), (HUGE, None), (str(MAX_ID + 1), None), (True, None), ("1\x00", None),
])
def test_it_parses_only_ascii_ids_in_the_database_range(value, expected):
    assert parse_id(value) == expected


@pytest.mark.parametrize("path", [
    f"/catalogue/{HUGE}/", f"/projects/{HUGE}/", f"/meetings/{HUGE}/", f"/corporations/{HUGE}/",
    f"/catalogue/{MAX_ID + 1}/",
])
def test_it_answers_a_huge_id_in_the_url_with_404(staff_client, path):
    assert staff_client.get(path).status_code == 404
