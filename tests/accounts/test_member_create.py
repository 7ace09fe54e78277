from django.core import mail
from django.urls import reverse

from accounts.models import Membership, User
from tests.accounts.conftest import set_a_password_through_the_link

URL_NAME = "corporations:member_create"


def _url(corporation):
    return reverse(URL_NAME, kwargs={"pk": corporation.pk})


DATA = {"display_name": "豊玉 花子", "email": "hanako@example.jp", "username": "hanako", "role": "editor"}


def test_it_creates_a_member_and_mails_a_link_to_set_the_password(
    staff_client, client, world, django_capture_on_commit_callbacks, deliver_mail
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(_url(world.corp_a), DATA)
    assert response["Location"] == reverse("corporations:detail", kwargs={"pk": world.corp_a.pk})
    user = User.objects.get(username="hanako")
    assert not user.has_usable_password()
    assert user.membership.corporation == world.corp_a
    assert user.membership.role == Membership.Role.EDITOR

    [message] = deliver_mail()
    assert message.to == ["hanako@example.jp"]
    assert "練馬区社会福祉協議会" in message.subject
    assert "社会福祉法人あおば会" in message.body
    set_a_password_through_the_link(client, message, username="hanako")


def test_it_refuses_a_username_in_use_and_creates_nothing(
    staff_client, world, django_capture_on_commit_callbacks, deliver_mail
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(_url(world.corp_a), DATA | {"username": "EDITOR_A"})
    assert response.status_code == 200
    assert "このログインIDはすでに使われています。" in response.content.decode()
    assert not User.objects.filter(email="hanako@example.jp").exists()
    deliver_mail()
    assert mail.outbox == []


def test_it_is_for_staff_only_and_creates_nothing_otherwise(editor_a_client, client, world):
    assert editor_a_client.post(_url(world.corp_a), DATA).status_code == 403
    assert client.post(_url(world.corp_a), DATA).status_code == 302
    assert not User.objects.filter(username="hanako").exists()


def test_it_answers_404_for_a_missing_corporation(staff_client, world):
    assert staff_client.get(reverse(URL_NAME, kwargs={"pk": 999999})).status_code == 404


def test_it_refuses_other_methods(staff_client, world):
    assert staff_client.put(_url(world.corp_a)).status_code == 405
