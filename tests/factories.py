"""factory_boy factories shared by every app's tests. Apps add theirs in their own module."""

import factory
from factory.django import DjangoModelFactory

from accounts.models import Membership, User
from corporations.models import Area, Corporation, Facility, ServiceType

KATAKANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ"


def many_to_many(name: str) -> factory.PostGeneration:
    """Sets the many-to-many field `name` to the list a test gives (`ProjectFactory(themes=[…])`), else leaves
    it empty."""

    def set_links(obj, create, extracted, **kwargs):
        if create and extracted:
            getattr(obj, name).set(extracted)

    return factory.PostGeneration(set_links)


def _kana(n: int) -> str:
    # Distinct, 五十音-sortable フリガナ for the n-th object.
    return KATAKANA[n % len(KATAKANA)] + KATAKANA[(n // len(KATAKANA)) % len(KATAKANA)] + "カイ"


class VocabularyFactory(DjangoModelFactory):
    """A row of a list staff keep (areas, service types, themes …): got or created by its name, so a test that
    names a seeded row gets that row, and two that name the same one share it."""

    class Meta:
        abstract = True
        django_get_or_create = ["name"]


def vocabulary(model, default_name: str) -> type[VocabularyFactory]:
    """The factory of one such list; its rows are `default_name` unless a test names another."""
    return factory.make_factory(model, FACTORY_CLASS=VocabularyFactory, name=default_name)


AreaFactory = vocabulary(Area, "練馬")
ServiceTypeFactory = vocabulary(ServiceType, "高齢")


class CorporationFactory(DjangoModelFactory):
    class Meta:
        model = Corporation

    name = factory.Sequence(lambda n: f"社会福祉法人テスト{n}会")
    name_kana = factory.Sequence(_kana)
    kind = Corporation.Kind.SOCIAL_WELFARE
    home_area = factory.SubFactory(AreaFactory)
    postal_code = "176-0012"
    address = "東京都練馬区豊玉北6-12-1"
    phone = "03-3993-9931"
    email = factory.Sequence(lambda n: f"corp{n}@example.jp")


class OfCorporationFactory(DjangoModelFactory):
    """A row that belongs to one corporation: its facilities, members, resources, invitations …"""

    class Meta:
        abstract = True

    corporation = factory.SubFactory(CorporationFactory)


class FacilityFactory(OfCorporationFactory):
    class Meta:
        model = Facility

    name = factory.Sequence(lambda n: f"テスト施設{n}")
    name_kana = factory.Sequence(lambda n: "テストシセツ" + _kana(n))
    service_type = factory.SubFactory(ServiceTypeFactory)
    area = factory.LazyAttribute(lambda o: o.corporation.home_area)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.jp")
    display_name = factory.Sequence(lambda n: f"利用者 {n}")
    password = factory.PostGenerationMethodCall("set_password", "pass-word-1234")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class StaffFactory(UserFactory):
    is_staff = True


class MembershipFactory(OfCorporationFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Membership.Role.EDITOR
