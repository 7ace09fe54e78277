"""Reads of needs, offer requests and resources, scoped to what the user may see.

Every list here reads a fixed number of queries whatever the size of the register: the
candidates are ranked in one query (subqueries per corporation), and the reasons for the
corporations of one page are prefetched.
"""

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Value,
    When,
)
from django.shortcuts import get_object_or_404

from accounts.policies import get_membership, is_council_staff
from contributions.models import Project, ProjectStatus, PublishedProject
from corporations.models import Corporation, Facility

from .models import (
    OPEN_STATUSES,
    Need,
    NeedKind,
    NeedProject,
    OfferRequest,
    OfferStatus,
    Resource,
    Visibility,
)

# Weights of the reasons a corporation is suggested for a need (higher first).
WEIGHT_RESOURCE_NEAR = 8  # an available resource of a wanted kind in the need's area
WEIGHT_RESOURCE_ELSEWHERE = 3  # … in another area
WEIGHT_THEME_PROJECT = 4  # a project on one of the need's themes
WEIGHT_SIMILAR_ANSWER = 2  # it accepted needs on the same theme before (twice that for many)
SIMILAR_ANSWERS_MANY = 3


def visible_needs(user):
    """Staff see every need. A member sees local issues published to members or the public,
    and any need (a case too) sent to its corporation. Anyone else sees none here."""
    if is_council_staff(user):
        return Need.objects.all()
    membership = get_membership(user)
    if membership is None:
        return Need.objects.none()
    sent = OfferRequest.objects.filter(corporation_id=membership.corporation_id).values("need_id")
    published = Q(kind=NeedKind.ISSUE, visibility__in=[Visibility.MEMBERS, Visibility.PUBLIC])
    return Need.objects.filter(published | Q(pk__in=sent))


def public_needs():
    """この地域で求められていること: local issues whose public text staff approved."""
    return (
        Need.objects.filter(kind=NeedKind.ISSUE, visibility=Visibility.PUBLIC)
        .prefetch_related("areas", "themes")
        .order_by("-published_at", "-pk")
    )


def get_public_need(pk) -> Need:
    return get_object_or_404(public_needs(), pk=pk)


def get_need_for_user(user, pk) -> Need:
    """A need the user may read; anything else (a case not sent to them) answers 404."""
    return get_object_or_404(visible_needs(user).select_related("in_charge", "created_by", "published_by"), pk=pk)


def need_list_queryset(user):
    """The needs list; `sent_to_me` says whether the viewer's corporation was asked (it then
    reads the working text, not only the text approved for members)."""
    membership = get_membership(user)
    if is_council_staff(user) or membership is None:
        sent_to_me = Value(is_council_staff(user))
    else:
        sent_to_me = Exists(OfferRequest.objects.filter(need=OuterRef("pk"), corporation_id=membership.corporation_id))
    return (
        visible_needs(user)
        .annotate(sent_to_me=sent_to_me)
        .select_related("in_charge")
        .prefetch_related("areas", "themes", "resource_kinds")
        .annotate(
            offer_count=Count("offers", distinct=True),
            accepted_count=Count("offers", filter=Q(offers__status=OfferStatus.ACCEPTED), distinct=True),
        )
        .order_by("-received_on", "-pk")
    )


def need_detail_prefetch(need: Need, *, with_offers: bool) -> Need:
    from django.db.models import prefetch_related_objects

    lookups = ["areas", "themes", "target_groups", "resource_kinds",
               Prefetch("project_links",
                        queryset=NeedProject.objects.select_related("project__owner", "project__published")),
               Prefetch("status_changes", queryset=need.status_changes.model.objects.select_related("changed_by"))]
    if with_offers:
        lookups.append(Prefetch(
            "offers", queryset=OfferRequest.objects.select_related("corporation", "sent_by", "answered_by")
            .order_by("corporation__name_kana", "pk")
        ))
    prefetch_related_objects([need], *lookups)
    return need


def case_views_of(need: Need):
    return need.case_views.select_related("user", "corporation").order_by("-viewed_at", "-pk")[:100]


# --- Offer requests ----------------------------------------------------------------------------


def offers_for_user(user):
    """Staff: every offer request. A member: its corporation's."""
    queryset = OfferRequest.objects.select_related("need", "corporation", "sent_by", "answered_by")
    if is_council_staff(user):
        return queryset
    membership = get_membership(user)
    if membership is None:
        return queryset.none()
    return queryset.filter(corporation_id=membership.corporation_id)


def get_offer_for_user(user, pk) -> OfferRequest:
    """Another corporation's offer request answers 404."""
    return get_object_or_404(offers_for_user(user), pk=pk)


