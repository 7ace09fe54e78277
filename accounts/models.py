from django.contrib.auth.models import AbstractUser
from django.contrib.auth.validators import ASCIIUsernameValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Created, choices_valid


class UserHistory(HistoricalRecords):
    """A user's history, without a row per login: Django saves last_login alone then."""

    def post_save(self, instance, created, using=None, **kwargs):
        if kwargs.get("update_fields") == frozenset({"last_login"}):
            return
        super().post_save(instance, created, using=using, **kwargs)


class User(AbstractUser):
    """A person who logs in: council staff (is_staff) or a corporation's contact.

    Own model from the start, so the portal can grow fields without a painful swap later.
    """

    # What staff may type for a new contact's log-in ID (the form says 半角英数字): a
    # full-width 'ｍｅｍｂｅｒ' is refused here, where it would otherwise pass the form's
    # check and then collide with 'member' once the model folds it (NFKC), a 500.
    username_validator = ASCIIUsernameValidator()

    email = models.EmailField(_("メールアドレス"), blank=True)
    display_name = models.CharField(
        _("氏名"), max_length=100, blank=True, help_text=_("画面や記録に表示する氏名。")
    )

    # Who gave or took away access (is_active, is_staff). No password hash is kept.
    history = UserHistory(verbose_name=_("ユーザーの変更履歴"), excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = verbose_name_plural = _("ユーザー")
        ordering = ["username"]

    def __str__(self):
        return self.display_name or self.get_full_name() or self.username

    def get_short_name(self):
        # The admin greets with this (ようこそ、…): the name people know, not the log-in id.
        return self.display_name or super().get_short_name()

    @property
    def awaits_first_password(self) -> bool:
        """A contact's account that has never had a password set (its welcome link may have
        expired): the welcome mail can be sent again."""
        return self.is_active and not self.is_staff and bool(self.email) and not self.has_usable_password()


class Membership(Created):
    """A user's place in one corporation. A member belongs to exactly one corporation."""

    class Role(models.TextChoices):
        EDITOR = "editor", _("編集者")
        VIEWER = "viewer", _("閲覧者")

    # A member's user is retired (is_active), not deleted: deleting one would take the
    # membership, and its history, with it.
    user = models.OneToOneField(
        User, on_delete=models.PROTECT, related_name="membership", verbose_name=_("ユーザー")
    )
    corporation = models.ForeignKey(
        "corporations.Corporation",
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("法人"),
    )
    role = models.CharField(
        _("権限"), max_length=10, choices=Role.choices, default=Role.EDITOR,
        help_text=_("編集者は法人の情報を更新できます。閲覧者は見るだけです。"),
    )

    history = HistoricalRecords(verbose_name=_("法人メンバーの変更履歴"))

    class Meta:
        verbose_name = verbose_name_plural = _("法人メンバー")
        ordering = ["corporation__name_kana", "user__username"]
        constraints = choices_valid("membership", role=["editor", "viewer"])

    def __str__(self):
        return f"{self.user} ({self.corporation})"

    @property
    def is_editor(self) -> bool:
        return self.role == self.Role.EDITOR


class PasswordResetRequest(models.Model):
    """One password-reset request for an e-mail address, kept a day to count them.

    At most PORTAL_PASSWORD_RESET_MAILS_PER_HOUR mails an hour go to one address, however
    many gunicorn workers answer: the count lives here, in the database. The address is
    kept only as a keyed digest (what is counted need not be readable).
    """

    address_digest = models.CharField(_("アドレスのダイジェスト"), max_length=64)
    requested_at = models.DateTimeField(_("申込日時"), default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = _("パスワード再設定の申込")
        ordering = ["-requested_at"]
        indexes = [
            # the count: WHERE address_digest = %s AND requested_at >= %s
            models.Index(fields=["address_digest", "requested_at"], name="pwreset_address_time"),
        ]

    def __str__(self):
        return f"{self.address_digest[:8]}… {self.requested_at:%Y-%m-%d %H:%M}"
