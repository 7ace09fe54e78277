from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The top floor: the front page, the staff dashboard and the demo loader.

    It may import every app; no app imports it.
    """

    name = "portal"
    verbose_name = _("ポータル")

    def ready(self):
        # Registers the sections this app adds to other pages (core.sections).
        from . import sections  # noqa: F401
