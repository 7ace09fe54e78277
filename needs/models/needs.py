"""Local needs: where a need's status may go, the needs, their status changes, readings of a case and
the projects that answer them. (Their kinds, statuses and other values: choices.py.)"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from contributions.models import Project, TargetGroup, Theme
from core.models import Timestamped, choices_valid, one_of, user_link
from corporations.models import Area, Corporation

from .choices import AgeBand, NeedKind, NeedSource, NeedStatus, Urgency, Visibility
from .resources import ResourceKind

OPEN_STATUSES = (NeedStatus.RECEIVED, NeedStatus.ASKING, NeedStatus.IN_PROGRESS)
CLOSED_STATUSES = (NeedStatus.RESOLVED, NeedStatus.CLOSED, NeedStatus.DECLINED)
# Where a need may go from each status. Sending an offer request moves 受付 to 打診中 by
# itself; a closed need can be reopened (受付) when it comes back.
NEXT_STATUSES = {
    NeedStatus.RECEIVED: (NeedStatus.ASKING, NeedStatus.IN_PROGRESS, NeedStatus.CLOSED, NeedStatus.DECLINED),
    NeedStatus.ASKING: (NeedStatus.RECEIVED, NeedStatus.IN_PROGRESS, NeedStatus.CLOSED, NeedStatus.DECLINED),
    NeedStatus.IN_PROGRESS: (NeedStatus.ASKING, NeedStatus.RESOLVED, NeedStatus.CLOSED),
    NeedStatus.RESOLVED: (NeedStatus.RECEIVED,),
    NeedStatus.CLOSED: (NeedStatus.RECEIVED,),
    NeedStatus.DECLINED: (NeedStatus.RECEIVED,),
}


class Need(Timestamped):
    """A local need: a local issue (地域課題) or an individual case (個別課題)."""

    kind = models.CharField(_("種類"), max_length=10, choices=NeedKind.choices, default=NeedKind.ISSUE)
    title = models.CharField(
        _("件名"), max_length=200,
        help_text=_("個別課題では、個人が特定できる言葉（氏名・住所・電話番号など）を書かないでください。"),
    )
    description = models.TextField(_("内容"), blank=True)
    areas = models.ManyToManyField(
        Area, blank=True, related_name="needs", verbose_name=_("地域"),
        help_text=_("選ばなければ区全域のニーズになります。"),
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="needs", verbose_name=_("テーマ"))
    target_groups = models.ManyToManyField(TargetGroup, blank=True, related_name="needs", verbose_name=_("対象者"))
    resource_kinds = models.ManyToManyField(
        ResourceKind, blank=True, related_name="needs", verbose_name=_("求められる資源の種類")
    )
    source = models.CharField(_("ニーズの把握元"), max_length=20, choices=NeedSource.choices)
    source_note = models.CharField(
        _("把握元の補足"), max_length=200, blank=True, help_text=_("例: 〇〇法人からの相談、町会の会合で"),
    )
    received_on = models.DateField(_("受付日"))
    urgency = models.CharField(_("緊急度"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    in_charge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="needs_in_charge",
        verbose_name=_("担当者（事務局）"),
    )
    age_band = models.CharField(
        _("年代"), max_length=10, choices=AgeBand.choices, blank=True,
        help_text=_("個別課題だけ。氏名・住所・電話番号は記録しません。"),
    )
    status = models.CharField(_("状況"), max_length=20, choices=NeedStatus.choices, default=NeedStatus.RECEIVED)
    status_changed_at = models.DateTimeField(_("状況の更新日時"), null=True, blank=True, editable=False)
    outcome = models.TextField(_("結果"), blank=True, help_text=_("解決・終了・見送りのときに書きます。"))
    projects = models.ManyToManyField(
        Project, blank=True, through="NeedProject", related_name="needs", verbose_name=_("応える事業"),
    )
    # Publication of a local issue: the public text is separate from the working text and
    # is exactly what staff approved (need_publish writes both the text and the approval).
    visibility = models.CharField(
        _("公開範囲"), max_length=10, choices=Visibility.choices, default=Visibility.STAFF,
    )
    public_title = models.CharField(_("公開用の件名"), max_length=200, blank=True)
    public_description = models.TextField(_("公開用の内容"), blank=True)
    published_at = models.DateTimeField(_("公開の承認日時"), null=True, blank=True, editable=False)
    published_by = user_link(_("公開を承認した人"), optional=True, editable=False)
    created_by = user_link(_("登録者"), editable=False)

    history = HistoricalRecords(verbose_name=_("ニーズの変更履歴"))

    class Meta:
        verbose_name = verbose_name_plural = _("地域ニーズ")
        ordering = ["-received_on", "-pk"]
        constraints = [
            *choices_valid(
                "need", kind=NeedKind.values, status=NeedStatus.values, source=NeedSource.values,
                urgency=Urgency.values, visibility=Visibility.values,
            ),
            # A case carries an age band and nothing public; an issue carries no age band.
            models.CheckConstraint(
                condition=Q(kind=NeedKind.ISSUE, age_band="")
                | Q(kind=NeedKind.CASE, age_band__in=AgeBand.values),
                name="need_age_band_only_on_cases",
            ),
            models.CheckConstraint(
                condition=~Q(kind=NeedKind.CASE)
                | Q(visibility=Visibility.STAFF, public_title="", public_description="", published_at__isnull=True),
                name="need_case_never_published",
            ),
            # Published means approved text: a title and who approved it, when.
            models.CheckConstraint(
                condition=Q(visibility=Visibility.STAFF)
                | (~Q(public_title="") & Q(published_at__isnull=False, published_by__isnull=False)),
                name="need_published_has_approved_text",
            ),
            # Closing asks for the outcome.
            models.CheckConstraint(
                condition=~Q(status__in=CLOSED_STATUSES) | ~Q(outcome=""), name="need_closed_has_outcome",
            ),
        ]
        indexes = [models.Index(fields=["status", "-received_on"], name="need_status_idx")]

    def __str__(self):
        return self.title

    @property
    def is_case(self) -> bool:
        return self.kind == NeedKind.CASE

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def next_statuses(self) -> tuple:
        return NEXT_STATUSES.get(self.status, ())

    @property
    def default_pattern_number(self) -> int:
        """A case calls for pattern ① (個別課題解決型), a local issue for ③ (テーマ別課題解決型)."""
        return 1 if self.is_case else 3


class NeedStatusChange(models.Model):
    """Each change of a need's status: dated, with who, and a note (the outcome on closing)."""

    need = models.ForeignKey(Need, on_delete=models.PROTECT, related_name="status_changes", verbose_name=_("ニーズ"))
    from_status = models.CharField(_("変更前"), max_length=20, choices=NeedStatus.choices, blank=True)
    to_status = models.CharField(_("変更後"), max_length=20, choices=NeedStatus.choices)
    note = models.TextField(_("メモ"), blank=True)
    changed_at = models.DateTimeField(_("変更日時"))
    changed_by = user_link(_("変更した人"))

    class Meta:
        verbose_name = verbose_name_plural = _("状況の変更")
        ordering = ["changed_at", "pk"]
        constraints = [
            one_of("to_status", NeedStatus.values, name="need_change_to_valid"),
            models.CheckConstraint(
                condition=Q(from_status="") | Q(from_status__in=NeedStatus.values), name="need_change_from_valid"
            ),
        ]

    def __str__(self):
        return f"{self.need} {self.from_status}→{self.to_status}"


