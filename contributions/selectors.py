"""Reads of projects, scoped to what the user may see, with their joins prefetched."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Prefetch, Q, Value, prefetch_related_objects
from django.db.models.functions import Coalesce, NullIf
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.policies import get_membership, is_council_staff
from core.wareki import fiscal_year_bounds, fiscal_year_of
from corporations.models import Area, Corporation

from .models import (
    NetworkPattern,
    Project,
    ProjectPhoto,
    ProjectReview,
    ProjectStatus,
    PublicationState,
    PublishedProject,
)
from .policies import can_edit_project

# A 実施中 project with no review at all is overdue once it is this old (about half a year).
FIRST_REVIEW_DAYS = 180


def visible_projects(user):
    """Staff see every project; a member its corporation's own and joint (partner) projects.

    The query form of policies.can_view_project (a test keeps the two in step).
    """
    if is_council_staff(user):
        return Project.objects.all()
    membership = get_membership(user)
    if membership is None:
        return Project.objects.none()
    corporation_id = membership.corporation_id
    joint = Project.partners.through.objects.filter(corporation_id=corporation_id).values("project_id")
    return Project.objects.filter(Q(owner_id=corporation_id) | Q(pk__in=joint))


def get_project_for_user(user, pk) -> Project:
    """A project the user may see; another corporation's answers 404."""
    return get_object_or_404(visible_projects(user).select_related("owner", "pattern"), pk=pk)


def get_project_for_edit(user, pk, allowed=can_edit_project) -> Project:
    """A project the user may change (by `allowed`, a rule of policies.py: editing it unless another is named):
    another corporation's answers 404, a partner's or a viewer's 403."""
    project = get_project_for_user(user, pk)
    if not allowed(user, project):
        raise PermissionDenied
    return project


def get_photo_of(project: Project, photo_pk) -> ProjectPhoto:
    """A photo of a project already checked for the user (its photo.project is that project)."""
    return get_object_or_404(project.photos.all(), pk=photo_pk)


def project_list_queryset(user):
    return (
        visible_projects(user)
        .select_related("owner", "pattern")
        # The columns the list prints (templates/contributions/list.html), not whole rows, and
        # plain lists on each row: no queryset made per row when the list prints them.
        .only(
            "title", "status", "publication_state", "has_pending_changes", "next_review_on", "updated_at",
            "owner__name", "pattern__number", "pattern__name",
        )
        .prefetch_related(
            Prefetch("areas", to_attr="area_list"),
            Prefetch("partners", queryset=Corporation.objects.only("name"), to_attr="partner_list"),
        )
        .order_by("-updated_at", "-pk")
    )


def project_detail_prefetch(project: Project):
    """The relations the detail page shows, in one query each."""
    prefetch_related_objects(
        [project], "partners", "areas", "themes", "target_groups", "photos",
        Prefetch("facilities", queryset=project.facilities.model.objects.select_related("corporation")),
        Prefetch("reviews", queryset=project.reviews.model.objects.select_related("author")),
    )
    return project


def board_projects(user, area=None):
    """The board: every visible project (any state) with its pattern, owner and scores;
    only those of `area` when one is given."""
    projects = visible_projects(user).select_related("owner", "pattern").order_by("pk")
    return projects.filter(areas=area) if area is not None else projects


def board_columns(projects):
    """Only what the board prints of each project, its owner and its pattern: the rows are read
    whole otherwise (descriptions, search text), a third of a page's queries' time."""
    return projects.only(
        "title", "status", "ripple_score", "feasibility_score", "staff_ripple_score", "staff_feasibility_score",
        "owner__name", "pattern__number", "pattern__name", "pattern__color",
    )


