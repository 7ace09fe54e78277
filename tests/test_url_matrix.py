"""Every URL of the project × every role: the status each gets, and for a write that a refused
role changed nothing. See tests/matrix.py."""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from tests.conftest import ROLES, client_for
from tests.matrix import LOGIN, REDIRECT, REFUSED, Case, stored_state


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
@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.name}:{c.method}{'+' + c.note if c.note else ''}")
def test_it_answers_each_role_as_classified(world, case, role, django_capture_on_commit_callbacks):
    url = reverse(case.name, kwargs=case.kwargs(world) if case.kwargs else None)
    if case.query:
        url += "?" + case.query
    client = client_for(world, role)
    expected = case.expect[role]
    if case.method == "post":
        data = case.data(world) if case.data else {}
        before = stored_state()
        # Mail goes out after the commit: run those callbacks, so a refused request's mail shows too.
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data)
        after = stored_state()
    else:
        response = getattr(client, case.method)(url)
    if expected == LOGIN:
        assert response.status_code == 302, (url, role, response.status_code)
        assert response["Location"].startswith(reverse("accounts:login")), response["Location"]
    else:
        assert response.status_code == expected, (url, role, response.status_code)
    if case.method == "post" and expected in REFUSED:
        assert after == before, f"{role} was refused {url} but the stored data changed: {_changed(before, after)}"
    elif case.method == "post" and case.writes and expected == REDIRECT:
        assert after != before, f"{role} posted to {url} and nothing was stored: the case's data is no write"


def _changed(before: dict, after: dict) -> list[str]:
    return sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))
