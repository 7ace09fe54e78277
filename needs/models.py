"""Local needs (地域ニーズ), corporations' resources (社会資源) and the loop between them.

A need is recorded by staff, matched against the corporations' resources and projects,
sent to chosen corporations as offer requests (打診), each answered 応諾 / 辞退, and followed
to its outcome. An individual case (個別課題, pattern ①) is about one person: it holds no
name, address or phone, is read only by staff and the corporations it was sent to, and
every reading is recorded (CaseView).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from contributions.models import Project, TargetGroup, Theme
from core.models import Vocabulary
from corporations.models import Area, Corporation, Facility


class ResourceKind(Vocabulary):
    """A kind of resource (場所・部屋, 車両 …): an editable list, seeded by a data migration."""

    name = models.CharField(_("資源の種類"), max_length=50, unique=True)

    class Meta(Vocabulary.Meta):
        verbose_name = _("社会資源の種類")
        verbose_name_plural = _("社会資源の種類")


class NeedKind(models.TextChoices):
    ISSUE = "issue", _("地域課題")
    CASE = "case", _("個別課題")


class NeedStatus(models.TextChoices):
    # The same words mean other things elsewhere (受付 is a meeting's sign-in desk): a context.
    RECEIVED = "received", pgettext_lazy("need status", "受付")
    ASKING = "asking", _("打診中")
    IN_PROGRESS = "in_progress", _("対応中")
    RESOLVED = "resolved", _("解決")
    CLOSED = "closed", pgettext_lazy("need status", "終了")
    DECLINED = "declined", _("見送り")


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


class NeedSource(models.TextChoices):
    LIFE_SUPPORT = "life_support", _("生活サポートセンター")
    COMMUNITY_CARE = "community_care", _("地域包括支援センター")
    CSW = "csw", _("CSW（コミュニティソーシャルワーカー）")
    VOLUNTEER = "volunteer", _("ボランティアセンター")
    CORPORATION = "corporation", _("法人")
    RESIDENTS = "residents", _("住民")
    OTHER = "other", _("その他")


class Urgency(models.TextChoices):
    LOW = "low", _("低")
    NORMAL = "normal", _("通常")
    HIGH = "high", _("高（急ぎ）")


class AgeBand(models.TextChoices):
    """An individual case's only personal attribute: an age band, never a birth date."""

    CHILD = "child", _("子ども（中学生まで）")
    YOUTH = "youth", _("10代後半")
    TWENTIES = "20s", _("20代")
    THIRTIES = "30s", _("30代")
    FORTIES = "40s", _("40代")
    FIFTIES = "50s", _("50代")
    SIXTIES = "60s", _("60代")
    SEVENTIES = "70s", _("70代")
    EIGHTIES = "80plus", _("80歳以上")
    UNKNOWN = "unknown", _("不明")


class Visibility(models.TextChoices):
    STAFF = "staff", _("事務局のみ")
    MEMBERS = "members", _("会員法人に公開")
    PUBLIC = "public", _("一般に公開")


class Need(models.Model):
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
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, editable=False,
        related_name="+", verbose_name=_("公開を承認した人"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, editable=False, related_name="+",
        verbose_name=_("登録者"),
    )
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    history = HistoricalRecords(verbose_name=_("ニーズの変更履歴"))

    class Meta:
        verbose_name = _("地域ニーズ")
        verbose_name_plural = _("地域ニーズ")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=NeedKind.values), name="need_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=NeedStatus.values), name="need_status_valid"),
            models.CheckConstraint(condition=Q(source__in=NeedSource.values), name="need_source_valid"),
            models.CheckConstraint(condition=Q(urgency__in=Urgency.values), name="need_urgency_valid"),
            models.CheckConstraint(condition=Q(visibility__in=Visibility.values), name="need_visibility_valid"),
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
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("変更した人")
    )

    class Meta:
        verbose_name = _("状況の変更")
        verbose_name_plural = _("状況の変更")
        ordering = ["changed_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(to_status__in=NeedStatus.values), name="need_change_to_valid"),
            models.CheckConstraint(
                condition=Q(from_status="") | Q(from_status__in=NeedStatus.values), name="need_change_from_valid"
            ),
        ]

    def __str__(self):
        return f"{self.need} {self.from_status}→{self.to_status}"