def board_ranking(projects):
    """The board's projects ranked in SQL as Project.score ranks them: the largest 波及効果 ×
    実現可能性 first (staff's own scores replacing the corporation's), ties by ripple, then
    title, so that a page of the board reads one slice of the ranking, not every project."""
    ripple = Coalesce(NullIf(F("staff_ripple_score"), Value(0)), F("ripple_score"))
    feasibility = Coalesce(NullIf(F("staff_feasibility_score"), Value(0)), F("feasibility_score"))
    return projects.annotate(board_ripple=ripple, board_score=ripple * feasibility).order_by(
        "-board_score", "-board_ripple", "title", "pk"
    )


def overdue_filter(today: datetime.date | None = None) -> Q:
    """When a project's review is overdue (the rule shown on the page).

    Projects 休止 or 終了 are never overdue. Otherwise a project is overdue when the next
    review date set by its latest review has passed, or when it is 実施中, has no review at
    all and was registered more than FIRST_REVIEW_DAYS days ago.
    """
    today = today or timezone.localdate()
    cutoff = timezone.now() - datetime.timedelta(days=FIRST_REVIEW_DAYS)
    live = ~Q(status__in=[ProjectStatus.PAUSED, ProjectStatus.ENDED])
    late = Q(next_review_on__lt=today)
    never = Q(status=ProjectStatus.ACTIVE, last_reviewed_on__isnull=True, created_at__lt=cutoff)
    return live & (late | never)


def overdue_projects():
    return (
        Project.objects.filter(overdue_filter())
        .select_related("owner", "pattern")
        # Never reviewed (no date) first, on SQLite and PostgreSQL alike.
        .order_by(F("next_review_on").asc(nulls_first=True), "owner__name_kana", "pk")
    )


def awaiting_review():
    return Project.objects.filter(publication_state=PublicationState.SUBMITTED)


def public_projects():
    """The catalogue: public copies only."""
    return (
        PublishedProject.objects.filter(is_public=True)
        .select_related("owner", "pattern")
        .prefetch_related("areas", "themes", "target_groups")
        .order_by("-published_at", "-pk")
    )


def get_public_project(pk) -> PublishedProject:
    """A published project; unpublished, withdrawn or missing ones answer 404."""
    return get_object_or_404(
        PublishedProject.objects.filter(is_public=True).select_related("owner", "pattern").prefetch_related(
            "areas", "themes", "target_groups", "partners", "photos"
        ),
        pk=pk,
    )


def public_pattern_counts():
    """Each pattern with the number of projects public in the catalogue (one query)."""
    return NetworkPattern.objects.annotate(
        public_count=Count("published_projects", filter=Q(published_projects__is_public=True))
    ).order_by("number")


def report_projects():
    return (
        Project.objects.select_related("owner", "pattern")
        .prefetch_related(Prefetch("areas", queryset=Area.objects.order_by("sort_order", "name")), "partners")
        .order_by("pattern__number", "owner__name_kana", "title", "pk")
    )


def report_page_columns(projects):
    """Only what the report's page prints (its exports print more, and read report_projects whole):
    a project's title, states and last review, its owner's name, its areas' and partners' names."""
    return projects.prefetch_related(None).only(
        "title", "status", "publication_state", "last_reviewed_on", "pattern_id", "owner__name", "pattern__number",
    ).prefetch_related(
        Prefetch("areas", queryset=Area.objects.order_by("sort_order", "name").only("name"), to_attr="areas_list"),
        Prefetch("partners", queryset=Corporation.objects.only("name"), to_attr="partners_list"),
    )


# The fiscal year's report (annual app) and each corporation's yearly sheet ----------------


def active_in_period_q(first: datetime.date, last: datetime.date) -> Q:
    """Projects whose period touches [first, last]. A project without a start date starts on
    the day it was registered; one without an end date goes on."""
    started = Q(period_start__lte=last) | Q(period_start__isnull=True, created_at__date__lte=last)
    not_ended = Q(period_end__isnull=True) | Q(period_end__gte=first)
    return started & not_ended


