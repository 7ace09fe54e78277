from tests.matrix import LOGIN, NOT_FOUND, OWN_EDIT, OWN_READ, REDIRECT, STAFF_ONLY, Case

CASES = [
    Case("corporations:list", STAFF_ONLY),
    Case("corporations:list", STAFF_ONLY, query="area=1&kind=npo&q=あ&status=all", note="filtered"),
    Case("corporations:export_csv", STAFF_ONLY),
    Case("corporations:export_xlsx", STAFF_ONLY),
    Case("corporations:create", STAFF_ONLY),
    Case("corporations:import", STAFF_ONLY),
    Case(
        "corporations:mine",
        {"anonymous": LOGIN, "editor_a": REDIRECT, "viewer_a": REDIRECT, "editor_b": REDIRECT, "staff": REDIRECT},
    ),
    Case("corporations:detail", OWN_READ, kwargs=lambda w: {"pk": w.corp_a.pk}),
    Case("corporations:update", OWN_EDIT, kwargs=lambda w: {"pk": w.corp_a.pk}),
    Case("corporations:facility_create", OWN_EDIT, kwargs=lambda w: {"pk": w.corp_a.pk}),
    Case(
        "corporations:facility_update", OWN_EDIT,
        kwargs=lambda w: {"pk": w.corp_a.pk, "facility_pk": w.facility_a.pk},
    ),
    # B's facility under A's address is not found, even for staff: no mixing of corporations.
    Case(
        "corporations:facility_update",
        {"anonymous": LOGIN, "editor_a": NOT_FOUND, "viewer_a": NOT_FOUND, "editor_b": NOT_FOUND, "staff": NOT_FOUND},
        kwargs=lambda w: {"pk": w.corp_a.pk, "facility_pk": w.facility_b.pk},
        note="facility of another corporation",
    ),
]
