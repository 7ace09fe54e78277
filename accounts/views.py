from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .models import User
from .policies import staff_required


@require_POST
@staff_required
def welcome_resend(request, pk):
    """Staff mail a corporation's contact a fresh link to set the password (the old expired).

    POST only, no fields; answers with a redirect to the contact's corporation page.
    """
    # A corporation's contact only: a staff account or one without a corporation is 404.
    user = get_object_or_404(
        User.objects.select_related("membership__corporation"),
        pk=pk, is_staff=False, membership__isnull=False,
    )
    try:
        services.member_welcome_resend(user=user, acting_user=request.user)
    except ValidationError:
        messages.error(
            request,
            _("%(name)s さんはパスワードを設定済みか、メールアドレスがないか、"
              "無効なアカウントのため、案内を再送していません。")
            % {"name": user},
        )
    else:
        messages.success(
            request,
            _("%(name)s さんに、パスワード設定の案内を %(email)s へ再送しました。")
            % {"name": user, "email": user.email},
        )
    return redirect("corporations:detail", pk=user.membership.corporation_id)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset page; past the hour's limit for an address it sends nothing.

    The answer is the same redirect either way, so the page tells nothing about the
    address or the limit.
    """

    def form_valid(self, form):
        if services.password_reset_request_allowed(email=form.cleaned_data["email"]):
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())
