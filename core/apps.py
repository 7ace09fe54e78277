from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("共通")

    def ready(self):
        from django.urls import register_converter

        from .ids import IdConverter

        # `<id:pk>` in every app's URLs: an id too long for the database matches no URL (404).
        register_converter(IdConverter, "id")
