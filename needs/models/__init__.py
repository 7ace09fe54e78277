"""Local needs (地域ニーズ), corporations' resources (社会資源) and the loop between them.

A need is recorded by staff, matched against the corporations' resources and projects,
sent to chosen corporations as offer requests (打診), each answered 応諾 / 辞退, and followed
to its outcome. An individual case (個別課題, pattern ①) is about one person: it holds no
name, address or phone, is read only by staff and the corporations it was sent to, and
every reading is recorded (CaseView).
"""

from .choices import AgeBand, NeedKind, NeedSource, NeedStatus, Urgency, Visibility
from .needs import CLOSED_STATUSES, NEXT_STATUSES, OPEN_STATUSES, CaseView, Need, NeedProject, NeedStatusChange
from .offers import OfferRequest, OfferStatus
from .resources import Fee, Resource, ResourceKind

__all__ = [
    "AgeBand",
    "CLOSED_STATUSES",
    "CaseView",
    "Fee",
    "NEXT_STATUSES",
    "Need",
    "NeedKind",
    "NeedProject",
    "NeedSource",
    "NeedStatus",
    "NeedStatusChange",
    "OPEN_STATUSES",
    "OfferRequest",
    "OfferStatus",
    "Resource",
    "ResourceKind",
    "Urgency",
    "Visibility",
]
