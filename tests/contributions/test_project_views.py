"""Creating, reading and editing projects: who may, and what a form can never change."""

import pytest
from django.urls import reverse

from contributions import services
from contributions.models import Project, PublicationState
from tests.contributions.conftest import form_data
from tests.contributions.factories import ProjectFactory
from tests.factories import CorporationFactory, FacilityFactory

CREATE = reverse("contributions:create")


def _update(project):
    return reverse("contributions:update", kwargs={"pk": project.pk})


def _detail(project):
    return reverse("contributions:detail", kwargs={"pk": project.pk})


def _snapshot(project):
    row = Project.objects.filter(pk=project.pk).values().get()
    row["partners"] = sorted(Project.objects.get(pk=project.pk).partners.values_list("pk", flat=True))
    row["areas"] = sorted(Project.objects.get(pk=project.pk).areas.values_list("pk", flat=True))
    return row


def test_it_requires_login(client, world):
    response = client.get(CREATE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_lets_an_editor_post_a_joint_project_for_its_own_corporation(editor_a_client, world, vocab):
    data = form_data(
        vocab, partners=[world.corp_b.pk], facilities=[world.facility_a.pk, world.facility_b.pk],
        areas=[vocab["areas"]["大泉"].pk, vocab["areas"]["練馬"].pk],
    )
    response = editor_a_client.post(CREATE, data)
    project = Project.objects.get()
    assert response["Location"] == _detail(project)
    assert project.owner == world.corp_a
    assert project.publication_state == PublicationState.DRAFT
    assert list(project.partners.all()) == [world.corp_b]
    assert set(project.facilities.all()) == {world.facility_a, world.facility_b}
    assert project.history.get().history_user == world.editor_a


def test_it_ignores_a_posted_owner_corporation_or_state(editor_a_client, world, vocab):
    data = form_data(
        vocab, owner=world.corp_b.pk, corporation=world.corp_b.pk, owner_choice=world.corp_b.pk,
        publication_state="published", state="published", has_pending_changes="on",
        staff_ripple_score="5", staff_feasibility_score="5",
    )
    editor_a_client.post(CREATE, data)
    project = Project.objects.get()
    assert project.owner == world.corp_a
    assert project.publication_state == PublicationState.DRAFT
    assert project.staff_ripple_score is None and project.staff_feasibility_score is None
    assert not hasattr(project, "published")

    before = _snapshot(project)
    editor_a_client.post(_update(project), data | {"title": project.title})
    assert _snapshot(project) | {"updated_at": None} == before | {"updated_at": None}


def test_it_gives_a_viewer_403_on_create_and_edit_and_changes_nothing(viewer_a_client, world, vocab):
    project = ProjectFactory(owner=world.corp_a)
    before = _snapshot(project)
    assert viewer_a_client.get(CREATE).status_code == 403
    assert viewer_a_client.post(CREATE, form_data(vocab)).status_code == 403
    assert viewer_a_client.get(_update(project)).status_code == 403
    assert viewer_a_client.post(_update(project), form_data(vocab, title="乗っ取り")).status_code == 403
    assert _snapshot(project) == before
    assert Project.objects.count() == 1


def test_it_gives_another_corporations_editor_404_and_changes_nothing(editor_b_client, world, vocab):
    project = ProjectFactory(owner=world.corp_a)
    before = _snapshot(project)
    assert editor_b_client.get(_detail(project)).status_code == 404
    assert editor_b_client.get(_update(project)).status_code == 404
    assert editor_b_client.post(_update(project), form_data(vocab, title="乗っ取り")).status_code == 404
    assert _snapshot(project) == before


def test_it_lets_a_partner_read_a_joint_project_but_not_change_it(editor_b_client, world, vocab):
    project = ProjectFactory(owner=world.corp_a, partners=[world.corp_b])
    before = _snapshot(project)
    response = editor_b_client.get(_detail(project))
    assert response.status_code == 200
    assert response.context["can_edit"] is False
    assert _update(project) not in response.content.decode()
    assert editor_b_client.post(_update(project), form_data(vocab, title="乗っ取り")).status_code == 403
    assert _snapshot(project) == before


def test_it_lets_a_viewer_read_its_corporations_project(viewer_a_client, world):
    project = ProjectFactory(owner=world.corp_a)
    response = viewer_a_client.get(_detail(project))
    assert response.status_code == 200
    assert response.context["can_edit"] is False


def test_it_lets_the_editor_update_and_records_history(editor_a_client, world, vocab):
    project = ProjectFactory(owner=world.corp_a, title="旧名")
    response = editor_a_client.post(_update(project), form_data(vocab, title="新名"))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "新名"
    assert project.history.first().history_user == world.editor_a
    assert project.history.first().prev_record.title == "旧名"


def test_it_refuses_facilities_of_a_corporation_not_in_the_project(editor_a_client, world, vocab):
    stranger = FacilityFactory(corporation=CorporationFactory(), name="よその施設")
    response = editor_a_client.post(CREATE, form_data(vocab, facilities=[world.facility_a.pk, stranger.pk]))
    assert response.status_code == 200
    assert "facilities" in response.context["form"].errors
    # B's facility is refused too until B is a partner.
    response = editor_a_client.post(CREATE, form_data(vocab, facilities=[world.facility_b.pk]))
    assert "facilities" in response.context["form"].errors
    assert not Project.objects.exists()


def test_it_refuses_an_end_before_the_start_in_japanese(editor_a_client, world, vocab):
    response = editor_a_client.post(CREATE, form_data(vocab, period_start="2015-10-29", period_end="2015-07-29"))
    assert response.status_code == 200
    assert "終了日は開始日以降の日付にしてください。" in response.content.decode()
    assert not Project.objects.exists()


def test_it_refuses_scores_outside_one_to_five(editor_a_client, world, vocab):
    response = editor_a_client.post(CREATE, form_data(vocab, ripple_score="6", feasibility_score="0"))
    assert set(response.context["form"].errors) == {"ripple_score", "feasibility_score"}
    assert not Project.objects.exists()


def test_it_sanitises_the_description_keeping_the_small_subset(editor_a_client, world, vocab):
    text = (
        '<p onclick="x()">こんにちは<strong>太字</strong></p><script>alert(1)</script>'
        '<a href="javascript:alert(1)">悪い</a><a href="https://example.jp/">良い</a><iframe src="https://evil"></iframe>'
    )
    editor_a_client.post(CREATE, form_data(vocab, description=text))
    project = Project.objects.get()
    assert "<script" not in project.description and "alert(1)</" not in project.description
    assert "onclick" not in project.description and "javascript:" not in project.description
    assert "<iframe" not in project.description
    assert "<strong>太字</strong>" in project.description
    assert 'href="https://example.jp/"' in project.description and 'rel="noopener noreferrer"' in project.description
    html = editor_a_client.get(_detail(project)).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_it_keeps_line_breaks_of_plain_text(editor_a_client, world, vocab):
    project = ProjectFactory(owner=world.corp_a, description="一行目\n二行目\n\n<b>三</b>段落")
    html = editor_a_client.get(_detail(project)).content.decode()
    assert "一行目<br>二行目" in html
    assert "<b>" not in html.split('data-testid="project-description"')[1].split("</div>")[0]


def test_it_lets_staff_create_a_project_for_any_owner_with_staff_scores(staff_client, world, vocab):
    response = staff_client.post(
        CREATE, form_data(vocab, owner_choice=world.corp_b.pk, staff_ripple_score="5", staff_feasibility_score="2")
    )
    project = Project.objects.get()
    assert response["Location"] == _detail(project)
    assert project.owner == world.corp_b
    assert (project.staff_ripple_score, project.staff_feasibility_score) == (5, 2)
    assert project.score == 10


def test_it_refuses_unknown_methods(editor_a_client, world):
    project = ProjectFactory(owner=world.corp_a)
    assert editor_a_client.delete(_update(project)).status_code == 405
    assert editor_a_client.post(_detail(project)).status_code == 405
    assert editor_a_client.put(CREATE).status_code == 405


def test_it_lists_own_and_joint_projects_for_a_member_only(editor_b_client, world):
    own = ProjectFactory(owner=world.corp_b, title="Bの事業")
    joint = ProjectFactory(owner=world.corp_a, partners=[world.corp_b], title="Aと共同")
    ProjectFactory(owner=world.corp_a, title="Aだけ")
    response = editor_b_client.get(reverse("contributions:list"))
    assert {p.title for p in response.context["page"]} == {own.title, joint.title}


def test_it_filters_the_list_by_state_and_keyword(staff_client, world):
    ProjectFactory(owner=world.corp_a, title="こども食堂")
    ProjectFactory(owner=world.corp_b, title="認知症カフェ")
    response = staff_client.get(reverse("contributions:list"), {"q": "ｶﾌｪ"})
    assert [p.title for p in response.context["page"]] == ["認知症カフェ"]
    # Hiragana and katakana find each other, both ways.
    response = staff_client.get(reverse("contributions:list"), {"q": "コドモ"})
    assert [p.title for p in response.context["page"]] == ["こども食堂"]
    response = staff_client.get(reverse("contributions:list"), {"q": "にんちしょうかふぇ"})
    assert [p.title for p in response.context["page"]] == ["認知症カフェ"]  # kanji are found by their reading
    response = staff_client.get(reverse("contributions:list"), {"q": "かふぇ"})
    assert [p.title for p in response.context["page"]] == ["認知症カフェ"]
    response = staff_client.get(reverse("contributions:list"), {"state": "submitted"})
    assert list(response.context["page"]) == []


@pytest.mark.parametrize(("query", "title"), [("みまもり", "見守り訪問"), ("こども", "子ども食堂"),
                                              ("しょくりょう", "食糧の配布")])
def test_it_finds_kanji_by_a_reading_typed_in_hiragana(staff_client, world, query, title):
    for other in ("見守り訪問", "子ども食堂", "食糧の配布"):
        ProjectFactory(owner=world.corp_a, title=other, summary="地域の活動です。", description="")
    response = staff_client.get(reverse("contributions:list"), {"q": query})
    assert [p.title for p in response.context["page"]] == [title]


def test_it_shows_the_description_in_the_edit_form_as_it_was_typed(editor_a_client, world, vocab):
    # Stored sanitised ("&" as "&amp;"); the edit box shows "&", not "&amp;", and saving
    # it again without a change stores the same text.
    editor_a_client.post(CREATE, form_data(vocab, description="見守り & 配食（3 < 5 人）\n<strong>毎週</strong>"))
    project = Project.objects.get()
    assert project.description == "見守り &amp; 配食（3 &lt; 5 人）\n<strong>毎週</strong>"
    response = editor_a_client.get(_update(project))
    box = response.content.decode().split('id="id_description">')[1].split("</textarea>")[0]
    assert box.strip() == "見守り &amp; 配食（3 &lt; 5 人）\n&lt;strong&gt;毎週&lt;/strong&gt;"
    data = form_data(vocab, description=response.context["form"]["description"].value())
    editor_a_client.post(_update(project), data)
    project.refresh_from_db()
    assert project.description == "見守り &amp; 配食（3 &lt; 5 人）\n<strong>毎週</strong>"
    # Published, then saved again unchanged: no change waits for approval.
    services.project_submit(project=project, acting_user=world.editor_a)
    services.project_publish(project=project, acting_user=world.staff, expected_version=project.version)
    editor_a_client.post(_update(project), data)
    project.refresh_from_db()
    assert not project.has_pending_changes


def test_it_keeps_a_partner_and_an_area_no_longer_active_when_the_project_is_edited(editor_a_client, world, vocab):
    # A partner that has left the network and a retired area are still offered on the
    # projects that carry them, so saving another change does not silently drop them.
    nerima = vocab["areas"]["練馬"]
    project = ProjectFactory(owner=world.corp_a, partners=[world.corp_b], areas=[nerima])
    type(world.corp_b).objects.filter(pk=world.corp_b.pk).update(is_active=False)
    type(nerima).objects.filter(pk=nerima.pk).update(is_active=False)
    form = editor_a_client.get(_update(project)).context["form"]
    assert world.corp_b in form.fields["partners"].queryset
    assert nerima in form.fields["areas"].queryset
    response = editor_a_client.post(
        _update(project), form_data(vocab, title="新しい名前", partners=[world.corp_b.pk], areas=[nerima.pk])
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "新しい名前"
    assert list(project.partners.all()) == [world.corp_b] and list(project.areas.all()) == [nerima]
    # A new project is offered only active ones.
    form = editor_a_client.get(CREATE).context["form"]
    assert world.corp_b not in form.fields["partners"].queryset and nerima not in form.fields["areas"].queryset
