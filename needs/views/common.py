"""Helpers shared by the needs, offers and resources pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from accounts.policies import get_membership, is_council_staff
from core.feedback import attempt

PAGE_SIZE = 50


def full_access(user, need) -> bool:
    """Staff, and the corporations the need was sent to, read the working text; other
    members read only the text staff approved for them."""
    if is_council_staff(user):
        return True
    membership = get_membership(user)
    return bool(membership and getattr(need, "sent_to_me", None))


def need_labels(user, needs):
    """What each need shows this viewer: its working text or its approved public text."""
    for need in needs:
        need.full_access = full_access(user, need)
        need.shown_title = need.title if need.full_access else need.public_title
        need.shown_description = need.description if need.full_access else need.public_description
    return needs


def need_form_page(request, need, form, *, template: str, heading: str, save, done, then: str = "needs:detail",
                   refused_on_need_page: bool = False):
    """A page with one form about a need (None: a new one). On a valid POST, `save()` (one call of a service):
    done, the page says `done` (or `done(what the service returned)`) and goes to the page `then` of the row the
    service returned (the need, or what it made); refused, the service's reasons show on the form, shown again,
    or, with `refused_on_need_page` (a refusal about the need's state, not about what was typed), on the need's
    page, where it goes either way."""
    if request.method == "POST" and form.is_valid():
        if refused_on_need_page:
            attempt(request, save, done)
            return redirect("needs:detail", pk=need.pk)
        try:
            saved = save()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done(saved) if callable(done) else done)
            return redirect(then, pk=saved.pk)
    return render(request, template, {"form": form, "need": need, "heading": heading})
