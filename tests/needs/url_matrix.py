"""Every URL of the needs app and its public pages × every role.

The offer request, the resource and the case in the cases belong to corporation A (sent
to A); B is the outsider: 404. A's viewer reads but does not answer or edit: 403.
"""

from tests import matrix
from tests.matrix import Case, form_cases
from tests.needs.factories import CaseFactory, NeedFactory, ResourceFactory, published, send

STAFF_READ = {role: matrix.NOT_FOUND for role in matrix.PUBLIC} | {"anonymous": matrix.LOGIN, "staff": matrix.OK}
NOBODY = {role: matrix.NOT_FOUND for role in matrix.PUBLIC}


def _need(w):
    return {"pk": NeedFactory(in_charge=w.staff).pk}


def _case_sent_to_a(w):
    need = CaseFactory(in_charge=w.staff)
    send(need, w.corp_a, staff=w.staff)
    return {"pk": need.pk}


def _issue_for_members(w):
    need = NeedFactory(in_charge=w.staff)
    published(need, w.staff, visibility="members")
    return {"pk": need.pk}


def _public_issue(w):
    need = NeedFactory(in_charge=w.staff)
    published(need, w.staff)
    return {"pk": need.pk}


def _offer_to_a(w):
    need = NeedFactory(in_charge=w.staff)
    (offer,) = send(need, w.corp_a, staff=w.staff)
    return {"pk": offer.pk}


def _resource_of_a(w):
    return {"pk": ResourceFactory(corporation=w.corp_a).pk}


def _corp_a(w):
    return {"corporation_pk": w.corp_a.pk}


def _project(w):
    from tests.contributions.factories import ProjectFactory

    return {"project": ProjectFactory(owner=w.corp_a).pk}


def _send_data(w):
    return {"corporations": [w.corp_b.pk]}



def _need_data(w):
    from contributions.models import TargetGroup, Theme
    from corporations.models import Area
    from needs.models import ResourceKind

    return {
        "kind": "issue", "title": "子どもの学習支援", "description": "光が丘で学習の場が足りない。",
        "areas": [Area.objects.get(name="光が丘").pk], "themes": [Theme.objects.get(name="学習支援").pk],
        "target_groups": [TargetGroup.objects.get(name="子ども").pk],
        "resource_kinds": [ResourceKind.objects.get(name="場所・部屋").pk], "source": "csw", "source_note": "",
        "received_on": "2015-10-29", "urgency": "high", "in_charge": w.staff.pk, "age_band": "",
    }


def _resource_data(w):
    from needs.models import ResourceKind

    return {
        "kind": ResourceKind.objects.get(name="場所・部屋").pk, "title": "地域交流スペース", "facility": "",
        "description": "30名まで", "days": "平日", "hours": "10時〜16時", "fee": "free", "fee_note": "",
        "capacity": "30", "is_available": "on", "contact_name": "地域連携担当", "contact_phone": "03-3993-9931",
        "contact_email": "",
    }


def _accepted_by_a(w):
    """A need that A said yes to: staff may take it on with A, or start A's project from it."""
    from needs import services

    need = NeedFactory(in_charge=w.staff)
    (offer,) = send(need, w.corp_a, staff=w.staff)
    services.offer_answer(offer=offer, acting_user=w.editor_a, accept=True)
    return {"pk": need.pk}


def _project_start_data(w):
    from contributions.models import NetworkPattern

    pattern = NetworkPattern.objects.get(number=3)
    return {"owner": w.corp_a.pk, "pattern": pattern.pk, "title": "光が丘まなびの部屋", "summary": "中学生の学習支援"}


def _publish_data(w):
    return {
        "visibility": "members", "public_title": "子どもの学習の場", "public_description": "学習の場が足りません。",
        "confirm": "on",
    }


