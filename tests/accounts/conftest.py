"""A contact who has not set a password yet, and the link the portal mails such a contact."""

import re

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory

NEW_PASSWORD = "tsukuri-2015-ok"


@pytest.fixture
def new_contact(world):
    """Corporation A's new contact: an account with no usable password, waiting for its link."""
    user = MembershipFactory(
        user__username="hanako", user__email="hanako@example.jp", user__display_name="豊玉 花子",
        corporation=world.corp_a,
    ).user
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return user


def set_a_password_through_the_link(client, message, *, username: str) -> None:
    """The contact follows the mail's link to set a password, sets one, and logs in with it."""
    link = re.search(r"https?://\S+/accounts/password/reset/\S+/", message.body).group(0)
    response = client.get("/" + link.split("://", 1)[1].split("/", 1)[1], follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response["Location"] == reverse("accounts:password_reset_complete")
    assert client.login(username=username, password=NEW_PASSWORD)
