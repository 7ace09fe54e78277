"""Project periods and review dates typed in 和暦."""

import datetime

from django.urls import reverse

from contributions.forms import ProjectForm, ReviewForm
from contributions.models import ProjectReview
from tests.contributions.factories import ProjectFactory


def test_a_review_takes_its_dates_in_wareki(editor_a_client, world):
    project = ProjectFactory(owner=world.corp_a)
    response = editor_a_client.post(reverse("contributions:review_create", kwargs={"pk": project.pk}), {
        "reviewed_on": "H27.10.29", "stage": "check", "outcomes": "", "issues": "", "next_step": "",
        "next_review_on": "平成28年1月29日",
    })
    assert response.status_code == 302
    review = ProjectReview.objects.get()
    assert (review.reviewed_on, review.next_review_on) == (datetime.date(2015, 10, 29), datetime.date(2016, 1, 29))


def test_a_wrong_review_date_is_said_next_to_its_field(editor_a_client, world):
    project = ProjectFactory(owner=world.corp_a)
    response = editor_a_client.post(reverse("contributions:review_create", kwargs={"pk": project.pk}), {
        "reviewed_on": "H27.2.30", "stage": "check",
    })
    assert response.status_code == 200
    assert response.context["form"].errors["reviewed_on"] == ["その日付はありません。"]
    assert not ProjectReview.objects.exists()


def test_the_project_period_reads_and_shows_wareki(world):
    assert ReviewForm().fields["reviewed_on"].widget.input_type == "text"
    form = ProjectForm(owner=world.corp_a)
    for name in ("period_start", "period_end"):
        assert form.fields[name].widget.input_type == "text"
        assert form.fields[name].clean("R9.4.1") == datetime.date(2027, 4, 1)
    project = ProjectFactory(owner=world.corp_a, period_start=datetime.date(2027, 4, 1))
    assert 'value="令和9年4月1日"' in str(ProjectForm(instance=project, owner=world.corp_a)["period_start"])