CASES = [
    Case("needs:list", matrix.MEMBERS),
    Case("needs:list", matrix.MEMBERS, query="q=学習&kind=issue&status=open&area=1&theme=1&resource_kind=1",
         note="filtered"),
    Case("needs:list_xlsx", matrix.MEMBERS),
    *form_cases("needs:create", matrix.STAFF_ONLY, data=_need_data),
    Case("needs:areas", matrix.MEMBERS),
    Case("needs:areas", matrix.MEMBERS, query="by=kind", note="by resource kind"),
    Case("needs:areas_xlsx", matrix.MEMBERS),
    Case("needs:offers", matrix.MEMBERS),
    Case("needs:answer", matrix.OWN_EDIT, kwargs=_offer_to_a),
    Case("needs:answer", matrix.OWN_POST, kwargs=_offer_to_a, method="post", data=lambda w: {"answer": "accepted"},
         note="answer"),
    Case("needs:resources", matrix.MEMBERS),
    Case("needs:resources", matrix.MEMBERS, query="q=交流&area=1&kind=1&service_type=1&available=yes", note="filtered"),
    *form_cases("needs:resource_create", matrix.OWN_EDIT, kwargs=_corp_a, data=_resource_data),
    Case("needs:resource", matrix.MEMBERS, kwargs=_resource_of_a),
    *form_cases("needs:resource_update", matrix.OWN_EDIT, kwargs=_resource_of_a, data=_resource_data),
    Case("needs:detail", STAFF_READ, kwargs=_need, note="not published"),
    Case("needs:detail", matrix.OWN_READ, kwargs=_case_sent_to_a, note="case sent to A"),
    Case("needs:detail", matrix.MEMBERS, kwargs=_issue_for_members, note="published to members"),
    *form_cases("needs:update", matrix.STAFF_ONLY, kwargs=_need, data=_need_data),
    *form_cases(
        "needs:status", matrix.STAFF_ONLY, kwargs=_need,
        data=lambda w: {"status": "closed", "outcome": "区の学習支援事業につないだ"},
    ),
    Case("needs:candidates", matrix.STAFF_ONLY, kwargs=_need),
    Case("needs:send", matrix.STAFF_POST, kwargs=_need, method="post", data=_send_data),
    Case("needs:send", matrix.ALL_405, kwargs=_need, note="GET refused"),
    Case("needs:remind", matrix.STAFF_POST, kwargs=_case_sent_to_a, method="post"),
    Case("needs:take_on", matrix.STAFF_ONLY, kwargs=_need),
    Case("needs:take_on", matrix.STAFF_POST, kwargs=_accepted_by_a, method="post",
         data=lambda w: {"corporations": [w.corp_a.pk], "note": ""}),
    Case("needs:project_start", matrix.STAFF_ONLY, kwargs=_need),
    Case("needs:project_start", matrix.STAFF_POST, kwargs=_accepted_by_a, method="post", data=_project_start_data),
    Case("needs:link", matrix.STAFF_POST, kwargs=_need, method="post", data=_project),
    *form_cases("needs:publish", matrix.STAFF_ONLY, kwargs=_need, data=_publish_data),
    Case("needs:publish", matrix.STAFF_ONLY | {"staff": matrix.FORBIDDEN}, kwargs=_case_sent_to_a,
         note="a case is never published"),
    Case("needs:unpublish", matrix.STAFF_POST, kwargs=_public_issue, method="post"),
    Case("needs:remind", matrix.ALL_405, kwargs=_need, note="GET refused"),
    Case("needs:link", matrix.ALL_405, kwargs=_need, note="GET refused"),
    Case("needs:unpublish", matrix.ALL_405, kwargs=_public_issue, note="GET refused"),
    Case("needs:list", matrix.ALL_405, method="post", note="POST refused"),
    Case("needs:areas_xlsx", matrix.ALL_405, method="post", note="POST refused"),
    Case("local_needs:index", matrix.PUBLIC),
    Case("local_needs:index", matrix.ALL_405, method="post", note="POST refused"),
    Case("local_needs:detail", matrix.PUBLIC, kwargs=_public_issue),
    Case("local_needs:detail", NOBODY, kwargs=_issue_for_members, note="members only"),
    Case("local_needs:detail", NOBODY, kwargs=_case_sent_to_a, note="a case"),
    Case("local_needs:resources", matrix.PUBLIC),
]
