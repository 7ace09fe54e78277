"""Every URL of the contributions app and the public catalogue × every role.

The project in the cases belongs to corporation A. Partners (a project of B with A as a
partner) read it but do not change it; another corporation gets 404; A's viewer 403.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from contributions import services
from tests.contributions.factories import PNG, ProjectFactory, published_project
from tests.matrix import (
    ALL_405,
    FORBIDDEN,
    LOGIN,
    MEMBERS,
    NOT_FOUND,
    OK,
    OWN_EDIT,
    OWN_POST,
    OWN_READ,
    PUBLIC,
    REDIRECT,
    STAFF_ONLY,
    STAFF_POST,
    Case,
    history_cases,
)


def _project(w):
    return {"pk": ProjectFactory(owner=w.corp_a).pk}


def _project_earlier(w):
    """A's project's first version, after staff retitled it."""
    project = ProjectFactory(owner=w.corp_a)
    first = project.history.earliest("history_date")
    services.project_update(project=project, acting_user=w.staff, title="題名を変えた事業")
    return {"pk": project.pk, "history_id": first.history_id}


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


def _reviewed_version(w):
    # The publish button posts the version the page showed (the submitted project just built).
    from contributions.models import Project

    return {"version": Project.objects.latest("pk").version}


def _joint(w):
    # B's project with A as partner: A reads it, A cannot change it.
    return {"pk": ProjectFactory(owner=w.corp_b, partners=[w.corp_a]).pk}


def _project_data(w):
    """A whole project form, as the owner's editor or staff (who also choose the owner) post it."""
    from contributions.models import NetworkPattern, TargetGroup, Theme

    return {
        "owner_choice": w.corp_a.pk,  # staff creating one choose the owner; ignored otherwise
        "title": "子ども食堂あおば", "summary": "毎月、施設の食堂で子ども食堂を開きます。",
        "description": "地域の子どもと高齢者が一緒に食べます。",
        "pattern": NetworkPattern.objects.order_by("number").first().pk, "kind": "place", "status": "active",
        "areas": [w.corp_a.home_area_id], "themes": [Theme.objects.order_by("pk").first().pk],
        "target_groups": [TargetGroup.objects.order_by("pk").first().pk], "partners": [], "facilities": [],
        "period_start": "2015-10-01", "period_end": "", "frequency": "毎月第3土曜日",
        "public_contact": "あおばホーム 03-3993-9931", "ripple_score": "4", "feasibility_score": "3",
        "version": "1",  # the edit form's, for a project as the factory makes it
    }


def _photo_data(w):
    return {"image": SimpleUploadedFile("食堂.png", PNG, content_type="image/png"), "caption": "食堂のようす"}


def _review_data(w):
    return {"reviewed_on": "2015-10-29", "stage": "check", "outcomes": "参加者30人", "next_review_on": "2016-01-29"}


# A partner's (A's) refusals on B's joint project: 403, since A may read it.
JOINT_POST = {"anonymous": LOGIN, "editor_a": FORBIDDEN, "viewer_a": FORBIDDEN, "editor_b": REDIRECT, "staff": REDIRECT}

CASES = [
    Case("contributions:list", MEMBERS),
    Case("contributions:list", MEMBERS, query="q=食堂&state=draft&status=active&pattern=1&area=1", note="filtered"),
    Case("contributions:create", OWN_EDIT | {"editor_b": OK}),
    Case("contributions:create", OWN_POST | {"editor_b": REDIRECT}, method="post", data=_project_data),
    Case("contributions:board", MEMBERS),
    Case("contributions:report", STAFF_ONLY),
    Case("contributions:report_csv", STAFF_ONLY),
    Case("contributions:report_xlsx", STAFF_ONLY),
    Case("contributions:overdue", STAFF_ONLY),
    Case("contributions:overdue_csv", STAFF_ONLY),
    Case("contributions:overdue_xlsx", STAFF_ONLY),
    Case("contributions:detail", OWN_READ, kwargs=_project),
    Case(
        "contributions:detail", OWN_READ | {"editor_b": OK}, kwargs=_joint,
        note="joint project of B read by partner A",
    ),
    *history_cases("contributions:history", "contributions:restore", kwargs=_project, earlier=_project_earlier),
    Case("contributions:update", OWN_EDIT, kwargs=_project),
    Case("contributions:update", OWN_POST, kwargs=_project, method="post", data=_project_data),
    Case(
        "contributions:update",
        {"anonymous": LOGIN, "editor_a": FORBIDDEN, "viewer_a": FORBIDDEN, "editor_b": OK, "staff": OK},
        kwargs=_joint, note="partner may not edit",
    ),
    Case("contributions:update", JOINT_POST, kwargs=_joint, method="post", data=_project_data,
         note="partner may not edit"),
    Case("contributions:submit", OWN_POST, kwargs=_project, method="post"),
    Case("contributions:submit", JOINT_POST, kwargs=_joint, method="post", note="partner may not submit"),
    Case("contributions:submit", ALL_405, kwargs=_project, note="GET refused"),
    Case("contributions:publish", STAFF_POST, kwargs=_submitted, method="post", data=_reviewed_version),
    Case("contributions:send_back", STAFF_ONLY, kwargs=_submitted),
    Case(
        "contributions:send_back", STAFF_POST, kwargs=_submitted, method="post",
        data=lambda w: {"comment": "対象者の欄を具体的にしてください。"},
    ),
    Case("contributions:withdraw", OWN_POST, kwargs=_public, method="post"),
    Case("contributions:photo_create", OWN_EDIT, kwargs=_project),
    Case("contributions:photo_create", OWN_POST, kwargs=_project, method="post", data=_photo_data),
    Case("contributions:photo", OWN_READ, kwargs=_photo),
    Case("contributions:photo_delete", OWN_POST, kwargs=_photo, method="post"),
    Case("contributions:review_create", OWN_EDIT, kwargs=_project),
    Case("contributions:review_create", OWN_POST, kwargs=_project, method="post", data=_review_data),
    Case("catalogue:index", PUBLIC),
    Case(
        "catalogue:index", PUBLIC, query="q=ｼｮｸﾄﾞｳ&area=1&pattern=2&theme=1&target_group=1&status=active",
        note="filtered",
    ),
    Case("catalogue:detail", PUBLIC, kwargs=_public),
    Case("catalogue:detail", {role: NOT_FOUND for role in PUBLIC}, kwargs=_project, note="unpublished"),
    Case("catalogue:photo", PUBLIC, kwargs=_photo),
]
