"""No input gives a 500: every URL of the URL matrix, for every role, with odd query strings,
posted fields and URL ids (property-based, hypothesis).

Each case of tests/test_url_matrix.py builds its objects once; hypothesis then sends a few
requests with text, numbers (huge ones, unicode digits such as ², ①, ７), ids, dates, empty
strings, NUL bytes and formset management-form values in place of the real ones. Whatever
the role and the values, the answer is a page, a redirect, a refusal or a 404, never 5xx.

The "ci" profile (tests/conftest.py) is derandomized, so a CI run is repeatable; set
HYPOTHESIS_PROFILE=thorough to search further on a workstation.
"""

import re
from urllib.parse import quote, urlencode

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import ROLES, client_for
from tests.test_url_matrix import CASES

HUGE = "99999999999999999999"
ODD_VALUES = [
    "", " ", "0", "-1", "1", "2", "²", "①", "７", "１２", "٣", HUGE, str(2**63), str(2**63 - 1), str(2**31),
    "-99999999999999999999", "1.5", "1e309", "NaN", "\x00", "1\x00", "a\x00b", "2015-10-29", "2015-02-30",
    "0000-00-00", "9999-12-31T23:59", "平成27年10月29日", "<script>alert(1)</script>", "' OR 1=1 --",
    "ｼｮｸﾄﾞｳ", "on", "true", "all", "draft", "attend",
]
# The names list pages and forms read from a query string.
QUERY_NAMES = [
    "fy", "n", "owner", "series", "page", "q", "area", "pattern", "theme", "target_group", "status", "state",
    "kind", "next",
]
MANAGEMENT = ["TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"]

odd_text = st.one_of(
    st.sampled_from(ODD_VALUES),
    st.text(max_size=12),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates().map(str),
)


def _case_id(case):
    return f"{case.name}:{case.method}{'+' + case.note if case.note else ''}"


def _with_odd_id(url: str, url_kwargs: dict, name: str, odd: str) -> str:
    """The URL with one of its ids replaced by odd text (which may then match no URL: 404)."""
    value = str(url_kwargs[name])
    parts = url.split("/")
    index = max(i for i, part in enumerate(parts) if part == value)
    parts[index] = quote(odd, safe="") or "x"
    return "/".join(parts)


def _management_names(data: dict) -> list[str]:
    prefixes = {match.group(1) for key in data if (match := re.match(r"(.+)-TOTAL_FORMS$", key))}
    return [f"{prefix}-{name}" for prefix in sorted(prefixes) for name in MANAGEMENT]


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_it_never_answers_5xx(world, case):
    url_kwargs = case.kwargs(world) if case.kwargs else {}
    url = reverse(case.name, kwargs=url_kwargs or None)
    base_data = case.data(world) if case.data else {}
    # Uploads are left out: a file object is read once; the upload checks have their own tests.
    base_data = {key: value for key, value in base_data.items() if not hasattr(value, "read")}
    posted_names = sorted(set(base_data) | set(_management_names(base_data))) or ["x"]
    clients = {role: client_for(world, role) for role in ROLES}

    def everywhere(names):
        # One odd value in every field at once: a form cleans all its fields, so one request
        # reaches each field's parsing.
        return odd_text.map(lambda value: dict.fromkeys(names, value))

    def somewhere(names, values):
        return st.dictionaries(st.sampled_from(names), values, max_size=4)

    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(
        role=st.sampled_from(ROLES),
        query=st.one_of(everywhere(QUERY_NAMES), somewhere(QUERY_NAMES, odd_text)),
        posted=st.one_of(
            everywhere(posted_names),
            somewhere(posted_names, st.one_of(odd_text, st.lists(odd_text, min_size=2, max_size=3))),
        ),
        odd_id=st.one_of(st.none(), st.tuples(st.sampled_from(sorted(url_kwargs) or ["-"]), odd_text)),
    )
    # Always tried, as staff (who reach every form): the values that gave 500s once.
    @example(role="staff", query={}, posted={}, odd_id=(next(iter(url_kwargs), "-"), HUGE))
    @example(role="staff", query=dict.fromkeys(QUERY_NAMES, ""), posted=dict.fromkeys(posted_names, ""), odd_id=None)
    @example(role="staff", query=dict.fromkeys(QUERY_NAMES, "²"), posted=dict.fromkeys(posted_names, "²"), odd_id=None)
    @example(
        role="staff", query=dict.fromkeys(QUERY_NAMES, HUGE), posted=dict.fromkeys(posted_names, HUGE), odd_id=None
    )
    def run(role, query, posted, odd_id):
        target = url
        if odd_id is not None and odd_id[0] in url_kwargs:
            target = _with_odd_id(url, url_kwargs, *odd_id)
        target += "?" + urlencode(query, doseq=True)
        if case.method == "post":
            response = clients[role].post(target, {**base_data, **posted})
        else:
            response = getattr(clients[role], case.method)(target)
        assert response.status_code < 500, (target, posted, role)

    run()
