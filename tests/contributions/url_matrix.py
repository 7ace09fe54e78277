"""Every URL of the contributions app and the public catalogue × every role.

The project in the cases belongs to corporation A. Partners (a project of B with A as a
partner) read it but do not change it; another corporation gets 404; A's viewer 403.
"""

from tests.contributions.factories import PNG, ProjectFactory, published_project
from tests.matrix import (
    FORBIDDEN,
    LOGIN,
    MEMBERS,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    OWN_EDIT,
    OWN_READ,
    PUBLIC,
    REDIRECT,
    STAFF_ONLY,
    Case,
)


def _project(w):
    return {"pk": ProjectFactory(owner=w.corp_a).pk}


def _public(w):
    return {"pk": published_project(w.staff, owner=w.corp_a).pk}


def _submitted(w):
    from contributions import services

    project = ProjectFactory(owner=w.corp_a)
    services.project_submit(project=project, acting_user=w.editor_a)
    return {"pk": project.pk}


def _photo(w):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from contributions.models import ProjectPhoto

    project = published_project(w.staff, owner=w.corp_a)
    name = default_storage.save("contributions/photos/matrix.png", ContentFile(PNG))
    photo = ProjectPhoto.objects.create(
        project=project, image=name, caption="写真", content_type="image/png", size=len(PNG)
    )
    project.published.photos.add(photo)
    return {"pk": project.pk, "photo_pk": photo.pk}


def _joint(w):
    # B's project with A as partner: A reads it, A cannot change it.
    return {"pk": ProjectFactory(owner=w.corp_b, partners=[w.corp_a]).pk}


POST_EDIT = {"anonymous": LOGIN, "editor_a": REDIRECT, "viewer_a": FORBIDDEN, "editor_b": NOT_FOUND, "staff": REDIRECT}
POST_STAFF = {"anonymous": LOGIN, "editor_a": FORBIDDEN, "viewer_a": FORBIDDEN, "editor_b": FORBIDDEN, "staff": REDIRECT}

CASES = [
    Case("contributions:list", MEMBERS),
    Case("contributions:list", MEMBERS, query="q=食堂&state=draft&status=active&pattern=1&area=1", note="filtered"),
    Case("contributions:create", OWN_EDIT | {"editor_b": OK}),
    Case("contributions:board", MEMBERS),
    Case("contributions:report", STAFF_ONLY),
    Case("contributions:report_csv", STAFF_ONLY),
    Case("contributions:report_xlsx", STAFF_ONLY),
    Case("contributions:overdue", STAFF_ONLY),
    Case("contributions:detail", OWN_READ, kwargs=_project),
    Case("contributions:detail", OWN_READ | {"editor_b": OK}, kwargs=_joint, note="joint project of B read by partner A"),
    Case("contributions:update", OWN_EDIT, kwargs=_project),
    Case(
        "contributions:update",
        {"anonymous": LOGIN, "editor_a": FORBIDDEN, "viewer_a": FORBIDDEN, "editor_b": OK, "staff": OK},
        kwargs=_joint, note="partner may not edit",
    ),
    Case("contributions:submit", POST_EDIT, kwargs=_project, method="post"),
    Case("contributions:submit", {role: NOT_ALLOWED for role in PUBLIC}, kwargs=_project, note="GET refused"),
    Case("contributions:publish", POST_STAFF, kwargs=_submitted, method="post"),
    Case("contributions:send_back", STAFF_ONLY, kwargs=_submitted),
    Case("contributions:withdraw", POST_EDIT, kwargs=_public, method="post"),
    Case("contributions:photo_create", OWN_EDIT, kwargs=_project),
    Case("contributions:photo", OWN_READ, kwargs=_photo),
    Case("contributions:photo_delete", POST_EDIT, kwargs=_photo, method="post"),
    Case("contributions:review_create", OWN_EDIT, kwargs=_project),
    Case("catalogue:index", PUBLIC),
    Case("catalogue:index", PUBLIC, query="q=ｼｮｸﾄﾞｳ&area=1&pattern=2&theme=1&target_group=1&status=active", note="filtered"),
    Case("catalogue:detail", PUBLIC, kwargs=_public),
    Case("catalogue:detail", {role: NOT_FOUND for role in PUBLIC}, kwargs=_project, note="unpublished"),
    Case("catalogue:photo", PUBLIC, kwargs=_photo),
]