def corporation_offers(corporation):
    """A corporation's offer requests, newest first, with what the corporation page prints of each
    and of its need (the need's description and the messages are not read)."""
    return (
        OfferRequest.objects.filter(corporation=corporation)
        .select_related("need")
        .only("need_id", "corporation_id", "sent_at", "status", "is_engaged", "need__title")
        .order_by("-sent_at", "-pk")
    )


def pending_offers():
    return OfferRequest.objects.filter(status=OfferStatus.PENDING, need__status__in=OPEN_STATUSES)


# --- Resources ---------------------------------------------------------------------------------


def resource_area_q(areas) -> Q:
    """Resources in these areas: the facility's area, else the corporation's home area."""
    return Q(facility__area__in=areas) | Q(facility__isnull=True, corporation__home_area__in=areas)


def resource_directory():
    """The network directory: every resource of active corporations, with its area."""
    return (
        Resource.objects.filter(corporation__is_active=True)
        .select_related("corporation__home_area", "facility__area", "facility__service_type", "kind")
        .order_by("corporation__name_kana", "kind__sort_order", "title", "pk")
    )


def public_resources():
    return resource_directory().filter(is_public=True, is_available=True)


def get_resource_for_user(user, pk) -> Resource:
    """Members of any corporation and staff read the directory; others get 404 here."""
    from .policies import can_browse_resources

    queryset = resource_directory() if can_browse_resources(user) else Resource.objects.none()
    return get_object_or_404(queryset, pk=pk)


# --- Candidates --------------------------------------------------------------------------------


def _flag(corporation_ids) -> ExpressionWrapper:
    """True for the corporations in a (non-correlated) subquery of corporation ids.

    The subquery runs once, not once per corporation: with thousands of corporations a
    correlated EXISTS per reason read the projects or resources again for each of them.
    """
    return ExpressionWrapper(Q(pk__in=corporation_ids), output_field=BooleanField())


def _points(flag: str, points: int):
    return Case(When(**{flag: True}, then=Value(points)), default=Value(0), output_field=IntegerField())


def candidate_corporations(need: Need, *, area=None, resource_kind=None, service_type=None):
    """Active corporations ranked for a need, in one query. The need's areas, themes and
    wanted kinds must already be prefetched (need_detail_prefetch).

    Reasons, each with its weight: an available resource of a wanted kind in the need's
    area (ward-wide needs: anywhere), else in another area; a project (not ended) on one of
    the need's themes, as owner or partner; needs on the same themes it accepted before
    (more for SIMILAR_ANSWERS_MANY or more). Corporations with no reason are not candidates.
    """
    area_ids = [a.pk for a in need.areas.all()]
    theme_ids = [t.pk for t in need.themes.all()]
    kind_ids = [k.pk for k in need.resource_kinds.all()]

    wanted = Resource.objects.filter(is_available=True, kind_id__in=kind_ids)
    if area_ids:
        near = wanted.filter(resource_area_q(area_ids))
        elsewhere = wanted.filter(
            Q(facility__isnull=False) & ~Q(facility__area__in=area_ids)
            | Q(facility__isnull=True) & ~Q(corporation__home_area__in=area_ids)
        )
    else:
        near, elsewhere = wanted, wanted.none()
    live_on_theme = Project.objects.filter(themes__in=theme_ids).exclude(status=ProjectStatus.ENDED)
    joint_on_theme = Project.partners.through.objects.filter(project__in=live_on_theme.values("pk"))
    similar = (
        OfferRequest.objects.filter(status=OfferStatus.ACCEPTED, need__themes__in=theme_ids).exclude(need=need)
        .values("corporation_id").annotate(needs=Count("need", distinct=True))
    )
    queryset = Corporation.objects.filter(is_active=True).select_related("home_area").annotate(
        has_near=_flag(near.values("corporation_id")),
        has_elsewhere=_flag(elsewhere.values("corporation_id")),
        has_theme_project=ExpressionWrapper(
            Q(pk__in=live_on_theme.values("owner_id")) | Q(pk__in=joint_on_theme.values("corporation_id")),
            output_field=BooleanField(),
        ),
        has_similar=_flag(similar.values("corporation_id")),
        has_many_similar=_flag(similar.filter(needs__gte=SIMILAR_ANSWERS_MANY).values("corporation_id")),
    )
    if area is not None:
        queryset = queryset.filter(
            Q(home_area=area) | Q(pk__in=Facility.objects.filter(area=area).values("corporation_id")),
        )
    if resource_kind is not None:
        queryset = queryset.filter(
            pk__in=Resource.objects.filter(is_available=True, kind=resource_kind).values("corporation_id"),
        )
    if service_type is not None:
        queryset = queryset.filter(pk__in=Facility.objects.filter(service_type=service_type).values("corporation_id"))
    queryset = queryset.annotate(
        score=_points("has_near", WEIGHT_RESOURCE_NEAR) + _points("has_elsewhere", WEIGHT_RESOURCE_ELSEWHERE)
        + _points("has_theme_project", WEIGHT_THEME_PROJECT) + _points("has_similar", WEIGHT_SIMILAR_ANSWER)
        + _points("has_many_similar", WEIGHT_SIMILAR_ANSWER)
    )
    return queryset.filter(score__gt=0).order_by("-score", "name_kana", "pk")


