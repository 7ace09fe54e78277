"""Personas shared by every test: staff, an editor and a viewer of corporation A, an editor of B.

Like healthchecks' alice/bob/charlie: one world, the same names everywhere.
"""

import os
import shutil
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from hypothesis import settings as hypothesis_settings

from accounts.models import Membership
from tests.factories import CorporationFactory, FacilityFactory, MembershipFactory, StaffFactory, UserFactory

# Property-based tests (tests/test_fuzz.py): "ci" is repeatable (derandomized) and small enough
# for every run; "thorough" searches further. database=None: no example store in the checkout.
hypothesis_settings.register_profile("ci", max_examples=2, deadline=None, derandomize=True, database=None)
hypothesis_settings.register_profile("thorough", max_examples=60, deadline=None, database=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@dataclass
class World:
    corp_a: object
    corp_b: object
    facility_a: object
    facility_b: object
    staff: object
    editor_a: object
    viewer_a: object
    editor_b: object


@pytest.fixture
def world(db):
    corp_a = CorporationFactory(name="社会福祉法人あおば会", name_kana="アオバカイ")
    corp_b = CorporationFactory(name="社会福祉法人さくら会", name_kana="サクラカイ")
    return World(
        corp_a=corp_a,
        corp_b=corp_b,
        facility_a=FacilityFactory(corporation=corp_a, name="あおばホーム"),
        facility_b=FacilityFactory(corporation=corp_b, name="さくら保育園"),
        staff=StaffFactory(username="staff"),
        editor_a=MembershipFactory(user__username="editor_a", corporation=corp_a).user,
        viewer_a=MembershipFactory(
            user__username="viewer_a", corporation=corp_a, role=Membership.Role.VIEWER
        ).user,
        editor_b=MembershipFactory(user__username="editor_b", corporation=corp_b).user,
    )


ROLES = ["anonymous", "editor_a", "viewer_a", "editor_b", "staff"]
# The personas a policy (<app>/policies.py) is asked about: the world's, and "nobody", logged in but a member of
# no corporation.
POLICY_ROLES = ["anonymous", "nobody", "editor_a", "viewer_a", "editor_b", "staff"]


def user_for(world: World, role: str):
    """The user that a role of POLICY_ROLES stands for, to ask a policy about."""
    if role == "anonymous":
        return AnonymousUser()
    if role == "nobody":
        return UserFactory(username="nobody")
    return getattr(world, role)


def client_for(world: World, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(getattr(world, role))
    return client


def assert_menu(world: World, role: str, *, shows, hides) -> None:
    """The site's header, as the front page shows it to a persona, holds each of `shows` and none of `hides`."""
    html = client_for(world, role).get(reverse("portal:home")).content.decode()
    menu = html[: html.index("</header>")]
    for text in shows:
        assert text in menu, text
    for text in hides:
        assert text not in menu, text


def _client_of(role: str):
    """The fixture `<role>_client`: a test client logged in as that persona of the world."""

    @pytest.fixture(name=f"{role}_client")
    def logged_in(world):
        return client_for(world, role)

    return logged_in


staff_client = _client_of("staff")
editor_a_client = _client_of("editor_a")
viewer_a_client = _client_of("viewer_a")
editor_b_client = _client_of("editor_b")


@pytest.fixture
def superuser_client(world):
    """The world's staff member made a superuser and logged in: the Django admin."""
    world.staff.is_superuser = True
    world.staff.save()
    return client_for(world, "staff")


@pytest.fixture(autouse=True)
def _test_media(settings, tmp_path):
    """Uploads go to a temporary folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


@pytest.fixture(autouse=True)
def _japanese(settings):
    settings.LANGUAGE_CODE = "ja"
    assert settings.TIME_ZONE == "Asia/Tokyo"


@pytest.fixture
def deliver_mail(db):
    """"Deliver the queue now": what the mail worker does (core/mail.py), run in the test.
    Services only write mail to the queue; call deliver_mail() and read django.core.mail.outbox
    (or its return value) as the mail server received it."""
    from django.core import mail as django_mail

    from core.mail import deliver_queued

    def deliver():
        deliver_queued()
        return django_mail.outbox

    return deliver


@pytest.fixture(autouse=True)
def _fresh_fragments(monkeypatch):
    """The fragments' cache (core/fragments.py) is on in tests, as in production; emptied for each
    test, because a test's rolled-back writes give the next test the same generation numbers.
    Its clock is pinned to the minute the test starts: a page read twice to count the queries of
    its kept fragments would otherwise miss them when a minute turns between the two reads (a
    test that moves the clock sets fragments.clock_minute itself)."""
    from django.core.cache import cache

    from core import fragments

    minute = fragments.clock_minute()
    monkeypatch.setattr(fragments, "clock_minute", lambda: minute)
    cache.clear()
    yield
    cache.clear()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item):
    """PostgreSQL: in a test case's transaction, which stands for the commits of its requests, the
    generation's triggers (deferred to a commit, core/generation.py) fire at once from here on.
    After the fixtures, before the test's body: in no query count."""
    from django.db import connection

    if connection.vendor == "postgresql" and connection.in_atomic_block:
        from core import generation

        generation.fire_deferred()
