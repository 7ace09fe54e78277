"""One corporation's pages: its detail, edits, facilities, members' accounts and history."""

from functools import partial
from operator import attrgetter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts import services as account_services
from accounts.forms import MemberAccountForm
from accounts.policies import allowed_if, get_membership, staff_required
from core.concurrency import edit_page
from core.fragments import generation_first
from core.history_views import history_views

from .. import services
from ..forms import CorporationForm, FacilityForm, StaffCorporationForm
from ..policies import (
    can_edit_corporation,
    can_manage_accounts,
    can_manage_register,
    can_read_history,
    can_see_staff_notes,
)
from ..selectors import (
    get_corporation_for_user,
    get_facility_of,
)


@require_GET
@login_required
def my_corporation(request):
    """A member's shortcut to its own corporation's page."""
    if can_manage_register(request.user):
        return redirect("corporations:list")
    membership = get_membership(request.user)
    if membership is None:
        raise PermissionDenied
    return redirect("corporations:detail", pk=membership.corporation_id)


@generation_first  # reads what its cached fragments show (core/fragments.py)
@require_GET
@login_required
def corporation_detail(request, pk):
    corporation = get_corporation_for_user(request.user, pk)
    # What the facilities' table prints (not their notes and stamps), in the register's order (one corporation:
    # no need to join it to order by its name).
    facilities = corporation.facilities.select_related("service_type", "area").order_by("name_kana", "name").only(
        "corporation_id", "name", "name_kana", "postal_code", "address", "phone", "capacity", "is_active",
        "service_type__name", "area__name",
    )
    user = request.user
    accounts = can_manage_accounts(user)
    return render(
        request,
        "corporations/detail.html",
        {
            "corporation": corporation,
            "facilities": facilities,
            # Each account with whether it still waits for its first password (a resend button); read when
            # the page's fragment is rendered, not when it comes from the cache.
            "members": SimpleLazyObject(lambda: [
                (membership, membership.user.awaits_first_password)
                # One corporation's: ordered as the model orders them, without joining the corporation to do so.
                for membership in corporation.memberships.select_related("user").order_by("user__username")
            ]) if accounts else None,
            "can_edit": can_edit_corporation(user, corporation.pk),
            "can_manage_register": can_manage_register(user),
            "can_see_staff_notes": can_see_staff_notes(user),
            "can_manage_accounts": accounts,
            "can_read_history": can_read_history(user),
        },
    )


def _require_edit(request, corporation):
    if not can_edit_corporation(request.user, corporation.pk):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
@login_required
def corporation_update(request, pk):
    corporation = get_corporation_for_user(request.user, pk)
    _require_edit(request, corporation)
    register = can_manage_register(request.user)
    form_class = StaffCorporationForm if register else CorporationForm
    form = form_class(request.POST or None, instance=corporation)
    return edit_page(
        request, form, partial(services.corporation_update, corporation=corporation, acting_user=request.user),
        done=_("法人の情報を保存しました。"), then=reverse("corporations:detail", kwargs={"pk": corporation.pk}),
        template="corporations/form.html", context={"corporation": corporation, "can_manage_register": register},
    )


@require_http_methods(["GET", "POST"])
@login_required
def facility_create(request, pk):
    corporation = get_corporation_for_user(request.user, pk)
    _require_edit(request, corporation)
    form = FacilityForm(request.POST or None, corporation=corporation)
    if request.method == "POST" and form.is_valid():
        facility = services.facility_create(corporation=corporation, acting_user=request.user, **form.cleaned_data)
        messages.success(request, _("「%(name)s」を登録しました。") % {"name": facility.name})
        return redirect("corporations:detail", pk=corporation.pk)
    return render(
        request, "corporations/facility_form.html",
        {
            "form": form, "corporation": corporation, "facility": None,
            "can_manage_register": can_manage_register(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def facility_update(request, pk, facility_pk):
    corporation = get_corporation_for_user(request.user, pk)
    facility = get_facility_of(corporation, facility_pk)
    _require_edit(request, corporation)
    form = FacilityForm(request.POST or None, instance=facility, corporation=corporation)
    return edit_page(
        request, form, partial(services.facility_update, facility=facility, acting_user=request.user),
        done=_("施設・事業所の情報を保存しました。"),
        then=reverse("corporations:detail", kwargs={"pk": corporation.pk}), template="corporations/facility_form.html",
        context={
            "corporation": corporation, "facility": facility, "can_manage_register": can_manage_register(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@staff_required
def member_create(request, pk):
    """Staff create a contact's account; the contact is mailed a link to set a password."""
    corporation = get_corporation_for_user(request.user, pk)
    form = MemberAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = account_services.member_account_create(
            corporation=corporation, acting_user=request.user, **form.cleaned_data
        )
        messages.success(
            request,
            _("%(name)s さんのアカウントを作成し、%(email)s に案内を送りました。")
            % {"name": user.display_name, "email": user.email},
        )
        return redirect("corporations:detail", pk=corporation.pk)
    return render(
        request, "accounts/member_form.html",
        {"form": form, "corporation": corporation, "heading": _("メンバーのアカウント作成")},
    )


corporation_history, corporation_restore = history_views(
    guard=allowed_if(can_read_history), find=get_corporation_for_user,
    accepted=services.CorporationChanges.__optional_keys__,
    update=lambda corporation, user, changes: services.corporation_update(
        corporation=corporation, acting_user=user, **changes
    ),
    heading=attrgetter("name"), back_label=attrgetter("name"),
    back_url=lambda corporation: reverse("corporations:detail", kwargs={"pk": corporation.pk}),
    history="corporations:history", restore="corporations:restore",
)


def _facility_for_user(user, pk, facility_pk):
    corporation = get_corporation_for_user(user, pk)
    facility = get_facility_of(corporation, facility_pk)
    facility.corporation = corporation  # the one already read: the heading names it
    return facility


facility_history, facility_restore = history_views(
    guard=allowed_if(can_read_history), find=_facility_for_user,
    accepted=services.FacilityChanges.__optional_keys__,
    update=lambda facility, user, changes: services.facility_update(facility=facility, acting_user=user, **changes),
    heading=lambda facility: f"{facility.corporation.name} {facility.name}",
    back_label=lambda facility: facility.corporation.name,
    back_url=lambda facility: reverse("corporations:detail", kwargs={"pk": facility.corporation_id}),
    history="corporations:facility_history", restore="corporations:facility_restore",
)
