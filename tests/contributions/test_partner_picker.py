"""The project form's partners (and staff's owner) are a search picker over the register:
only the chosen corporations are rendered, however many the register holds."""

import re

import factory
import pytest
from django.urls import reverse

from contributions.models import Project
from tests.contributions.conftest import form_data
from tests.contributions.factories import ProjectFactory
from tests.factories import CorporationFactory

CREATE = reverse("contributions:create")


def _register(count):
    # Names that a rendered choice would show.
    return CorporationFactory.create_batch(count, name=factory.Sequence(lambda n: f"社会福祉法人ひろがり会{n:04d}"))


def _choices(html: str) -> int:
    """The <option>s and the partner check boxes on the page."""
    return html.count("<option") + len(re.findall(r'type="checkbox" name="partners"', html))


@pytest.mark.parametrize("count", [6, 60])
def test_the_form_renders_no_row_per_unchosen_corporation(editor_a_client, staff_client, world, count):
    _register(count)
    project = ProjectFactory(owner=world.corp_a, partners=[world.corp_b])
    for client, url in [
        (editor_a_client, CREATE),
        (staff_client, CREATE),
        (editor_a_client, reverse("contributions:update", kwargs={"pk": project.pk})),
        (staff_client, reverse("contributions:update", kwargs={"pk": project.pk})),
    ]:
        html = client.get(url).content.decode()
        assert "ひろがり会" not in html, url  # no unchosen corporation is offered
        assert f'data-url="{reverse("corporations:search")}"' in html
    edit_html = editor_a_client.get(reverse("contributions:update", kwargs={"pk": project.pk})).content.decode()
    # Only the chosen partner's box, ticked.
    assert len(re.findall(r'type="checkbox" name="partners"', edit_html)) == 1
    assert re.search(rf'name="partners" value="{world.corp_b.pk}"[^>]* checked', edit_html)
    assert world.corp_b.name in edit_html


def test_the_number_of_choices_does_not_grow_with_the_register(editor_a_client, staff_client, world):
    project = ProjectFactory(owner=world.corp_a, partners=[world.corp_b])
    update = reverse("contributions:update", kwargs={"pk": project.pk})
    _register(6)
    before = [_choices(c.get(u).content.decode()) for c in (editor_a_client, staff_client) for u in (CREATE, update)]
    _register(60)
    after = [_choices(c.get(u).content.decode()) for c in (editor_a_client, staff_client) for u in (CREATE, update)]
    assert before == after


def test_saving_partners_found_by_search_still_works(editor_a_client, world, vocab):
    far = CorporationFactory(name="社会福祉法人とおくの会", name_kana="トオクノカイ")
    _register(30)
    found = editor_a_client.get(reverse("corporations:search"), {"q": "とおく"}).json()["results"]
    assert [row["id"] for row in found] == [far.pk]
    response = editor_a_client.post(CREATE, form_data(vocab, partners=[far.pk, world.corp_b.pk]))
    project = Project.objects.get()
    assert response.status_code == 302
    assert set(project.partners.all()) == {far, world.corp_b}
    # Unticking one keeps the other.
    update = reverse("contributions:update", kwargs={"pk": project.pk})
    response = editor_a_client.post(update, form_data(vocab, partners=[far.pk], version=str(project.version)))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert list(project.partners.all()) == [far]


def test_the_owner_cannot_be_its_own_partner_even_when_posted(editor_a_client, world, vocab):
    response = editor_a_client.post(CREATE, form_data(vocab, partners=[world.corp_a.pk]))
    assert response.status_code == 200
    assert not Project.objects.exists()
    assert "partners" in response.context["form"].errors


def test_staff_choose_the_owner_by_search_too(staff_client, world, vocab):
    _register(30)
    html = staff_client.get(CREATE).content.decode()
    assert "ひろがり会" not in html and 'id="id_owner_choice_search"' in html
    response = staff_client.post(CREATE, form_data(vocab, owner_choice=world.corp_b.pk))
    assert response.status_code == 302
    assert Project.objects.get().owner == world.corp_b