def candidate_reasons(need: Need, corporations: list) -> None:
    """Attach to each corporation of a page what makes it a candidate (five queries for
    the page): its available resources of a wanted kind (with their areas), its projects on
    the need's themes (and their partners), its offer request for this need, if any, and
    how many needs on the same themes it accepted before."""
    ids = [c.pk for c in corporations]
    area_ids = {a.pk for a in need.areas.all()}
    theme_ids = [t.pk for t in need.themes.all()]
    kind_ids = [k.pk for k in need.resource_kinds.all()]
    resources = {}
    if kind_ids:
        for resource in (
            Resource.objects.filter(corporation_id__in=ids, is_available=True, kind_id__in=kind_ids)
            .select_related("kind", "facility__area", "corporation__home_area")
            .order_by("kind__sort_order", "title", "pk")
        ):
            resources.setdefault(resource.corporation_id, []).append(resource)
    projects = {}
    if theme_ids:
        for project in (
            Project.objects.filter(Q(owner_id__in=ids) | Q(partners__in=ids), themes__in=theme_ids)
            .exclude(status=ProjectStatus.ENDED)
            .prefetch_related("partners")
            .distinct()
            .order_by("title", "pk")
        ):
            for corporation_id in {project.owner_id, *(p.pk for p in project.partners.all())} & set(ids):
                projects.setdefault(corporation_id, []).append(project)
    offers = {o.corporation_id: o for o in OfferRequest.objects.filter(need=need, corporation_id__in=ids)}
    similar = dict(
        OfferRequest.objects.filter(corporation_id__in=ids, status=OfferStatus.ACCEPTED, need__themes__in=theme_ids)
        .exclude(need=need).order_by().values("corporation_id").annotate(needs=Count("need", distinct=True))
        .values_list("corporation_id", "needs")
    ) if theme_ids else {}
    for corporation in corporations:
        found = resources.get(corporation.pk, [])
        for resource in found:
            resource.is_near = not area_ids or resource.area.pk in area_ids
        corporation.matching_resources = sorted(found, key=lambda r: not r.is_near)
        corporation.matching_projects = projects.get(corporation.pk, [])
        corporation.offer = offers.get(corporation.pk)
        corporation.similar_count = similar.get(corporation.pk, 0)


# --- The projects a need answers, on a project's page -------------------------------------------


def needs_answered_by(user, project) -> list[Need]:
    """The needs a project answers that this viewer may read (one query).

    On the public catalogue (a PublishedProject) only needs published to the public show;
    on the working page, what the viewer may see as a member or staff.
    """
    if isinstance(project, PublishedProject):
        needs = Need.objects.filter(kind=NeedKind.ISSUE, visibility=Visibility.PUBLIC)
    else:
        needs = visible_needs(user)
    return list(needs.filter(project_links__project_id=project.pk).order_by("-received_on", "pk"))


# The fiscal year's report (annual app) ------------------------------------------------------


def needs_of_year(fiscal_year: int):
    """Needs received in a fiscal year, with their areas (area_list), themes (theme_list), the
    corporations that took them on (taken_offers: offers accepted or engaged) and the owners of
    the projects that answer them (answering_links), as plain lists and with only the names the
    report prints (1 query + 4 prefetches). Staff only: individual cases are among them (titles
    are not read by the report, only counted)."""
    from core.wareki import fiscal_year_bounds

    first, last = fiscal_year_bounds(fiscal_year)
    taken = (
        OfferRequest.objects.filter(Q(status=OfferStatus.ACCEPTED) | Q(is_engaged=True))
        .select_related("corporation").only("need", "corporation__name", "corporation__name_kana")
    )
    links = NeedProject.objects.select_related("project__owner").only(
        "need", "project__owner__name", "project__owner__name_kana"
    )
    return (
        Need.objects.filter(received_on__range=(first, last))
        .only("pk", "kind", "status", "received_on")
        .prefetch_related(
            Prefetch("areas", to_attr="area_list"), Prefetch("themes", to_attr="theme_list"),
            Prefetch("offers", queryset=taken, to_attr="taken_offers"),
            Prefetch("project_links", queryset=links, to_attr="answering_links"),
        )
        .order_by("received_on", "pk")
    )


def need_fiscal_years() -> list[int]:
    """Fiscal years with a need received, newest first (1 query)."""
    from core.wareki import fiscal_year_of

    days = Need.objects.dates("received_on", "month", order="DESC")
    return sorted({fiscal_year_of(day) for day in days}, reverse=True)
