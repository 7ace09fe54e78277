"""What the apps' models share. core has no tables of its own: only abstract bases."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Vocabulary(models.Model):
    """An editable list of names that staff keep (areas, service types, themes, target
    groups …): another ward has other values, so they are data, not code.

    Subclasses redefine `name` with their own label; a retired entry (is_active off) stays
    on the records that carry it.
    """

    name = models.CharField(_("名称"), max_length=50, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("表示順"), default=0)
    is_active = models.BooleanField(_("使用中"), default=True)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name
