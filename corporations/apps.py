from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorporationsConfig(AppConfig):
    name = "corporations"
    verbose_name = _("法人・施設")

    def ready(self):
        # Registers the sections this app adds to other pages (core.sections).
        from . import sections  # noqa: F401