def _limited(projects, *, published_only: bool, area, pattern):
    """Published only (公開) unless asked for all; in an area, of a pattern, when given."""
    if published_only:
        projects = projects.filter(publication_state=PublicationState.PUBLISHED)
    if area is not None:
        projects = projects.filter(pk__in=Project.areas.through.objects.filter(area=area).values("project_id"))
    if pattern is not None:
        projects = projects.filter(pattern=pattern)
    return projects


def projects_of_year(fiscal_year: int, *, published_only: bool = True, area=None, pattern=None,
                     corporation=None, details: bool = True):
    """The projects active in a fiscal year (by their period), with what the report and the
    sheets print prefetched: owner, pattern, areas, partners, themes, target groups, facilities
    (1 query + 5 prefetches). Published only (公開, the working copy) unless asked for all;
    limited to an area, a pattern or a corporation's own and joint projects when given. Without
    details (the year's report), no target groups nor facilities, and partners' names only
    (1 query + 3 prefetches)."""
    in_year = Project.objects.filter(active_in_period_q(*fiscal_year_bounds(fiscal_year)))
    projects = _limited(in_year, published_only=published_only, area=area, pattern=pattern)
    if corporation is not None:
        joint = Project.partners.through.objects.filter(corporation=corporation).values("project_id")
        projects = projects.filter(Q(owner=corporation) | Q(pk__in=joint))
    partners = Project.partners.rel.model.objects.order_by("name_kana", "name")
    prefetches = [
        Prefetch("areas", queryset=Area.objects.order_by("sort_order", "name")),
        Prefetch("partners", queryset=partners if details else partners.only("pk", "name", "name_kana")),
        "themes",
    ]
    if details:
        prefetches += [
            "target_groups",
            Prefetch("facilities", queryset=Project.facilities.rel.model.objects.order_by("name_kana", "name")),
        ]
    return (
        projects.select_related("owner", "pattern")
        .prefetch_related(*prefetches)
        .order_by("pattern__number", "owner__name_kana", "title", "pk")
    )


def project_fiscal_years() -> list[int]:
    """Fiscal years from the first project's start (or registration) to the last one's, newest
    first (1 query)."""
    bounds = Project.objects.aggregate(
        first_start=Min("period_start"), first_created=Min("created_at"),
        last_start=Max("period_start"), last_created=Max("created_at"),
    )
    firsts = [d for d in (bounds["first_start"], bounds["first_created"]) if d]
    lasts = [d for d in (bounds["last_start"], bounds["last_created"]) if d]
    if not firsts:
        return []
    first = min(fiscal_year_of(d) for d in firsts)
    last = max(fiscal_year_of(d) for d in lasts)
    return list(range(last, first - 1, -1))


def reviews_of_year(fiscal_year: int) -> list[tuple[int, int]]:
    """(project id, pattern id) of each review (振り返り) dated in the fiscal year (1 query)."""
    first, last = fiscal_year_bounds(fiscal_year)
    return list(
        ProjectReview.objects.filter(reviewed_on__range=(first, last)).values_list("project_id", "project__pattern_id")
    )


def overdue_as_of(day: datetime.date):
    """The overdue rule of overdue_filter, read on a given day (the end of a past fiscal year):
    projects with their owner and pattern, never reviewed first."""
    cutoff = day - datetime.timedelta(days=FIRST_REVIEW_DAYS)
    live = ~Q(status__in=[ProjectStatus.PAUSED, ProjectStatus.ENDED])
    late = Q(next_review_on__lt=day)
    never = Q(status=ProjectStatus.ACTIVE, last_reviewed_on__isnull=True, created_at__date__lt=cutoff)
    return (
        Project.objects.filter(live & (late | never), created_at__date__lte=day)
        .select_related("owner", "pattern")
        .order_by(F("next_review_on").asc(nulls_first=True), "owner__name_kana", "pk")
    )


