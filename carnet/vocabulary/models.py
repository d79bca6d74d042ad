from django.db import models
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from carnet.translations.mixins import Translatable

from . import rules as vocabulary_rules
from .enums import TermKind


class TermQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived=False)

    def of(self, network, kind):
        return self.filter(network=network, kind=kind)


class Term(Translatable, RulesModel):
    """A word of the network's own vocabulary: a sheet theme, a learning category, a reason
    category or a moment tag. Items store the key, which never changes; pages show the
    label, which the coordinator may rename. A term in use is archived, never deleted."""

    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="terms")
    kind = models.CharField(_("kind"), max_length=30, choices=TermKind.choices)
    key = models.SlugField(_("key"), max_length=40)
    label = models.CharField(_("label"), max_length=120)
    position = models.PositiveIntegerField(_("position"), default=0)
    archived = models.BooleanField(_("archived"), default=False)

    objects = TermQuerySet.as_manager()

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["network", "kind", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "kind", "key"], name="vocabulary_term_unique_key"
            )
        ]
        rules_permissions = {
            "view": vocabulary_rules.can_view_vocabulary,
            "change": vocabulary_rules.can_change_vocabulary,
        }

    def __str__(self):
        return self.label
