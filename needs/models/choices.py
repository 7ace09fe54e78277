"""The values a need is described with: its kind, status, source, urgency, a case's age band and
its visibility. (Where a status may go is a rule of the need: needs.py.)"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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
