"""Staff mail a contact whose welcome link expired a fresh one (accounts:welcome_resend)."""

from django.core import mail
from django.urls import reverse

from tests.accounts.conftest import set_a_password_through_the_link

URL_NAME = "accounts:welcome_resend"


def _url(user_or_pk) -> str:
    return reverse(URL_NAME, kwargs={"pk": getattr(user_or_pk, "pk", user_or_pk)})


def test_it_mails_a_fresh_link_that_works(
    staff_client, client, new_contact, world, django_capture_on_commit_callbacks, deliver_mail
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(_url(new_contact))
    assert response["Location"] == reverse("corporations:detail", kwargs={"pk": world.corp_a.pk})
    [message] = deliver_mail()
    assert message.to == ["hanako@example.jp"]
    assert "社会福祉法人あおば会" in message.body
    assert "ログインID: hanako" in message.body
    set_a_password_through_the_link(client, message, username="hanako")


def test_it_says_so_on_the_next_page(staff_client, new_contact, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(_url(new_contact), follow=True)
    assert "豊玉 花子 さんに、パスワード設定の案内を hanako@example.jp へ再送しました。" in response.content.decode()


def test_it_is_for_staff_only(
    client, editor_a_client, viewer_a_client, new_contact, django_capture_on_commit_callbacks, deliver_mail
):
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_a_client.post(_url(new_contact)).status_code == 403
        assert viewer_a_client.post(_url(new_contact)).status_code == 403
        response = client.post(_url(new_contact))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    deliver_mail()
    assert mail.outbox == []


def test_it_answers_405_to_a_get(staff_client, new_contact, deliver_mail):
    assert staff_client.get(_url(new_contact)).status_code == 405
    deliver_mail()
    assert mail.outbox == []


def test_it_answers_404_for_an_unknown_account(staff_client, world):
    assert staff_client.post(_url(999999)).status_code == 404


def test_it_refuses_a_staff_account(staff_client, world, django_capture_on_commit_callbacks, deliver_mail):
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_client.post(_url(world.staff)).status_code == 404
    deliver_mail()
    assert mail.outbox == []


def test_it_sends_nothing_to_a_contact_who_has_a_password(
    staff_client, world, django_capture_on_commit_callbacks, deliver_mail
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(_url(world.editor_a), follow=True)
    deliver_mail()
    assert mail.outbox == []
    assert "案内を再送していません" in response.content.decode()


def test_it_sends_nothing_to_an_inactive_contact(
    staff_client, new_contact, django_capture_on_commit_callbacks, deliver_mail
):
    new_contact.is_active = False
    new_contact.save(update_fields=["is_active"])
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(_url(new_contact))
    deliver_mail()
    assert mail.outbox == []


def test_the_corporation_page_offers_the_resend_for_a_contact_without_a_password(world, staff_client):
    from django.urls import reverse

    from tests.factories import MembershipFactory

    waiting = MembershipFactory(corporation=world.corp_a, user__email="new@example.jp").user
    waiting.set_unusable_password()
    waiting.save(update_fields=["password"])
    html = staff_client.get(reverse("corporations:detail", kwargs={"pk": world.corp_a.pk})).content.decode()
    assert html.count(reverse("accounts:welcome_resend", kwargs={"pk": waiting.pk})) == 1
    # editor_a has a password: no button for that account.
    assert reverse("accounts:welcome_resend", kwargs={"pk": world.editor_a.pk}) not in html
