"""The published copy of a project: the only thing the public catalogue reads."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import choices_valid, user_link
from corporations.models import Area, Corporation

from .photos import ProjectPhoto
from .projects import ContributionKind, Project, ProjectStatus, project_history, search_text_field
from .text import description_as_html
from .vocabulary import NetworkPattern, TargetGroup, Theme


class PublishedProject(models.Model):
    """The public version of a project, copied from the working copy when staff approve it.

    The catalogue reads only this table, so nothing the owner has not had approved (and no
    score, review, comment or account) can leak to the public.
    """

    project = models.OneToOneField(
        Project, on_delete=models.PROTECT, primary_key=True, related_name="published", verbose_name=_("事業")
    )
    is_public = models.BooleanField(_("公開中"), default=True, help_text=_("非公開にすると、カタログから外れます。"))
    owner = models.ForeignKey(
        Corporation, on_delete=models.PROTECT, related_name="published_projects", verbose_name=_("実施法人")
    )
    partners = models.ManyToManyField(
        Corporation, blank=True, related_name="published_joint_projects", verbose_name=_("共同実施法人")
    )
    facility_names = models.JSONField(_("関わる施設・事業所"), default=list, blank=True)
    areas = models.ManyToManyField(Area, related_name="published_projects", verbose_name=_("地域"))
    pattern = models.ForeignKey(
        NetworkPattern,
        on_delete=models.PROTECT,
        related_name="published_projects",
        verbose_name=_("ネットワークのパターン"),
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="published_projects", verbose_name=_("テーマ"))
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="published_projects", verbose_name=_("対象者")
    )
    photos = models.ManyToManyField(
        ProjectPhoto, blank=True, related_name="published_in", verbose_name=_("公開する写真")
    )
    title = models.CharField(_("事業名"), max_length=200)
    summary = models.CharField(_("概要"), max_length=300)
    description = models.TextField(_("内容"), blank=True)
    kind = models.CharField(_("貢献の種類"), max_length=20, choices=ContributionKind.choices)
    status = models.CharField(_("実施状況"), max_length=20, choices=ProjectStatus.choices)
    period_start = models.DateField(_("開始日"), null=True, blank=True)
    period_end = models.DateField(_("終了日"), null=True, blank=True)
    frequency = models.CharField(_("頻度"), max_length=100, blank=True)
    public_contact = models.CharField(_("問い合わせ先"), max_length=200, blank=True)
    search_text = search_text_field()
    published_at = models.DateTimeField(_("公開日時"))
    published_by = user_link(_("承認者"), on_delete=models.SET_NULL, optional=True)

    history = project_history(_("公開版の変更履歴"), m2m_fields=[partners, areas, themes, target_groups, photos])

    class Meta:
        verbose_name = verbose_name_plural = _("公開中の事業")
        ordering = ["-published_at", "-pk"]
        constraints = choices_valid("published", status=ProjectStatus.values, kind=ContributionKind.values)
        indexes = [models.Index(fields=["is_public", "-published_at"], name="published_public_idx")]

    def __str__(self):
        return self.title

    @property
    def description_html(self):
        return description_as_html(self.description)
