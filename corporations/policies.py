"""Who may do what with the register: one named function per action.

Views, services and templates ask these; templates get the answers in their context.
"""

from accounts.policies import is_staff_or_editor_of, is_staff_or_member_of, staff_and_members, staff_only


@staff_only
def can_manage_register(user) -> bool:
    """Create, import and export corporations, see the whole register: staff only."""


@staff_only
def can_see_staff_notes(user) -> bool:
    """The secretariat's own notes (備考（事務局用）) on a corporation."""


@staff_only
def can_manage_accounts(user) -> bool:
    """See a corporation's portal accounts and create one for a contact: staff only."""


@staff_only
def can_read_history(user) -> bool:
    """The register's change history (変更履歴) and restoring an earlier version: staff only."""


@staff_and_members
def can_search_corporations(user) -> bool:
    """Look corporations up by name (the pickers for partners, attendees, speakers): staff and
    every member; a member names partner corporations, so it may find them by name."""


def can_view_corporation(user, corporation_id: int) -> bool:
    """Staff see every corporation; a member its own (another's page answers 404)."""
    return is_staff_or_member_of(user, corporation_id)


def can_edit_corporation(user, corporation_id: int) -> bool:
    """Staff, or an editor of this corporation (a viewer reads only: 403)."""
    return is_staff_or_editor_of(user, corporation_id)
