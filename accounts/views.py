from django.contrib import messages
from django.core.exceptions import ValidationError
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
            _("%(name)s さんはパスワードを設定済みか、メールアドレスがないか、無効なアカウントのため、案内を再送していません。")
            % {"name": user},
        )
    else:
        messages.success(
            request, _("%(name)s さんに、パスワード設定の案内を %(email)s へ再送しました。") % {"name": user, "email": user.email}
        )
    return redirect("corporations:detail", pk=user.membership.corporation_id)
