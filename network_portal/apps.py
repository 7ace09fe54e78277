"""App configs of libraries, where the portal needs them otherwise than they ship."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class LockoutConfig(AxesAppConfig):
    """django-axes under a Japanese name in the admin (it ships no Japanese; the names of its
    models and fields are translated in locale/ja)."""

    verbose_name = _("ログイン制限")
