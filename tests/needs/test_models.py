"""The database itself refuses the data that must never exist."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from needs.models import Need, NeedKind, OfferRequest, OfferStatus, Resource
from tests.needs.factories import (
    CaseFactory,
    NeedFactory,
    ResourceFactory,
    ResourceKindFactory,
    send,
)


def _refused(queryset, **values):
    with pytest.raises(IntegrityError), transaction.atomic():
        queryset.update(**values)


def test_a_case_has_an_age_band_and_no_public_text(world):
    case = CaseFactory(in_charge=world.staff)
    cases = Need.objects.filter(pk=case.pk)
    _refused(cases, age_band="")
    _refused(cases, public_title="公開", visibility="public", published_at=timezone.now(), published_by=world.staff)
    _refused(cases, public_description="公開の内容")
    issue = Need.objects.filter(pk=NeedFactory(in_charge=world.staff).pk)
    _refused(issue, age_band="40s")


def test_published_means_approved_text(world):
    issue = Need.objects.filter(pk=NeedFactory(in_charge=world.staff).pk)
    _refused(issue, visibility="public")
    _refused(issue, visibility="members", public_title="件名")  # nobody approved it


def test_values_are_from_their_lists(world):
    need = Need.objects.filter(pk=NeedFactory(in_charge=world.staff).pk)
    for field in ("kind", "status", "source", "urgency", "visibility"):
        _refused(need, **{field: "nonsense"})


def test_closing_needs_an_outcome(world):
    need = Need.objects.filter(pk=NeedFactory(in_charge=world.staff).pk)
    for status in ("resolved", "closed", "declined"):
        _refused(need, status=status)
    need.update(status="closed", outcome="つないだ")


def test_one_offer_request_per_need_and_corporation(world):
    need = NeedFactory(in_charge=world.staff)
    send(need, world.corp_a, staff=world.staff)
    with pytest.raises(IntegrityError), transaction.atomic():
        OfferRequest.objects.create(need=need, corporation=world.corp_a, sent_at=timezone.now(), sent_by=world.staff)


def test_an_answer_is_whole_and_engagement_needs_an_acceptance(world):
    (offer,) = send(NeedFactory(in_charge=world.staff), world.corp_a, staff=world.staff)
    offers = OfferRequest.objects.filter(pk=offer.pk)
    _refused(offers, status=OfferStatus.ACCEPTED)  # no time, no person
    _refused(offers, is_engaged=True)
    _refused(offers, status="maybe", answered_at=timezone.now(), answered_by=world.editor_a)
    _refused(offers, status=OfferStatus.DECLINED, answered_at=offer.sent_at - datetime.timedelta(days=1),
             answered_by=world.editor_a)


def test_a_resource_has_a_contact_and_a_known_fee(world):
    resource = Resource.objects.filter(pk=ResourceFactory(corporation=world.corp_a).pk)
    _refused(resource, contact_name="")
    _refused(resource, fee="sometimes")
    _refused(resource, capacity=0)


def test_records_with_history_are_protected_not_cascaded(world):
    need = NeedFactory(in_charge=world.staff)
    send(need, world.corp_a, staff=world.staff)
    ResourceFactory(corporation=world.corp_b, kind=ResourceKindFactory(name="車両"))
    with pytest.raises(ProtectedError):
        need.delete()
    with pytest.raises(ProtectedError):
        world.corp_b.delete()
    assert Need.objects.filter(pk=need.pk).exists()


def test_the_seeded_resource_kinds_are_there(vocab):
    assert {
        "場所・部屋", "車両", "厨房・食事", "人材・専門職", "講座・研修", "物品", "就労体験の受け入れ", "相談窓口",
    } <= set(vocab["kinds"])


def test_kinds_name_the_two_kinds_of_need():
    assert NeedKind.CASE.label == "個別課題" and NeedKind.ISSUE.label == "地域課題"
