"""Timing a page the same way in every benchmark."""

import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext


def median_get(client, url, params=None, *, runs: int) -> tuple[float, int]:
    """The median of `runs` GETs of a page in milliseconds, and the queries one GET made."""
    timings = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url, params or {})
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    return statistics.median(timings), len(queries)
