from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "contributions"
    verbose_name = _("社会貢献事業")

    def ready(self):
        # Registers the sections this app adds to other pages (core.sections).
        from . import sections  # noqa: F401
