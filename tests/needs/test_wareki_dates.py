"""A need's 受付日 typed in 和暦."""

import datetime

from django.urls import reverse

from needs.models import Need

from .test_need_views import _data


def test_a_need_takes_its_received_date_in_wareki(world, vocab, staff_client):
    response = staff_client.post(reverse("needs:create"), _data(world, vocab, received_on="R9.5.20"))
    assert response.status_code == 302
    assert Need.objects.get().received_on == datetime.date(2027, 5, 20)


def test_a_wrong_received_date_is_said_next_to_its_field(world, vocab, staff_client):
    response = staff_client.post(reverse("needs:create"), _data(world, vocab, received_on="令和9年2月30日"))
    assert response.status_code == 200
    assert response.context["form"].errors["received_on"] == ["その日付はありません。"]
    assert not Need.objects.exists()


def test_the_form_shows_the_received_date_in_wareki(world, vocab, staff_client):
    html = staff_client.get(reverse("needs:create")).content.decode()
    assert 'name="received_on"' in html and 'type="date"' not in html