def report_counts(projects, areas, patterns) -> tuple[list, list, int]:
    """The report's pattern × area table over every selected project, counted in SQL (2
    queries): ([(pattern, [count per area], projects of the pattern)], [count per area (延べ)],
    projects). A project in several areas counts once in each, as Report does."""
    selected = projects.order_by().values("pk")
    cells = {
        (pattern_id, area_id): n for pattern_id, area_id, n in Project.areas.through.objects
        .filter(project__in=selected).order_by().values("project__pattern_id", "area_id")
        .annotate(n=Count("pk")).values_list("project__pattern_id", "area_id", "n")
    }
    per_pattern = dict(projects.order_by().values("pattern_id").annotate(n=Count("pk")).values_list("pattern_id", "n"))
    rows = [(pattern, [cells.get((pattern.pk, area.pk), 0) for area in areas], per_pattern.get(pattern.pk, 0))
            for pattern in patterns]
    column_totals = [sum(cells.get((pattern_id, area.pk), 0) for pattern_id in per_pattern) for area in areas]
    return rows, column_totals, sum(per_pattern.values())


def year_project_counts(projects, first: datetime.date, last: datetime.date) -> dict:
    """What the year's report counts over a year's projects (a projects_of_year queryset), in SQL
    so that no project is read as an instance for a figure (3 queries):
    - "total", "new" (started in [first, last]; without a start date, registered then), "ended"
      (started earlier and ended by `last`), "without_theme": annual.report.project_phase's rule;
    - "themes": {theme id: projects} (a project with several themes counts in each);
    - "joint": [(project id, title, partners)] of the projects with partners, in the queryset's
      order (the report sorts them, ties kept in that order)."""
    selected = projects.order_by().prefetch_related(None)
    started_in_year = Q(period_start__gte=first) | Q(period_start__isnull=True, created_at__date__gte=first)
    started_before = Q(period_start__lt=first) | Q(period_start__isnull=True, created_at__date__lt=first)
    themed = Project.themes.through.objects.filter(project_id=OuterRef("pk"))
    counts = selected.aggregate(
        total=Count("pk"), new=Count("pk", filter=started_in_year),
        ended=Count("pk", filter=started_before & Q(period_end__lte=last)),
        without_theme=Count("pk", filter=~Exists(themed)),
    )
    ids = selected.values("pk")
    counts["themes"] = dict(
        Project.themes.through.objects.filter(project__in=ids).order_by().values("theme_id")
        .annotate(n=Count("pk")).values_list("theme_id", "n")
    )
    counts["joint"] = list(
        projects.prefetch_related(None).select_related(None).annotate(partner_count=Count("partners"))
        .filter(partner_count__gt=0).values_list("pk", "title", "partner_count")
    )
    return counts


def year_report_rows(projects):
    """Only what the year's report page prints of a project (annual/_figures.html; its exports read
    projects_of_year whole): title, period, states, pattern, the owner's name, and the areas' and
    partners' names as plain lists (areas_list, partners_list: no related manager for each)."""
    return projects.select_related(None).select_related("owner").prefetch_related(None).only(
        "title", "status", "publication_state", "pattern_id", "period_start", "period_end", "created_at",
        "owner__name",
    ).prefetch_related(
        Prefetch("areas", queryset=Area.objects.order_by("sort_order", "name").only("name"), to_attr="areas_list"),
        Prefetch("partners", queryset=Corporation.objects.order_by("name_kana", "name").only("name"),
                 to_attr="partners_list"),
    )


def report_projects_filtered(*, fiscal_year: int | None = None, published_only: bool = True, area=None,
                             pattern=None):
    """The project report's projects, limited to a fiscal year, an area or a pattern, published
    only unless staff ask for all (1 query + 2 prefetches, like report_projects)."""
    projects = report_projects()
    if fiscal_year is not None:
        projects = projects.filter(active_in_period_q(*fiscal_year_bounds(fiscal_year)))
    return _limited(projects, published_only=published_only, area=area, pattern=pattern)
