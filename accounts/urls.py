from django.contrib.auth.views import (
    LoginView,
    LogoutView,
    PasswordChangeDoneView,
    PasswordChangeView,
    PasswordResetCompleteView,
    PasswordResetConfirmView,
    PasswordResetDoneView,
)
from django.urls import include, path, reverse_lazy

from . import views
from .forms import PortalPasswordResetForm

app_name = "accounts"


def _page(view, template: str, then: str = "", **options):
    """One of Django's log-in and password views on the portal's template (templates/accounts/); `then` names
    the page of this app it goes to once done (Django's own default names are not namespaced)."""
    if then:
        options["success_url"] = reverse_lazy(f"accounts:{then}")
    return view.as_view(template_name=f"accounts/{template}", **options)


# A signed-in user changes the password, under /accounts/password/change/.
password_change_patterns = [
    path("", _page(PasswordChangeView, "password_form.html", "password_change_done"), name="password_change"),
    path("done/", _page(PasswordChangeDoneView, "password_done.html"), name="password_change_done"),
]

# A forgotten password: the mail with a link, then a new password, under /accounts/password/reset/.
password_reset_patterns = [
    path(
        "",
        _page(
            views.PasswordResetView, "password_reset_form.html", "password_reset_done",
            form_class=PortalPasswordResetForm,
            email_template_name="accounts/email/password_reset.txt",
            subject_template_name="accounts/email/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path("sent/", _page(PasswordResetDoneView, "password_reset_done.html"), name="password_reset_done"),
    path(
        "<uidb64>/<token>/",
        _page(PasswordResetConfirmView, "password_form.html", "password_reset_complete"),
        name="password_reset_confirm",
    ),
    path("complete/", _page(PasswordResetCompleteView, "password_done.html"), name="password_reset_complete"),
]

urlpatterns = [
    path("login/", _page(LoginView, "login.html"), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("password/change/", include(password_change_patterns)),
    path("password/reset/", include(password_reset_patterns)),
    # Staff, from a corporation's page: mail a contact a fresh welcome link (POST only).
    path("members/<id:pk>/welcome/", views.welcome_resend, name="welcome_resend"),
]
