"""Every URL of the contributions app and the public catalogue × every role.

The project in the cases belongs to corporation A. Partners (a project of B with A as a
partner) read it but do not change it; another corporation gets 404; A's viewer 403.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from contributions import services
from tests import matrix
from tests.contributions.factories import PNG, ProjectFactory, published_project
from tests.matrix import Case, form_cases, history_cases


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
JOINT_POST = matrix.STAFF_POST | {"editor_b": matrix.REDIRECT}

CASES = [
    Case("contributions:list", matrix.MEMBERS),
    Case("contributions:list", matrix.MEMBERS, query="q=食堂&state=draft&status=active&pattern=1&area=1",
         note="filtered"),
    Case("contributions:create", matrix.OWN_EDIT | {"editor_b": matrix.OK}),
    Case("contributions:create", matrix.OWN_POST | {"editor_b": matrix.REDIRECT}, method="post", data=_project_data),
    Case("contributions:board", matrix.MEMBERS),
    Case("contributions:report", matrix.STAFF_ONLY),
    Case("contributions:report_csv", matrix.STAFF_ONLY),
    Case("contributions:report_xlsx", matrix.STAFF_ONLY),
    Case("contributions:overdue", matrix.STAFF_ONLY),
    Case("contributions:overdue_csv", matrix.STAFF_ONLY),
    Case("contributions:overdue_xlsx", matrix.STAFF_ONLY),
    Case("contributions:detail", matrix.OWN_READ, kwargs=_project),
    Case(
        "contributions:detail", matrix.OWN_READ | {"editor_b": matrix.OK}, kwargs=_joint,
        note="joint project of B read by partner A",
    ),
    *history_cases("contributions:history", "contributions:restore", kwargs=_project, earlier=_project_earlier),
    *form_cases("contributions:update", matrix.OWN_EDIT, kwargs=_project, data=_project_data),
    Case(
        "contributions:update", matrix.STAFF_ONLY | {"editor_b": matrix.OK}, kwargs=_joint, note="partner may not edit"
    ),
    Case("contributions:update", JOINT_POST, kwargs=_joint, method="post", data=_project_data,
         note="partner may not edit"),
    Case("contributions:submit", matrix.OWN_POST, kwargs=_project, method="post"),
    Case("contributions:submit", JOINT_POST, kwargs=_joint, method="post", note="partner may not submit"),
    Case("contributions:submit", matrix.ALL_405, kwargs=_project, note="GET refused"),
    Case("contributions:publish", matrix.STAFF_POST, kwargs=_submitted, method="post", data=_reviewed_version),
    *form_cases(
        "contributions:send_back", matrix.STAFF_ONLY, kwargs=_submitted,
        data=lambda w: {"comment": "対象者の欄を具体的にしてください。"},
    ),
    Case("contributions:withdraw", matrix.OWN_POST, kwargs=_public, method="post"),
    *form_cases("contributions:photo_create", matrix.OWN_EDIT, kwargs=_project, data=_photo_data),
    Case("contributions:photo", matrix.OWN_READ, kwargs=_photo),
    Case("contributions:photo_delete", matrix.OWN_POST, kwargs=_photo, method="post"),
    *form_cases("contributions:review_create", matrix.OWN_EDIT, kwargs=_project, data=_review_data),
    Case("catalogue:index", matrix.PUBLIC),
    Case(
        "catalogue:index", matrix.PUBLIC, query="q=ｼｮｸﾄﾞｳ&area=1&pattern=2&theme=1&target_group=1&status=active",
        note="filtered",
    ),
    Case("catalogue:detail", matrix.PUBLIC, kwargs=_public),
    Case("catalogue:detail", {role: matrix.NOT_FOUND for role in matrix.PUBLIC}, kwargs=_project, note="unpublished"),
    Case("catalogue:photo", matrix.PUBLIC, kwargs=_photo),
]
