import datetime

import factory
from factory.django import DjangoModelFactory

from needs import services
from needs.models import Need, NeedKind, NeedSource, Resource, ResourceKind
from tests.factories import OfCorporationFactory, StaffFactory, many_to_many, vocabulary

ResourceKindFactory = vocabulary(ResourceKind, "場所・部屋")


class NeedFactory(DjangoModelFactory):
    class Meta:
        model = Need
        skip_postgeneration_save = True

    kind = NeedKind.ISSUE
    title = factory.Sequence(lambda n: f"子どもの学習支援の場{n}")
    description = "中学生が放課後に勉強できる場所と、教える人が足りません。"
    source = NeedSource.LIFE_SUPPORT
    received_on = datetime.date(2015, 10, 1)
    in_charge = factory.SubFactory(StaffFactory)
    created_by = factory.LazyAttribute(lambda o: o.in_charge)

    areas = many_to_many("areas")
    themes = many_to_many("themes")
    resource_kinds = many_to_many("resource_kinds")


class CaseFactory(NeedFactory):
    kind = NeedKind.CASE
    title = factory.Sequence(lambda n: f"制度のはざまの相談{n}")
    description = "40代。仕事を失い、食事にも困っている。就労体験の場を探している。"
    age_band = "40s"


class ResourceFactory(OfCorporationFactory):
    class Meta:
        model = Resource

    kind = factory.SubFactory(ResourceKindFactory)
    title = factory.Sequence(lambda n: f"地域交流スペース{n}")
    description = "30名まで使えます。"
    days = "平日"
    hours = "10時〜16時"
    contact_name = "地域連携担当"


def send(need, *corporations, staff):
    """Offer requests through the service; returns those of these corporations, in order."""
    services.offers_send(need=need, corporations=list(corporations), acting_user=staff)
    offers = {o.corporation_id: o for o in need.offers.filter(corporation__in=corporations)}
    return [offers[c.pk] for c in corporations]


def published(need, staff, visibility="public"):
    return services.need_publish(need=need, acting_user=staff, visibility=visibility,
                                 public_title=f"公開用: {need.title}", public_description="公開用の説明です。")
