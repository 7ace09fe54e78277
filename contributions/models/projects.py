"""A project's working copy: what its owner edits, and where it stands (status, publication, review)."""
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Timestamped, Versioned, choices_valid
from corporations.models import Area, Corporation, Facility

from .text import description_as_html
from .vocabulary import NetworkPattern, TargetGroup, Theme

if TYPE_CHECKING:
    from .published import PublishedProject

SCORE_CHOICES = [(n, str(n)) for n in range(1, 6)]


def search_text_field() -> models.TextField:
    """What a project's search reads (its copy's too): written by refresh_search_text, never typed."""
    return models.TextField(
        _("検索用テキスト"), blank=True, editable=False,
        help_text=_("事業名・概要・内容・法人名を NFKC 正規化し、ひらがなをカタカナにそろえたもの。"),
    )


def project_history(verbose_name, *, m2m_fields: list) -> HistoricalRecords:
    """A project's (or its published copy's) history. The links too: a .set() (service or admin) leaves a
    history row naming who and when. The search text, folded from the other fields, is not history."""
    return HistoricalRecords(verbose_name=verbose_name, excluded_fields=["search_text"], m2m_fields=m2m_fields)


def score_in_range(field: str, *, name: str, optional: bool = False) -> models.CheckConstraint:
    """A score is one of SCORE_CHOICES (1 to 5); an optional one (the staff's) may be empty."""
    in_range = Q(**{f"{field}__gte": 1, f"{field}__lte": 5})
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | in_range if optional else in_range, name=name
    )


class ContributionKind(models.TextChoices):
    """The lecturer's kinds of contribution."""

    CARE = "care", _("ケア型")
    CONSULTATION = "consultation", _("相談中心型")
    SOCIAL_ACTION = "social_action", _("ソーシャルアクション・啓発型")
    TRAINING = "training", _("人材養成")
    PLACE = "place", _("場の提供")


class ProjectStatus(models.TextChoices):
    IDEA = "idea", _("構想")
    PREPARING = "preparing", _("準備中")
    ACTIVE = "active", _("実施中")
    PAUSED = "paused", _("休止")
    ENDED = "ended", _("終了")


class PublicationState(models.TextChoices):
    DRAFT = "draft", _("下書き")
    SUBMITTED = "submitted", _("申請中")
    PUBLISHED = "published", _("公開")
    WITHDRAWN = "withdrawn", _("非公開")


# What the public sees once a version is approved (copied to PublishedProject by publishing).
PUBLIC_FIELDS = frozenset({
    "title", "summary", "description", "pattern", "kind", "status", "period_start", "period_end",
    "frequency", "public_contact", "partners", "facilities", "areas", "themes", "target_groups", "photos",
})


