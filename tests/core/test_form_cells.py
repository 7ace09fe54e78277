"""templates/includes/formset_cells.html: a formset row's errors and help sit by its fields and
are tied to them (aria-describedby names ids that are on the page)."""

import re

from django import forms
from django.template import Context, Template

ROWS = Template(
    "{% for form in formset %}<tr>{% include 'includes/formset_cells.html' with form=form row=forloop.counter %}"
    "</tr>{% endfor %}"
)


class PersonForm(forms.Form):
    name = forms.CharField(label="氏名", required=False, help_text="姓と名の間は空けます。")
    title = forms.CharField(label="役職", required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("title") == "会長" and cleaned.get("name") == "同名":
            raise forms.ValidationError("この行の組み合わせは登録できません。")
        if cleaned.get("title") and not cleaned.get("name"):
            self.add_error("name", "氏名を入力してください。")
        return cleaned


PersonFormSet = forms.formset_factory(PersonForm, extra=0)


def _render(rows):
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": "0"}
    for index, (name, title) in enumerate(rows):
        data |= {f"form-{index}-name": name, f"form-{index}-title": title}
    formset = PersonFormSet(data)
    formset.is_valid()
    return ROWS.render(Context({"formset": formset}))


def _ids(html):
    return set(re.findall(r'\bid="([^"]+)"', html))


def test_a_field_error_sits_in_its_cell_and_is_named_by_the_field():
    html = _render([("", "施設長"), ("大泉 一郎", "")])
    cell = re.search(r"<td>((?:(?!</td>).)*id_form-0-name(?:(?!</td>).)*)</td>", html, re.S).group(1)
    assert "氏名を入力してください。" in cell
    described = re.search(r'<input[^>]*id="id_form-0-name"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in described
    named = re.search(r'aria-describedby="([^"]+)"', described).group(1).split()
    assert "id_form-0-name_errors" in named
    assert set(named) <= _ids(html)  # every id it names is on the page


def test_the_help_is_shown_once_and_every_row_is_described_by_it():
    html = _render([("", ""), ("", ""), ("", "")])
    assert html.count("姓と名の間は空けます。") == 1
    for index in range(3):
        described = re.search(rf'<input[^>]*id="id_form-{index}-name"[^>]*>', html).group(0)
        assert 'aria-describedby="id_form-name_help"' in described
    assert "id_form-name_help" in _ids(html)
    # Django's own "<id>_helptext", which no one renders here, is named nowhere.
    assert "_helptext" not in html


def test_a_rows_own_error_opens_its_first_cell():
    html = _render([("大泉 一郎", ""), ("同名", "会長")])
    second_row = html.split("<tr>")[2]
    first_cell = second_row.split("</td>")[0]
    assert "この行の組み合わせは登録できません。" in first_cell
    assert "この行の組み合わせは登録できません。" not in html.split("<tr>")[1]


def test_the_row_labels_name_the_row():
    html = _render([("", ""), ("", "")])
    assert '<label class="visually-hidden cell-label" for="id_form-1-title">役職 2</label>' in html
