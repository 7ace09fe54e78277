from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "needs"
    verbose_name = _("地域ニーズと社会資源")

    def ready(self):
        # Registers the sections this app adds to other pages (core.sections).
        from . import sections  # noqa: F401
