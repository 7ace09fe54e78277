"""Contribution projects (社会貢献事業 / 地域公益活動), their reviews, photos and public copy.

The working copy (Project) is what the owner edits. The public catalogue reads only the
published copy (PublishedProject), taken when staff approve: editing a published project
changes nothing in public until the change is approved again.

Nothing recorded disappears by cascade: a project's reviews, photos and published copy
PROTECT it (a photo is still deleted on its own, by photo_delete), and a row a project
links to through a many-to-many field cannot be deleted while linked (see
core.models.refuse_delete_while_linked).

One module per job: vocabulary, projects, photos, reviews, the published copy, text cleaning.
"""

from .photos import ProjectPhoto, photo_upload_to
from .projects import PUBLIC_FIELDS, SCORE_CHOICES, ContributionKind, Project, ProjectStatus, PublicationState
from .published import PublishedProject
from .reviews import PdcaStage, ProjectReview
from .text import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, FOREIGN_ELEMENTS, description_as_html, sanitize_description
from .vocabulary import NetworkPattern, TargetGroup, Theme

__all__ = [
    "ALLOWED_ATTRIBUTES",
    "ALLOWED_TAGS",
    "ContributionKind",
    "FOREIGN_ELEMENTS",
    "NetworkPattern",
    "PUBLIC_FIELDS",
    "PdcaStage",
    "Project",
    "ProjectPhoto",
    "ProjectReview",
    "ProjectStatus",
    "PublicationState",
    "PublishedProject",
    "SCORE_CHOICES",
    "TargetGroup",
    "Theme",
    "description_as_html",
    "photo_upload_to",
    "sanitize_description",
]
