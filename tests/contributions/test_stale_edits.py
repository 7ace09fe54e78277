"""Two people open one project's edit screen; the save made from the older screen is refused."""

from django.urls import reverse

from contributions.models import Project
from tests.contributions.factories import ProjectFactory
from tests.stale import assert_refused, form_post


def test_it_refuses_a_project_save_from_an_outdated_screen(editor_a_client, staff_client, world, vocab):
    project = ProjectFactory(owner=world.corp_a, title="子ども食堂あおば", frequency="毎月")
    url = reverse("contributions:update", kwargs={"pk": project.pk})
    first = editor_a_client.get(url).context["form"]
    second = staff_client.get(url).context["form"]
    assert editor_a_client.post(url, form_post(first, title="子ども食堂あおば・さくら")).status_code == 302

    response = staff_client.post(url, form_post(second, frequency="毎月第3土曜日"))

    changes = assert_refused(response, "事業名")
    assert ("子ども食堂あおば", "子ども食堂あおば・さくら") in {(c.before, c.after) for c in changes}
    project.refresh_from_db()
    assert (project.title, project.frequency) == ("子ども食堂あおば・さくら", "毎月")
    form = response.context["form"]
    assert form["frequency"].value() == "毎月第3土曜日"
    assert form["title"].value() == "子ども食堂あおば・さくら"
    assert staff_client.post(url, form_post(form)).status_code == 302
    project = Project.objects.get(pk=project.pk)
    assert (project.title, project.frequency) == ("子ども食堂あおば・さくら", "毎月第3土曜日")
