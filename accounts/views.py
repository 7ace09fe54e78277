from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.permissions import staff_required
from corporations.selectors import get_corporation_for_user

from . import services
from .forms import MemberAccountForm


@require_http_methods(["GET", "POST"])
@staff_required
def member_create(request, corporation_pk):
    corporation = get_corporation_for_user(request.user, corporation_pk)
    form = MemberAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.member_account_create(corporation=corporation, acting_user=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("%(name)s さんのアカウントを作成し、%(email)s に案内を送りました。")
            % {"name": user.display_name, "email": user.email},
        )
        return redirect("corporations:detail", pk=corporation.pk)
    return render(request, "accounts/member_form.html", {"form": form, "corporation": corporation})
