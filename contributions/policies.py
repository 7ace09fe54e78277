"""Who may do what with projects: one named function per action, the only place each rule is written.

Views ask these and pass the answers to templates as booleans; services ask again before
they write (PermissionDenied). Reading is scoped in selectors.visible_projects, the list
form of can_view_project: another corporation's project answers 404 there, a missing role
inside one's own corporation 403.
"""

from accounts.policies import (
    get_membership,
    is_council_staff,
    is_editor_of,
    is_staff_or_editor_of,
    staff_and_members,
    staff_only,
)

from .models import Project, PublicationState


@staff_only
def can_choose_project_owner(user) -> bool:
    """Register projects for any corporation, chosen in the form: staff."""


@staff_only
def can_give_staff_scores(user) -> bool:
    """The secretariat's own scores (事務局の評価) that the board uses in place of the owner's."""


@staff_only
def can_moderate(user) -> bool:
    """Decide on submissions (publish or send back), on any corporation's project: staff."""


@staff_only
def can_read_project_history(user) -> bool:
    """A project's change history (変更履歴) and restoring an earlier version of it: staff."""


@staff_and_members
def can_list_projects(user) -> bool:
    """The list of projects: staff (all), a member (its own and joint ones)."""


@staff_and_members
def can_see_board(user) -> bool:
    """The ripple × feasibility board: staff (all projects), a member (its own and joint ones)."""


@staff_only
def can_see_overdue(user) -> bool:
    """The list of overdue reviews: staff."""


@staff_only
def can_see_report(user) -> bool:
    """The project report (事業報告) and its exports: staff."""


def can_create_project(user, corporation_id: int | None) -> bool:
    """Register a project for this corporation: staff (for any corporation), or its editor."""
    return can_choose_project_owner(user) or (corporation_id is not None and is_editor_of(user, corporation_id))


def can_view_project(user, project: Project) -> bool:
    """Staff; the members (editors and viewers) of the owner or of a partner (共同実施法人)."""
    if is_council_staff(user):
        return True
    membership = get_membership(user)
    if membership is None:
        return False
    corporation_id = membership.corporation_id
    return corporation_id == project.owner_id or project.partners.filter(pk=corporation_id).exists()


def can_edit_project(user, project: Project) -> bool:
    """Staff, or the owner's editors; partners and viewers only read."""
    return is_staff_or_editor_of(user, project.owner_id)


def can_submit_project(user, project: Project) -> bool:
    """Ask for publication (or for the changes to be published): who edits it, when it can be submitted."""
    return can_edit_project(user, project) and project.can_be_submitted


def can_publish_project(user, project: Project) -> bool:
    """Approve a submission: staff, on a project 申請中."""
    return can_moderate(user) and project.publication_state == PublicationState.SUBMITTED


def can_send_back_project(user, project: Project) -> bool:
    """Return a submission with a comment: staff, on a project 申請中."""
    return can_moderate(user) and project.publication_state == PublicationState.SUBMITTED


def can_withdraw_project(user, project: Project) -> bool:
    """Take it out of the public catalogue (非公開): who edits it, while it is public."""
    return can_edit_project(user, project) and project.is_public


def can_add_photo(user, project: Project) -> bool:
    """Upload a photo to the project: who edits it."""
    return can_edit_project(user, project)


def can_delete_photo(user, project: Project) -> bool:
    """Take down a photo of the project (in public too, at once): who edits it."""
    return can_edit_project(user, project)


def can_review_project(user, project: Project) -> bool:
    """Record a review (振り返り, PDCA): who edits it."""
    return can_edit_project(user, project)
