from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


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

    email = models.EmailField(_("メールアドレス"), blank=True)
    display_name = models.CharField(
        _("氏名"), max_length=100, blank=True, help_text=_("画面や記録に表示する氏名。")
    )

    # Who gave or took away access (is_active, is_staff). No password hash is kept.
    history = UserHistory(verbose_name=_("ユーザーの変更履歴"), excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("ユーザー")
        verbose_name_plural = _("ユーザー")
        ordering = ["username"]

    def __str__(self):
        return self.display_name or self.get_full_name() or self.username


class Membership(models.Model):
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
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    history = HistoricalRecords(verbose_name=_("法人メンバーの変更履歴"))

    class Meta:
        verbose_name = _("法人メンバー")
        verbose_name_plural = _("法人メンバー")
        ordering = ["corporation__name_kana", "user__username"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=["editor", "viewer"]), name="membership_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.corporation})"

    @property
    def is_editor(self) -> bool:
        return self.role == self.Role.EDITOR
