"""core.widgets: a picker renders the chosen and nearby rows only, never the whole register."""

from django import forms

from core.widgets import SearchSelect, SearchSelectMultiple
from corporations.models import Corporation
from tests.factories import CorporationFactory


def _form(nearby=(), multiple=False, **kwargs):
    class PickForm(forms.Form):
        if multiple:
            corporations = forms.ModelMultipleChoiceField(
                label="協働する法人", queryset=Corporation.objects.all(), required=False,
                widget=SearchSelectMultiple(search_url="/corporations/search.json", nearby=nearby),
            )
        else:
            corporation = forms.ModelChoiceField(
                label="法人", queryset=Corporation.objects.all(), required=False,
                widget=SearchSelect(search_url="/corporations/search.json", nearby=nearby),
            )

    return PickForm(**kwargs)


def test_it_renders_only_the_nearby_and_the_chosen(db, django_assert_num_queries):
    near = CorporationFactory(name="近くの法人")
    chosen = CorporationFactory(name="選んだ法人")
    CorporationFactory.create_batch(30)
    form = _form(nearby=[(near.pk, near.name)], initial={"corporation": chosen.pk})
    with django_assert_num_queries(1):  # the chosen row's name; the nearby ones need none
        html = str(form["corporation"])
    assert html.count("<option") == 3  # empty, nearby, chosen
    assert "近くの法人" in html and "選んだ法人" in html
    assert 'data-url="/corporations/search.json"' in html
    assert f'<option value="{chosen.pk}" selected>' in html


def test_it_needs_no_query_when_the_choice_is_nearby(db, django_assert_num_queries):
    near = CorporationFactory(name="近くの法人")
    form = _form(nearby=[(near.pk, near.name)], initial={"corporation": near.pk})
    with django_assert_num_queries(0):
        str(form["corporation"])


def test_it_validates_any_row_of_the_register(db):
    far = CorporationFactory(name="遠くの法人")
    form = _form(data={"corporation": str(far.pk)})
    assert form.is_valid()
    assert form.cleaned_data["corporation"] == far
    assert not _form(data={"corporation": "999999"}).is_valid()


def test_the_multiple_picker_ticks_the_chosen_and_labels_the_search_box(db):
    chosen = CorporationFactory.create_batch(2)
    CorporationFactory.create_batch(20)
    form = _form(multiple=True, initial={"corporations": [c.pk for c in chosen]})
    html = str(form["corporations"])
    assert html.count('type="checkbox"') == 2
    assert html.count(" checked") == 2
    assert 'type="search"' in html and f'id="{form["corporations"].auto_id}"' in html
    form = _form(multiple=True, data={"corporations": [str(c.pk) for c in chosen]})
    assert form.is_valid()
    assert set(form.cleaned_data["corporations"]) == set(chosen)
