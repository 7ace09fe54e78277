import unicodedata

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from core import mail

from .models import Membership, User


class MemberAccountForm(forms.Form):
    display_name = forms.CharField(label=_("氏名"), max_length=100)
    email = forms.EmailField(label=_("メールアドレス"), help_text=_("パスワード設定のご案内をこのアドレスに送ります。"))
    username = forms.CharField(
        label=_("ログインID"), max_length=150,
        help_text=_("半角英数字と @ . + - _ が使えます。"),
    )
    role = forms.ChoiceField(label=_("権限"), choices=Membership.Role.choices, initial=Membership.Role.EDITOR)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("アカウントを作成して案内を送る")))

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        User.username_validator(username)
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("このログインIDはすでに使われています。"))
        return username


class PortalPasswordResetForm(PasswordResetForm):
    """Django's reset form, which also reaches a contact who never set a password.

    Django leaves out accounts without a usable password (made for accounts that log in
    elsewhere); here that is a contact whose welcome link expired, who could otherwise
    never get in. Inactive accounts still get nothing.
    """

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        """Django's reset mail, written to the portal's mail queue (core/mail.py) like every other."""
        subject = render_to_string(subject_template_name, context)
        body = render_to_string(email_template_name, context)
        mail.send_after_commit([mail.message(subject=subject, body=body, to=[to_email])])

    def get_users(self, email):
        users = User._default_manager.filter(email__iexact=email, is_active=True)
        folded = _casefold(email)
        return (user for user in users if _casefold(user.email) == folded)


def _casefold(value: str) -> str:
    return unicodedata.normalize("NFKC", value).casefold()
