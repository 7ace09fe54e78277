"""The signed-in user kept between requests of the same data generation (accounts/current_user.py):
no user query on a page that read the generation first, yet a log-out, a deactivation or a new
password takes effect on the next request, and one session never gets another's user."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db


def detail(world):
    return reverse("corporations:detail", kwargs={"pk": world.corp_a.pk})  # reads the generation first


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def user_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(path)
    return answer, [q["sql"] for q in queries.captured_queries if 'FROM "accounts_user"' in q["sql"]]


def test_the_second_request_of_the_same_generation_reads_no_user(world):
    client = signed_in(world.staff)
    first, read = user_queries(client, detail(world))
    assert first.status_code == 200 and len(read) == 1
    second, read = user_queries(client, detail(world))
    assert second.status_code == 200 and read == []
    assert second.wsgi_request.user.pk == world.staff.pk


def test_a_logged_out_session_is_anonymous_at_once_and_another_session_stays(world):
    one, other = signed_in(world.staff), signed_in(world.staff)
    for client in (one, other):
        assert client.get(detail(world)).status_code == 200  # the user is kept now
    one.post(reverse("accounts:logout"))
    assert one.get(detail(world)).status_code == 302  # to the log-in page
    assert other.get(detail(world)).status_code == 200


@pytest.mark.parametrize("change", ["deactivate", "password"])
def test_a_change_to_the_user_takes_effect_on_the_next_request(world, change):
    client = signed_in(world.staff)
    assert client.get(detail(world)).status_code == 200
    assert client.get(detail(world)).status_code == 200  # from the cache
    if change == "deactivate":
        User.objects.filter(pk=world.staff.pk).update(is_active=False)
    else:
        world.staff.set_password("another-long-passphrase-2026")
        world.staff.save()
    assert client.get(detail(world)).status_code == 302


def test_each_session_gets_its_own_user(world):
    staff, editor = signed_in(world.staff), signed_in(world.editor_a)
    for _round in range(2):
        assert staff.get(detail(world)).wsgi_request.user.pk == world.staff.pk
        assert editor.get(detail(world)).wsgi_request.user.pk == world.editor_a.pk