class CaseView(models.Model):
    """Who read an individual case, and when (every reading of its page is recorded)."""

    need = models.ForeignKey(Need, on_delete=models.PROTECT, related_name="case_views", verbose_name=_("ニーズ"))
    user = user_link(_("閲覧した人"))
    corporation = models.ForeignKey(
        Corporation, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("閲覧者の法人"), help_text=_("事務局の閲覧では空です。"),
    )
    viewed_at = models.DateTimeField(_("閲覧日時"))

    class Meta:
        verbose_name = verbose_name_plural = _("個別課題の閲覧記録")
        ordering = ["-viewed_at", "-pk"]

    def __str__(self):
        return f"{self.need} {self.user} {self.viewed_at:%Y-%m-%d %H:%M}"


class NeedProject(models.Model):
    """A project that answers a need."""

    need = models.ForeignKey(Need, on_delete=models.PROTECT, related_name="project_links", verbose_name=_("ニーズ"))
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="need_links", verbose_name=_("事業"))
    linked_at = models.DateTimeField(_("関連づけた日時"), auto_now_add=True)
    linked_by = user_link(_("関連づけた人"))

    history = HistoricalRecords(verbose_name=_("ニーズと事業の関連の変更履歴"))

    class Meta:
        verbose_name = verbose_name_plural = _("ニーズに応える事業")
        ordering = ["linked_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["need", "project"], name="need_project_unique")]

    def __str__(self):
        return f"{self.need} ← {self.project}"
