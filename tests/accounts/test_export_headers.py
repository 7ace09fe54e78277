"""Every export holds names, addresses or telephone numbers: no cache may keep a copy.

Shared office PCs and the ward's caching proxy: `Cache-Control: no-store` on each CSV and
.xlsx (all of them are built by core/exports.py).
"""

import pytest
from django.urls import reverse

from tests.meetings.factories import InvitationFactory

EXPORTS = [
    ("corporations:export_csv", None),
    ("corporations:export_xlsx", None),
    ("contributions:report_csv", None),
    ("contributions:report_xlsx", None),
    ("meetings:report_csv", "meeting"),
    ("meetings:report_xlsx", "meeting"),
]


@pytest.mark.parametrize(("name", "needs"), EXPORTS)
def test_it_forbids_caches_to_store_an_export(staff_client, world, name, needs):
    kwargs = {"pk": InvitationFactory(corporation=world.corp_a).meeting_id} if needs else None
    response = staff_client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
