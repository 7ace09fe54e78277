"""A project's history page (with its links by name) and restoring an earlier version through
project_update."""

from django.urls import reverse

from contributions import services
from tests.contributions.factories import ProjectFactory
from tests.factories import CorporationFactory


def _history(project):
    return reverse("contributions:history", kwargs={"pk": project.pk})


def _restore(project, record):
    return reverse("contributions:restore", kwargs={"pk": project.pk, "history_id": record.history_id})


def test_it_names_the_links_and_labels_the_choices(staff_client, world, vocab):
    project = services.project_create(
        owner=world.corp_a, acting_user=world.editor_a, title="見守り訪問", summary="高齢の方を訪ねます。",
        pattern=vocab["patterns"][2], kind="care", status="idea", areas=[vocab["areas"]["練馬"]],
    )
    partner = CorporationFactory(name="社会福祉法人ひかり会")
    services.project_update(
        project=project, acting_user=world.staff, status="active", partners=[partner],
        themes=[vocab["themes"]["見守り"]], areas=[vocab["areas"]["練馬"], vocab["areas"]["大泉"]],
    )
    response = staff_client.get(_history(project))
    assert response.status_code == 200
    newest, created = response.context["rows"]
    assert (newest.kind, newest.who, created.kind, created.who) == (
        "変更", world.staff.display_name, "作成", world.editor_a.display_name
    )
    changes = {c.label: (c.old, c.new) for c in newest.changes}
    assert changes["共同実施法人"] == ("（空）", "社会福祉法人ひかり会")
    assert changes["テーマ"] == ("（空）", "見守り")
    assert changes["地域"] == ("練馬", "大泉、練馬")
    assert changes["実施状況"][1] == "実施中"
    created_changes = {c.label: c.new for c in created.changes}
    assert created_changes["ネットワークのパターン"] == str(vocab["patterns"][2])
    assert created_changes["貢献の種類"] == "ケア型"
    assert "<ins>active" not in response.content.decode()


def test_it_restores_fields_and_links_and_leaves_the_workflow_alone(staff_client, world, vocab):
    project = ProjectFactory(owner=world.corp_a, title="見守り訪問", areas=[vocab["areas"]["練馬"]])
    first = project.history.latest("history_date")  # the factory's rows, with their areas
    services.project_update(
        project=project, acting_user=world.editor_a, title="見守りと配食", areas=[vocab["areas"]["大泉"]]
    )
    services.project_submit(project=project, acting_user=world.editor_a)

    confirm = staff_client.get(_restore(project, first))
    assert {c.label for c in confirm.context["plan"].rows} == {"事業名", "地域"}
    skipped = {c.label: (c.old, c.new) for c in confirm.context["plan"].skipped}
    assert skipped == {"公開状態": ("申請中", "下書き")}
    assert "公開状態" in confirm.content.decode()

    assert staff_client.post(_restore(project, first)).status_code == 302
    project.refresh_from_db()
    assert project.title == "見守り訪問"
    assert list(project.areas.values_list("name", flat=True)) == ["練馬"]
    # The workflow is not taken from the history; but the restore changed what staff were
    # reviewing, so the submission is withdrawn as for any such edit (staff publish what they read).
    assert project.publication_state == "draft"
    latest = project.history.latest("history_date")
    assert latest.history_type == "~" and latest.history_user == world.staff
    assert "ミマモリ" in project.search_text  # saved through the service: the search text follows


def test_it_links_the_history_from_the_project_page(staff_client, world):
    project = ProjectFactory(owner=world.corp_a)
    html = staff_client.get(reverse("contributions:detail", kwargs={"pk": project.pk})).content.decode()
    assert _history(project) in html and "admin/" not in html
