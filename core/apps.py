from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("共通")

    def ready(self):
        from django.db.models.signals import post_migrate
        from django.urls import register_converter

        from . import fragments  # noqa: F401  (empties the cache when a test changes a setting)
        from .generation import install_triggers
        from .ids import IdConverter

        # Every write to the portal's data moves the generation on (core/generation.py): the
        # triggers are made again after each migrate, so new and rebuilt tables have them.
        post_migrate.connect(install_triggers, sender=self, dispatch_uid="core.generation.install_triggers")

        # `<id:pk>` in every app's URLs: an id too long for the database matches no URL (404).
        register_converter(IdConverter, "id")
