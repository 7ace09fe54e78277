from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404

from accounts.policies import get_membership, is_council_staff
from core.normalize import normalize_kana

from .models import Corporation, Facility

# The register's exports: each corporation with its facilities, read as plain values in one
# query (a facility a row, a corporation without any: one row of NULLs) through a server-side
# cursor, so memory and the count of queries stay the same whatever the register's size.
EXPORT_CORPORATION_COLUMNS = (
    "pk", "name", "name_kana", "kind", "representative", "postal_code", "address", "phone", "email", "website",
    "home_area__name", "is_active",
)
EXPORT_FACILITY_COLUMNS = tuple(
    f"facilities__{column}" for column in (
        "pk", "name", "name_kana", "service_type__name", "area__name", "postal_code", "address", "phone",
        "capacity", "is_active",
    )
)
EXPORT_CHUNK_SIZE = 2000


def register_export_rows(corporations):
    """(corporation, [its facilities]) for the given corporations in 五十音 order, their facilities
    in 五十音 order: named rows of EXPORT_CORPORATION_COLUMNS, each facility's row also with
    EXPORT_FACILITY_COLUMNS (`facilities__name` …)."""
    rows = (
        corporations.order_by("name_kana", "name", "pk", "facilities__name_kana", "facilities__name", "facilities__pk")
        .values_list(*EXPORT_CORPORATION_COLUMNS, *EXPORT_FACILITY_COLUMNS, named=True)
        .iterator(chunk_size=EXPORT_CHUNK_SIZE)
    )
    corporation, facilities = None, []
    for row in rows:
        if corporation is None or row.pk != corporation.pk:
            if corporation is not None:
                yield corporation, facilities
            corporation, facilities = row, []
        if row.facilities__pk is not None:
            facilities.append(row)
    if corporation is not None:
        yield corporation, facilities


# The columns the register's page shows (templates/corporations/list.html): the page reads
# these only, and each corporation's facilities with the three columns it prints.
LIST_COLUMNS = ("pk", "name", "name_kana", "kind", "phone", "is_active", "home_area__name", "home_area__id")


def corporation_page_queryset():
    """The register's screen: one page of corporations (paged by the caller), then their
    facilities by with_facility_rows. Four queries whatever the register's size (count, page,
    facilities of the page's corporations; the filter adds its own)."""
    return Corporation.objects.select_related("home_area").only(*LIST_COLUMNS).order_by("name_kana", "name")


class FacilityRow(NamedTuple):
    name: str
    service_type: str
    area: str


def with_facility_rows(corporations) -> list[Corporation]:
    """The corporations of a page, each with facility_rows: its facilities' names, service types
    and areas in 五十音 order, read in one query as plain rows (a page prints a few hundred, and
    model objects for them were a fifth of the page's time)."""
    corporations = list(corporations)
    rows = {corporation.pk: [] for corporation in corporations}
    found = (
        Facility.objects.filter(corporation_id__in=rows)
        .order_by("corporation_id", "name_kana", "name")
        .values_list("corporation_id", "name", "service_type__name", "area__name")
    )
    for corporation_id, *columns in found:
        rows[corporation_id].append(FacilityRow(*columns))
    for corporation in corporations:
        corporation.facility_rows = rows[corporation.pk]
    return corporations


def visible_corporations(user):
    """Staff see every corporation; a member its own; anyone else none."""
    if is_council_staff(user):
        return Corporation.objects.all()
    membership = get_membership(user)
    if membership:
        return Corporation.objects.filter(pk=membership.corporation_id)
    return Corporation.objects.none()


def get_corporation_for_user(user, pk) -> Corporation:
    """A corporation the user may see; another corporation's answers 404."""
    return get_object_or_404(visible_corporations(user).select_related("home_area"), pk=pk)


def get_facility_of(corporation: Corporation, pk) -> Facility:
    """A facility of a corporation the caller got from get_corporation_for_user (so already
    visible to the user); another corporation's facility answers 404."""
    return get_object_or_404(
        Facility.objects.select_related("service_type", "area"), pk=pk, corporation=corporation
    )


# A picker offers this many matches; typing more narrows them.
SEARCH_LIMIT = 20


def corporations_matching(query: str, *, include_inactive: bool = False):
    """Corporations whose name or フリガナ holds `query` (kana folded), unordered: what a search by
    text finds, for the pickers and the attendance screen's walk-ins alike."""
    query = query.strip()
    if not query:
        return Corporation.objects.none()
    condition = Q(name__icontains=query) | Q(name_kana__icontains=query)
    try:
        condition |= Q(name_kana__icontains=normalize_kana(query))
    except ValidationError:
        pass
    corporations = Corporation.objects.filter(condition)
    if not include_inactive:
        corporations = corporations.filter(is_active=True)
    return corporations


def search_corporations(query: str, *, limit: int = SEARCH_LIMIT, include_inactive: bool = False):
    """Corporations whose name or フリガナ holds `query` (kana folded), in 五十音 order.

    The pickers' endpoint (corporations:search): one query, at most `limit` rows, whatever
    the size of the register.
    """
    found = corporations_matching(query, include_inactive=include_inactive)
    return found.order_by("name_kana", "name").only("pk", "name", "name_kana")[:limit]
