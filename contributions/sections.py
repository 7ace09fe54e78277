"""What the projects app adds to other pages: its menu, the front page's catalogue card,
the dashboard's moderation counts, and a corporation's projects on its page."""

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from accounts.policies import is_council_staff, is_member_of
from core.sections import section

from .models import Project
from .policies import (
    can_choose_project_owner,
    can_create_project,
    can_list_projects,
    can_moderate,
    can_see_overdue,
)
from .selectors import awaiting_review, overdue_projects, public_pattern_counts


@section("nav", template="contributions/sections/nav.html", order=40)
def nav(request):
    return {"manage": can_moderate(request.user), "own": can_list_projects(request.user)}


@section("home", template="contributions/sections/home.html", order=10)
def home(request):
    """One query: each pattern with its number of public projects."""
    return {"patterns": list(public_pattern_counts())}


@section("dashboard", template="contributions/sections/dashboard.html", order=30)
def dashboard(request):
    """Two queries: how many projects await review, and how many reviews are overdue."""
    if not (can_moderate(request.user) and can_see_overdue(request.user)):
        return None
    return {"submitted": awaiting_review().count(), "overdue": overdue_projects().count()}


@section("corporation", template="contributions/sections/corporation.html", order=30)
def corporation_projects(request, corporation):
    """A corporation's own and joint projects (2 queries); the page is only for staff and its members."""
    user = request.user
    # The corporation's own page: staff and its members (joint projects show their title only).
    if not (is_council_staff(user) or is_member_of(user, corporation.pk)):
        return None
    create_url = None
    if can_create_project(user, corporation.pk):
        create_url = reverse("contributions:create")
        if can_choose_project_owner(user):
            create_url += f"?owner={corporation.pk}"
    # One query for both lists, with the columns the section prints.
    joint_ids = Project.partners.through.objects.filter(corporation_id=corporation.pk).values("project_id")
    projects = list(
        Project.objects.filter(Q(owner_id=corporation.pk) | Q(pk__in=joint_ids))
        .annotate(is_joint=Exists(joint_ids.filter(project_id=OuterRef("pk"))))
        .only("pk", "owner_id", "title", "status", "publication_state")
    )
    return {
        "projects": [project for project in projects if project.owner_id == corporation.pk],
        "joint": [project for project in projects if project.is_joint],
        "create_url": create_url,
    }
