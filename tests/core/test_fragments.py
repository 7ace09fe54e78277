"""Cached fragments (core/fragments.py, {% fragment %}): kept for the same viewer, language,
data and minute; never across a committed write, another user or another language; never
with a CSRF token (a placeholder each request fills with its own); never inside the site's own
transaction."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from accounts.models import Membership
from core.fragments import FragmentHoldsSecret, cached_html
from corporations.models import Corporation

pytestmark = pytest.mark.django_db


def page(user, path="/"):
    request = RequestFactory().get(path)
    request.user = user
    return request


def counted(calls):
    def render():
        calls.append(1)
        return f"<p>{len(calls)}</p>"
    return render


def test_it_renders_once_for_the_same_viewer_and_data(world):
    calls = []
    first = cached_html(page(world.staff), "x", [1], counted(calls))
    assert cached_html(page(world.staff), "x", [1], counted(calls)) == first
    assert len(calls) == 1


def test_another_user_argument_or_language_renders_again(world):
    calls = []
    cached_html(page(world.staff), "x", [1], counted(calls))
    cached_html(page(world.editor_a), "x", [1], counted(calls))
    cached_html(page(AnonymousUser()), "x", [1], counted(calls))
    cached_html(page(world.staff), "x", [2], counted(calls))
    with translation.override("en"):
        cached_html(page(world.staff), "x", [1], counted(calls))
    assert len(calls) == 5


def test_the_next_minute_renders_again(world, monkeypatch):
    from core import fragments

    calls = []
    minute = fragments.clock_minute()
    cached_html(page(world.staff), "x", [1], counted(calls))
    cached_html(page(world.staff), "x", [1], counted(calls))
    monkeypatch.setattr(fragments, "clock_minute", lambda: minute + 1)
    cached_html(page(world.staff), "x", [1], counted(calls))
    assert len(calls) == 2


def test_a_committed_write_renders_again(world):
    calls = []
    cached_html(page(world.staff), "x", [1], counted(calls))
    Corporation.objects.filter(pk=world.corp_a.pk).update(representative="理事長")
    cached_html(page(world.staff), "x", [1], counted(calls))
    assert len(calls) == 2


def test_nothing_is_kept_inside_the_sites_own_transaction(world):
    calls = []
    with transaction.atomic():
        cached_html(page(world.staff), "x", [1], counted(calls))
        cached_html(page(world.staff), "x", [1], counted(calls))
    assert len(calls) == 2


def test_a_fragment_with_a_csrf_token_written_otherwise_is_refused(world):
    template = engines["django"].from_string(
        "{% load fragments %}{% fragment 'f' %}"
        '<input type="hidden" name="csrfmiddlewaretoken" value="{{ token }}">{% endfragment %}'
    )
    with pytest.raises(FragmentHoldsSecret):
        template.render({"token": "a-real-token"}, request=page(world.staff))


TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')


def tokens(html: str) -> list[str]:
    return TOKEN.findall(html)


def test_a_kept_fragment_holds_a_placeholder_and_each_request_its_own_token(world):
    from django.core.cache import cache
    from django.middleware.csrf import CsrfViewMiddleware, _unmask_cipher_token

    from core.fragments import csrf_slot

    template = engines["django"].from_string(
        "{% load fragments %}{% fragment 'f' %}<form method='post'>{% csrf_token %}</form>{% endfragment %}"
    )
    template.template.name = "test/form.html"  # a template made from a string is never kept: this one as a file's
    secrets = []
    for _viewer in range(2):
        request = page(world.staff)  # the same viewer, so the same key: the second render is a hit
        CsrfViewMiddleware(lambda r: None).process_request(request)
        found = tokens(template.render({}, request=request))
        assert len(found) == 1 and csrf_slot() not in found[0]
        secrets.append(_unmask_cipher_token(found[0]))
        assert secrets[-1] == request.META["CSRF_COOKIE"]  # this request's own secret
    assert secrets[0] != secrets[1]
    kept = [value for value in cache._cache.values()]  # LocMem: what is kept, pickled
    assert any(csrf_slot().encode() in value for value in kept)
    assert not any(secret.encode() in value for value in kept for secret in secrets)


def test_two_sessions_on_a_cached_page_see_only_their_own_token_and_it_is_accepted(world):
    from django.test import Client
    from django.urls import reverse

    from core.fragments import csrf_slot

    path = reverse("corporations:detail", kwargs={"pk": world.corp_a.pk})
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(world.staff)
    second.force_login(world.staff)  # the same viewer, another session: the same cached fragments
    seen = {}
    for name, client in (("first", first), ("second", second), ("first again", first)):
        html = client.get(path).content.decode()
        assert csrf_slot() not in html
        seen[name] = set(tokens(html))
        assert seen[name]
    from django.middleware.csrf import _unmask_cipher_token

    def secrets(found):
        return {_unmask_cipher_token(token) for token in found}

    assert secrets(seen["first"]) == secrets(seen["first again"]) == {first.cookies["csrftoken"].value}
    assert secrets(seen["second"]) == {second.cookies["csrftoken"].value}
    assert secrets(seen["first"]).isdisjoint(secrets(seen["second"]))
    # A token from the cached page is accepted by its own session, refused by the other.
    token = next(iter(seen["second"]))
    answer = second.post(reverse("set_language"), {"language": "ja", "next": path, "csrfmiddlewaretoken": token})
    assert answer.status_code == 302
    refused = first.post(reverse("set_language"), {"language": "ja", "next": path, "csrfmiddlewaretoken": token})
    assert refused.status_code == 403


def test_the_menu_follows_a_change_of_role(world):
    from tests.conftest import client_for

    client = client_for(world, "editor_a")
    assert "自法人の情報" in client.get("/").content.decode()
    assert "自法人の情報" in client.get("/").content.decode()  # from the cache
    Membership.objects.filter(user=world.editor_a).delete()
    assert "自法人の情報" not in client.get("/").content.decode()


@pytest.mark.parametrize("name, kwargs", [
    ("corporations:detail", lambda w: {"pk": w.corp_a.pk}),
    ("corporations:list", lambda w: {}),
    ("contributions:list", lambda w: {}),
    ("needs:list", lambda w: {}),
    ("contributions:board", lambda w: {}),
    ("contributions:report", lambda w: {}),
])
def test_a_view_that_reads_what_its_fragments_show_reads_the_generation_before_anything_else(world, name, kwargs):
    # Read after the view's own queries, the generation could be newer than the corporation or the
    # page of rows the view read: a write committed between would leave its old state cached
    # under the new generation (core/fragments.py generation_first).
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from tests.conftest import client_for

    client = client_for(world, "staff")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(name, kwargs=kwargs(world))).status_code == 200
    assert "core_generation" in queries.captured_queries[0]["sql"]
    assert sum("core_generation" in query["sql"] for query in queries.captured_queries) == 1
