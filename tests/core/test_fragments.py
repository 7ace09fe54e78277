"""Cached fragments (core/fragments.py, {% fragment %}): kept for the same viewer, language,
data and minute; never across a committed write, another user or another language; never
with a CSRF token; never inside the site's own transaction."""

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


def test_a_fragment_with_a_csrf_token_is_refused(world):
    template = engines["django"].from_string("{% load fragments %}{% fragment 'f' %}{% csrf_token %}{% endfragment %}")
    with pytest.raises(FragmentHoldsSecret):
        template.render({}, request=page(world.staff))


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
