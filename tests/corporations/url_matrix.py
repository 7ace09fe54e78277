from django.core.files.uploadedfile import SimpleUploadedFile

from tests import matrix
from tests.matrix import Case, form_cases, history_cases


def _corporation_a(w):
    return {"pk": w.corp_a.pk}


def _facility_a(w):
    return {"pk": w.corp_a.pk, "facility_pk": w.facility_a.pk}


def _facility_b_under_a(w):
    return {"pk": w.corp_a.pk, "facility_pk": w.facility_b.pk}


def _corporation_a_earlier(w):
    """A's first version, after staff changed its phone: restoring it is a change."""
    from corporations.services import corporation_update

    first = w.corp_a.history.earliest("history_date")
    corporation_update(corporation=w.corp_a, acting_user=w.staff, phone="03-0000-1111")
    return {"pk": w.corp_a.pk, "history_id": first.history_id}


def _facility_a_earlier(w):
    from corporations.services import facility_update

    first = w.facility_a.history.earliest("history_date")
    facility_update(facility=w.facility_a, acting_user=w.staff, phone="03-0000-1111")
    return {"pk": w.corp_a.pk, "facility_pk": w.facility_a.pk, "history_id": first.history_id}


def _corporation_data(w):
    return {
        "name": "社会福祉法人ともしび会", "name_kana": "トモシビカイ", "kind": "social_welfare",
        "home_area": w.corp_a.home_area_id, "phone": "03-3993-2222", "is_active": "on",
    }


def _update_data(w):
    # A's own values with a new phone: every role posts the same change.
    corporation = w.corp_a
    return {
        "name": corporation.name, "name_kana": corporation.name_kana, "kind": corporation.kind,
        "home_area": corporation.home_area_id, "phone": "03-1111-2222", "is_active": "on",
        "version": corporation.version,
    }


def _facility_data(w):
    from corporations.models import ServiceType

    return {
        "name": "あおば学童クラブ", "name_kana": "アオバガクドウクラブ",
        "service_type": ServiceType.objects.get(name="児童・保育").pk, "area": w.corp_a.home_area_id,
        "capacity": "40", "is_active": "on", "version": w.facility_a.version,  # (the edit form's; create ignores it)
    }


def _import_data(w):
    csv = f"法人名,フリガナ,主な地域\n社会福祉法人ともしび会,トモシビカイ,{w.corp_a.home_area.name}\n"
    return {"file": SimpleUploadedFile("名簿.csv", csv.encode(), content_type="text/csv"), "dry_run": ""}


NOT_FOUND_WHEN_LOGGED_IN = {role: matrix.NOT_FOUND for role in matrix.PUBLIC} | {"anonymous": matrix.LOGIN}

CASES = [
    Case("corporations:search", matrix.MEMBERS, query="q=あおば"),
    Case("corporations:list", matrix.STAFF_ONLY),
    Case("corporations:list", matrix.STAFF_ONLY, query="area=1&kind=npo&q=あ&status=all", note="filtered"),
    Case("corporations:export_csv", matrix.STAFF_ONLY),
    Case("corporations:export_xlsx", matrix.STAFF_ONLY),
    *form_cases("corporations:create", matrix.STAFF_ONLY, data=_corporation_data),
    *form_cases("corporations:import", matrix.STAFF_ONLY, data=_import_data),
    Case("corporations:mine", {role: matrix.REDIRECT for role in matrix.PUBLIC} | {"anonymous": matrix.LOGIN}),
    Case("corporations:detail", matrix.OWN_READ, kwargs=_corporation_a),
    *form_cases("corporations:update", matrix.OWN_EDIT, kwargs=_corporation_a, data=_update_data),
    # The change history and restoring a version: staff only, checked before the object is looked up.
    *history_cases(
        "corporations:history", "corporations:restore", kwargs=_corporation_a, earlier=_corporation_a_earlier
    ),
    *history_cases(
        "corporations:facility_history", "corporations:facility_restore",
        kwargs=_facility_a, earlier=_facility_a_earlier,
    ),
    *form_cases("corporations:facility_create", matrix.OWN_EDIT, kwargs=_corporation_a, data=_facility_data),
    *form_cases("corporations:facility_update", matrix.OWN_EDIT, kwargs=_facility_a, data=_facility_data),
    # B's facility under A's address is not found, even for staff: no mixing of corporations.
    Case(
        "corporations:facility_update",
        NOT_FOUND_WHEN_LOGGED_IN,
        kwargs=_facility_b_under_a,
        note="facility of another corporation",
    ),
    Case(
        "corporations:facility_update",
        NOT_FOUND_WHEN_LOGGED_IN,
        kwargs=_facility_b_under_a, method="post", data=_facility_data,
        note="facility of another corporation",
    ),
]