class CaseView(models.Model):
    """Who read an individual case, and when (every reading of its page is recorded)."""

    need = models.ForeignKey(Need, on_delete=models.PROTECT, related_name="case_views", verbose_name=_("ニーズ"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("閲覧した人")
    )
    corporation = models.ForeignKey(
        Corporation, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("閲覧者の法人"), help_text=_("事務局の閲覧では空です。"),
    )
    viewed_at = models.DateTimeField(_("閲覧日時"))

    class Meta:
        verbose_name = _("個別課題の閲覧記録")
        verbose_name_plural = _("個別課題の閲覧記録")
        ordering = ["-viewed_at", "-pk"]

    def __str__(self):
        return f"{self.need} {self.user} {self.viewed_at:%Y-%m-%d %H:%M}"


class NeedProject(models.Model):
    """A project that answers a need."""

    need = models.ForeignKey(Need, on_delete=models.PROTECT, related_name="project_links", verbose_name=_("ニーズ"))
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="need_links", verbose_name=_("事業"))
    linked_at = models.DateTimeField(_("関連づけた日時"), auto_now_add=True)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("関連づけた人")
    )

    history = HistoricalRecords(verbose_name=_("ニーズと事業の関連の変更履歴"))

    class Meta:
        verbose_name = _("ニーズに応える事業")
        verbose_name_plural = _("ニーズに応える事業")
        ordering = ["linked_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["need", "project"], name="need_project_unique")]

    def __str__(self):
        return f"{self.need} ← {self.project}"


class Fee(models.TextChoices):
    FREE = "free", _("無料")
    CHARGED = "charged", _("有料")
    NEGOTIABLE = "negotiable", _("応相談")


class Resource(models.Model):
    """What a corporation can offer the network, at one facility or corporation-wide."""

    corporation = models.ForeignKey(
        Corporation, on_delete=models.PROTECT, related_name="resources", verbose_name=_("法人")
    )
    facility = models.ForeignKey(
        Facility, on_delete=models.PROTECT, null=True, blank=True, related_name="resources",
        verbose_name=_("施設・事業所"), help_text=_("空欄なら法人全体の資源です（地域は法人の主な地域）。"),
    )
    kind = models.ForeignKey(
        ResourceKind, on_delete=models.PROTECT, related_name="resources", verbose_name=_("資源の種類"),
    )
    title = models.CharField(_("名称"), max_length=200, help_text=_("例: 地域交流スペース（30名）"))
    description = models.TextField(_("内容"), blank=True)
    days = models.CharField(_("曜日"), max_length=100, blank=True, help_text=_("例: 平日、第2土曜日"))
    hours = models.CharField(_("時間帯"), max_length=100, blank=True, help_text=_("例: 10時〜16時"))
    fee = models.CharField(_("費用"), max_length=12, choices=Fee.choices, default=Fee.FREE)
    fee_note = models.CharField(_("費用の補足"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("定員・数量"), null=True, blank=True)
    is_available = models.BooleanField(_("提供できる"), default=True, help_text=_("今は提供できないときは外します。"))
    is_public = models.BooleanField(
        _("一般に公開"), default=False, help_text=_("公開ページに載せます（連絡担当者は載りません）。"),
    )
    contact_name = models.CharField(_("連絡担当者"), max_length=100, help_text=_("ネットワーク内の連絡先です。"))
    contact_phone = models.CharField(_("連絡先電話番号"), max_length=20, blank=True)
    contact_email = models.EmailField(_("連絡先メールアドレス"), blank=True)
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    history = HistoricalRecords(verbose_name=_("社会資源の変更履歴"))

    class Meta:
        verbose_name = _("社会資源")
        verbose_name_plural = _("社会資源")
        ordering = ["corporation__name_kana", "kind__sort_order", "title", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(fee__in=Fee.values), name="resource_fee_valid"),
            models.CheckConstraint(condition=~Q(contact_name=""), name="resource_contact_required"),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1), name="resource_capacity_positive",
            ),
        ]
        # The directory and the matching filter available resources by corporation and kind.
        indexes = [models.Index(fields=["is_available", "kind"], name="resource_available_kind_idx")]

    def __str__(self):
        return self.title

    @property
    def area(self):
        """The facility's area, else the corporation's home area."""
        return self.facility.area if self.facility_id else self.corporation.home_area

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.facility_id and self.corporation_id and self.facility.corporation_id != self.corporation_id:
            raise ValidationError({"facility": _("この法人の施設・事業所を選んでください。")})


class OfferStatus(models.TextChoices):
    PENDING = "pending", _("未回答")
    ACCEPTED = "accepted", _("応諾")
    DECLINED = "declined", _("辞退")


class OfferRequest(models.Model):
    """An offer request (打診): a need sent to one corporation, and its answer."""

    need = models.ForeignKey(Need, on_delete=models.PROTECT, related_name="offers", verbose_name=_("ニーズ"))
    corporation = models.ForeignKey(
        Corporation, on_delete=models.PROTECT, related_name="offer_requests", verbose_name=_("法人")
    )
    message = models.TextField(_("事務局からのメッセージ"), blank=True)
    sent_at = models.DateTimeField(_("打診日時"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("打診した人")
    )
    status = models.CharField(_("回答"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.PENDING)
    answer_message = models.TextField(_("回答のメッセージ"), blank=True)
    answered_at = models.DateTimeField(_("回答日時"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("回答した人"),
    )
    is_engaged = models.BooleanField(
        _("対応する法人"), default=False, help_text=_("事務局が「対応中」にするとき、引き受けた法人に付けます。"),
    )
    reminded_at = models.DateTimeField(_("最後の催促日時"), null=True, blank=True)
    reminder_count = models.PositiveSmallIntegerField(_("催促の回数"), default=0)

    history = HistoricalRecords(verbose_name=_("打診の変更履歴"))

    class Meta:
        verbose_name = _("打診")
        verbose_name_plural = _("打診")
        ordering = ["need", "corporation__name_kana", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["need", "corporation"], name="offer_one_per_need_and_corporation"),
            models.CheckConstraint(condition=Q(status__in=OfferStatus.values), name="offer_status_valid"),
            # An answer has a time and a person; an unanswered request has neither.
            models.CheckConstraint(
                condition=Q(status=OfferStatus.PENDING, answered_at__isnull=True, answered_by__isnull=True)
                | (~Q(status=OfferStatus.PENDING) & Q(answered_at__isnull=False, answered_by__isnull=False)),
                name="offer_answer_consistent",
            ),
            models.CheckConstraint(
                condition=Q(is_engaged=False) | Q(status=OfferStatus.ACCEPTED), name="offer_engaged_only_if_accepted"
            ),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | Q(answered_at__gte=F("sent_at")),
                name="offer_answered_after_sent",
            ),
        ]
        indexes = [models.Index(fields=["corporation", "status"], name="offer_corporation_status_idx")]

    def __str__(self):
        return f"{self.need} → {self.corporation}"

    @property
    def is_pending(self) -> bool:
        return self.status == OfferStatus.PENDING
