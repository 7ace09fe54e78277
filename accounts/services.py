import datetime
import logging
import unicodedata

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from core import mail

from .models import Membership, PasswordResetRequest, User
from .policies import get_membership, is_council_staff

logger = logging.getLogger(__name__)


def password_set_url(user: User) -> str:
    """The link in the welcome mail: Django's own password-reset confirmation."""
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.PORTAL_SITE_URL.rstrip("/") + path


@transaction.atomic
def member_account_create(
    *, corporation, acting_user: User, username: str, email: str, display_name: str,
    role: str,
) -> User:
    """A contact of a corporation gets an account and an e-mail to set its own password."""
    user = User(username=username, email=email, display_name=display_name)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    membership = Membership(user=user, corporation=corporation, role=role)
    membership.full_clean()
    membership.save()
    _send_welcome(user=user, corporation=corporation, acting_user=acting_user)
    return user


@transaction.atomic
def member_welcome_resend(*, user: User, acting_user: User) -> None:
    """A contact whose welcome link expired (or got lost) is mailed a fresh one.

    Only to a corporation's contact who has not set a password yet: the link is a
    password-set link, and someone with a password uses "パスワードを忘れた方" instead.
    """
    if not is_council_staff(acting_user):
        raise PermissionDenied
    if not user.awaits_first_password:
        raise ValidationError(_("このアカウントには案内を再送できません。"), code="not_a_new_contact")
    membership = get_membership(user)
    if membership is None:
        raise ValidationError(_("このアカウントには案内を再送できません。"), code="not_a_new_contact")
    _send_welcome(user=user, corporation=membership.corporation, acting_user=acting_user)
    logger.info("Welcome link resent to user %s by %s", user.pk, acting_user.pk)


def _send_welcome(*, user: User, corporation, acting_user: User) -> None:
    context = {
        "user": user,
        "corporation": corporation,
        "url": password_set_url(user),
        "council_name": settings.PORTAL_COUNCIL_NAME,
        "acting_user": acting_user,
    }
    # Queued in this transaction (core/mail.py): a rolled-back account gets no mail.
    mail.send_after_commit([mail.message(
        subject=_("【%(council)s】ポータルのアカウントを作成しました") % {"council": settings.PORTAL_COUNCIL_NAME},
        body=render_to_string("accounts/email/welcome.txt", context),
        to=[user.email],
    )])


def password_reset_request_allowed(*, email: str) -> bool:
    """Notes a reset request for this address; False once the hour's mails are used up.

    Written first and counted after, each in its own statement: of any number of
    simultaneous requests, the ones past the limit see every earlier row and are refused.
    """
    now = timezone.now()
    digest = salted_hmac("accounts.password_reset", unicodedata.normalize("NFKC", email).casefold()).hexdigest()
    PasswordResetRequest.objects.filter(requested_at__lt=now - datetime.timedelta(days=1)).delete()
    PasswordResetRequest.objects.create(address_digest=digest, requested_at=now)
    recent = PasswordResetRequest.objects.filter(
        address_digest=digest, requested_at__gt=now - datetime.timedelta(hours=1)
    ).count()
    allowed = recent <= settings.PORTAL_PASSWORD_RESET_MAILS_PER_HOUR
    if not allowed:
        logger.warning("Password reset mail withheld: more than %s requests in an hour for one address",
                       settings.PORTAL_PASSWORD_RESET_MAILS_PER_HOUR)
    return allowed
