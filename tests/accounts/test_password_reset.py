"""The password reset reaches every active account with that address, even one that never set
a password (a contact whose welcome link expired); the page answers the same either way."""

from django.core import mail
from django.db.models import F
from django.urls import reverse

from tests.accounts.conftest import set_a_password_through_the_link
from tests.factories import MembershipFactory

URL = reverse("accounts:password_reset")


def test_it_mails_a_contact_who_never_set_a_password(client, new_contact, deliver_mail):
    response = client.post(URL, {"email": "Hanako@Example.jp"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    deliver_mail()
    assert [m.to for m in mail.outbox] == [["hanako@example.jp"]]

    # The link works: the contact sets a password and logs in.
    set_a_password_through_the_link(client, mail.outbox[0], username="hanako")


def test_it_mails_nothing_to_an_inactive_account(client, new_contact, deliver_mail):
    new_contact.is_active = False
    new_contact.save(update_fields=["is_active"])
    response = client.post(URL, {"email": "hanako@example.jp"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    deliver_mail()
    assert mail.outbox == []


def test_it_answers_the_same_for_an_unknown_address(client, world, deliver_mail):
    response = client.post(URL, {"email": "nobody@example.jp"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    deliver_mail()
    assert mail.outbox == []


def test_it_sends_at_most_three_mails_an_hour_to_one_address(client, new_contact, deliver_mail):
    answers = [client.post(URL, {"email": "hanako@example.jp"}) for _ in range(5)]
    # Every answer is the same page: nothing tells the limit or the address apart.
    assert {response["Location"] for response in answers} == {reverse("accounts:password_reset_done")}
    deliver_mail()
    assert len(mail.outbox) == 3
    # Another address is counted on its own.
    MembershipFactory(user__email="taro@example.jp", corporation=new_contact.membership.corporation)
    client.post(URL, {"email": "taro@example.jp"})
    deliver_mail()
    assert len(mail.outbox) == 4


def test_it_counts_the_address_however_it_is_written(client, new_contact, deliver_mail):
    for email in ["hanako@example.jp", "HANAKO@example.jp", "Hanako@Example.JP", "hanako@example.jp"]:
        client.post(URL, {"email": email})
    deliver_mail()
    assert len(mail.outbox) == 3


def test_it_sends_again_after_an_hour(client, new_contact, deliver_mail):
    from datetime import timedelta

    from accounts.models import PasswordResetRequest

    for _ in range(4):
        client.post(URL, {"email": "hanako@example.jp"})
    deliver_mail()
    assert len(mail.outbox) == 3
    PasswordResetRequest.objects.update(requested_at=F("requested_at") - timedelta(minutes=61))
    client.post(URL, {"email": "hanako@example.jp"})
    deliver_mail()
    assert len(mail.outbox) == 4


def test_it_counts_requests_for_unknown_addresses_too(client, world):
    from accounts.models import PasswordResetRequest

    for _ in range(4):
        assert client.post(URL, {"email": "nobody@example.jp"})["Location"] == reverse("accounts:password_reset_done")
    assert PasswordResetRequest.objects.count() == 4
    # Only a digest is kept, not the address.
    assert not PasswordResetRequest.objects.filter(address_digest__contains="nobody").exists()
