"""Register timings: list page, exports and the import at 63 and 630 corporations.

Run with `make bench`; results are written down in benchmarks/corporations.md.
"""

import statistics
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from corporations.models import Area, Corporation
from tests.factories import CorporationFactory, FacilityFactory, ServiceTypeFactory


def _register(count):
    areas = list(Area.objects.all())
    types = [ServiceTypeFactory(name=name) for name in ("高齢", "障害", "児童・保育")]
    for index in range(count):
        corporation = CorporationFactory(home_area=areas[index % 4])
        for f in range(2):
            FacilityFactory(corporation=corporation, area=areas[(index + f) % 4], service_type=types[(index + f) % 3])


def _time(call, repeat=5):
    durations, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = call()
            durations.append((time.perf_counter() - start) * 1000)
        assert response.status_code in (200, 302)
        # Django keeps the last 9000 queries only: a larger count shows as "9000+".
        queries = len(captured.captured_queries) if captured.final_queries < 9000 else "9000+"
    return statistics.median(durations), queries


@pytest.mark.parametrize("count", [63, 630])
def test_bench_register(staff_client, world, count):
    _register(count - 2)
    list_ms, list_q = _time(lambda: staff_client.get(reverse("corporations:list")))
    filtered_ms, filtered_q = _time(
        lambda: staff_client.get(
            reverse("corporations:list"), {"area": Area.objects.get(name="大泉").pk, "q": "テスト"}
        )
    )
    # The exports stream: the body is read inside the timing, where the queries run.
    csv_ms, csv_q = _time(lambda: staff_client.get(reverse("corporations:export_csv")).getvalue())
    xlsx_ms, xlsx_q = _time(lambda: staff_client.get(reverse("corporations:export_xlsx")).getvalue())
    exported = staff_client.get(reverse("corporations:export_csv")).getvalue()
    import_ms, import_q = _time(
        lambda: staff_client.post(
            reverse("corporations:import"), {"file": SimpleUploadedFile("r.csv", exported), "dry_run": "on"}
        ),
        repeat=3,
    )
    assert Corporation.objects.count() == count
    print(
        f"\n[register {count}] list {list_ms:.0f} ms/{list_q} q; filtered {filtered_ms:.0f} ms/{filtered_q} q; "
        f"csv {csv_ms:.0f} ms/{csv_q} q; xlsx {xlsx_ms:.0f} ms/{xlsx_q} q; import check {import_ms:.0f} ms/{import_q} q"
    )