class Project(Timestamped, Versioned):
    """A corporation's project: the working copy its editors change."""

    owner = models.ForeignKey(
        Corporation, on_delete=models.PROTECT, related_name="projects", verbose_name=_("実施法人")
    )
    partners = models.ManyToManyField(
        Corporation, blank=True, related_name="joint_projects", verbose_name=_("共同実施法人"),
        help_text=_("一緒に取り組む法人。共同実施法人のメンバーもこの事業を閲覧できます。"),
    )
    facilities = models.ManyToManyField(
        Facility, blank=True, related_name="projects", verbose_name=_("関わる施設・事業所"),
        help_text=_("実施法人と共同実施法人の施設から選びます。"),
    )
    areas = models.ManyToManyField(Area, related_name="projects", verbose_name=_("地域"))
    title = models.CharField(_("事業名"), max_length=200)
    summary = models.CharField(_("概要"), max_length=300, help_text=_("一覧に表示される一文です。"))
    description = models.TextField(
        _("内容"), blank=True,
        help_text=_("改行はそのまま表示されます。太字・箇条書き・リンクなど一部のタグが使えます。"),
    )
    pattern = models.ForeignKey(
        NetworkPattern, on_delete=models.PROTECT, related_name="projects", verbose_name=_("ネットワークのパターン")
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="projects", verbose_name=_("テーマ"))
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="projects", verbose_name=_("対象者")
    )
    kind = models.CharField(_("貢献の種類"), max_length=20, choices=ContributionKind.choices)
    status = models.CharField(_("実施状況"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.IDEA)
    publication_state = models.CharField(
        _("公開状態"), max_length=20, choices=PublicationState.choices, default=PublicationState.DRAFT,
        help_text=_("申請・公開・差し戻し・非公開の操作でのみ変わります。"),
    )
    has_pending_changes = models.BooleanField(
        _("未承認の変更あり"), default=False,
        help_text=_("公開後に編集され、まだ承認されていない変更があります。公開中の内容は承認まで変わりません。"),
    )
    review_comment = models.TextField(_("事務局からのコメント"), blank=True)
    period_start = models.DateField(_("開始日"), null=True, blank=True)
    period_end = models.DateField(_("終了日"), null=True, blank=True)
    frequency = models.CharField(_("頻度"), max_length=100, blank=True, help_text=_("例: 毎月第2土曜日"))
    public_contact = models.CharField(
        _("問い合わせ先（公開）"), max_length=200, blank=True,
        help_text=_("カタログに公開されます。施設の代表電話など、個人の連絡先以外を書いてください。"),
    )
    ripple_score = models.PositiveSmallIntegerField(
        _("夢の明るさ・波及効果"), choices=SCORE_CHOICES, default=3, help_text=_("法人の自己評価（1〜5）。")
    )
    feasibility_score = models.PositiveSmallIntegerField(
        _("実現可能性"), choices=SCORE_CHOICES, default=3, help_text=_("法人の自己評価（1〜5）。")
    )
    staff_ripple_score = models.PositiveSmallIntegerField(
        _("夢の明るさ・波及効果（事務局）"), choices=SCORE_CHOICES, null=True, blank=True,
        help_text=_("事務局の評価。入力するとボードではこちらを使います。"),
    )
    staff_feasibility_score = models.PositiveSmallIntegerField(
        _("実現可能性（事務局）"), choices=SCORE_CHOICES, null=True, blank=True,
        help_text=_("事務局の評価。入力するとボードではこちらを使います。"),
    )
    search_text = search_text_field()
    last_reviewed_on = models.DateField(_("最終振り返り日"), null=True, blank=True, editable=False)
    next_review_on = models.DateField(_("次回振り返り予定日"), null=True, blank=True, editable=False)

    history = project_history(_("事業の変更履歴"), m2m_fields=[partners, facilities, areas, themes, target_groups])

    class Meta:
        verbose_name = verbose_name_plural = _("社会貢献事業")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__isnull=True) | Q(period_end__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="project_period_end_after_start",
            ),
            score_in_range("ripple_score", name="project_ripple_1_5"),
            score_in_range("feasibility_score", name="project_feasibility_1_5"),
            score_in_range("staff_ripple_score", name="project_staff_ripple_1_5", optional=True),
            score_in_range("staff_feasibility_score", name="project_staff_feasibility_1_5", optional=True),
            *choices_valid(
                "project", publication_state=PublicationState.values, status=ProjectStatus.values,
                kind=ContributionKind.values,
            ),
        ]
        # The overdue-review list and the moderation queue filter on these.
        indexes = [
            models.Index(fields=["publication_state"], name="project_state_idx"),
            models.Index(fields=["next_review_on"], name="project_next_review_idx"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("終了日は開始日以降の日付にしてください。")})

    def refresh_search_text(self) -> list[str]:
        """Fold the searched text again (after the title, summary, description or owner changed).

        Returns the field names to save.
        """
        from ..search import search_text_of

        self.search_text = search_text_of(
            self.title, self.summary, self.description, self.owner.name, self.owner.name_kana
        )
        return ["search_text"]

    def refresh_review_dates(self) -> list[str]:
        """Take the review dates from the latest review by date (after one was added, changed or
        deleted). Returns the field names to save."""
        latest = self.reviews.order_by("-reviewed_on", "-pk").first()
        self.last_reviewed_on = latest.reviewed_on if latest else None
        self.next_review_on = latest.next_review_on if latest else None
        return ["last_reviewed_on", "next_review_on"]

    @property
    def published_copy(self) -> "PublishedProject | None":
        """The version staff last approved (it may be withdrawn), or None if never approved."""
        try:
            return self.published
        except ObjectDoesNotExist:
            return None

    @property
    def is_public(self) -> bool:
        """In the public catalogue: approved once and not withdrawn (非公開)."""
        copy = self.published_copy
        return copy is not None and copy.is_public

    def note_public_change(self, changed: Iterable[str]) -> list[str]:
        """The one rule for changes pending: a change to what the public sees (PUBLIC_FIELDS),
        on a project that has a published copy, waits for approval (has_pending_changes).

        Returns the field names to save (none when nothing new waits).
        """
        if self.has_pending_changes or not PUBLIC_FIELDS.intersection(changed) or self.published_copy is None:
            return []
        self.has_pending_changes = True
        return ["has_pending_changes"]

    def state_before_submission(self) -> str:
        """Where a submission returns to when it is sent back or withdrawn by an edit: public in
        its approved version, hidden (非公開) if it was published once and withdrawn, otherwise a
        draft."""
        if self.published_copy is None:
            return PublicationState.DRAFT
        return PublicationState.PUBLISHED if self.is_public else PublicationState.WITHDRAWN

    def retract_submission(self, changed: Iterable[str]) -> list[str]:
        """The one rule for edits while 申請中: staff publish exactly what they reviewed, so a
        change to what the public sees (PUBLIC_FIELDS, photos too) withdraws the submission, back
        to where it stood; the owner submits again.

        Returns the field names to save (none when nothing is withdrawn).
        """
        if self.publication_state != PublicationState.SUBMITTED or not PUBLIC_FIELDS.intersection(changed):
            return []
        self.publication_state = self.state_before_submission()
        return ["publication_state"]

    # The board uses the staff's scores where staff gave them, otherwise the corporation's.
    @property
    def ripple(self) -> int:
        return self.staff_ripple_score or self.ripple_score

    @property
    def feasibility(self) -> int:
        return self.staff_feasibility_score or self.feasibility_score

    @property
    def score(self) -> int:
        """The lecturer's measure: 夢の明るさ・波及効果 × 実現可能性 ("pick the largest")."""
        return self.ripple * self.feasibility

    @property
    def description_html(self):
        return description_as_html(self.description)

    @property
    def can_be_submitted(self) -> bool:
        """A draft, a withdrawn project, or a published one with changes awaiting approval."""
        state = self.publication_state
        return state in (PublicationState.DRAFT, PublicationState.WITHDRAWN) or (
            state == PublicationState.PUBLISHED and self.has_pending_changes
        )
