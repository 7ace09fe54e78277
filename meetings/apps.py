from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("連絡会")

    def ready(self):
        # Registers the sections this app adds to other pages (core.sections).
        from . import sections  # noqa: F401
