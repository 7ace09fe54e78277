"""Every URL of the project × every role: the status each gets. See tests/matrix.py."""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from tests.conftest import ROLES, client_for
from tests.matrix import LOGIN, Case


def _collect_cases() -> list[Case]:
    cases = []
    for module in pkgutil.iter_modules(tests.__path__):
        if not module.ispkg:
            continue
        try:
            matrix = importlib.import_module(f"tests.{module.name}.url_matrix")
        except ModuleNotFoundError as error:
            if error.name != f"tests.{module.name}.url_matrix":
                raise
            continue
        cases.extend(matrix.CASES)
    return cases


CASES = _collect_cases()


def _url_names(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _url_names(pattern, namespace)
        elif isinstance(pattern, URLPattern):
            yield f"{prefix}{pattern.name}" if pattern.name else f"{prefix}<unnamed {pattern.pattern}>"


def test_it_classifies_every_url():
    classified = {case.name for case in CASES} | {name for case in CASES for name in case.covers}
    # The admin's many URLs sit behind its own staff check; admin:index stands for them.
    unclassified = sorted(
        name for name in set(_url_names()) if name not in classified and not name.startswith("admin:")
    )
    assert not unclassified, f"URLs with no case in a tests/<app>/url_matrix.py: {unclassified}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.name}{'+' + c.note if c.note else ''}")
def test_it_answers_each_role_as_classified(world, case, role):
    url = reverse(case.name, kwargs=case.kwargs(world) if case.kwargs else None)
    if case.query:
        url += "?" + case.query
    client = client_for(world, role)
    if case.method == "post":
        response = client.post(url, case.data(world) if case.data else {})
    else:
        response = getattr(client, case.method)(url)
    expected = case.expect[role]
    if expected == LOGIN:
        assert response.status_code == 302, (url, role, response.status_code)
        assert response["Location"].startswith(reverse("accounts:login")), response["Location"]
    else:
        assert response.status_code == expected, (url, role, response.status_code)
