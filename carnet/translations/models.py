"""One table for every published text a network translates (but key moments, which have
their own MilestoneTranslation): an era's name, a tag, the network's description, a phase's
goal, a sheet-template label, a report chapter, a learning of the synthesis...

A row is one field of one object in one language, keyed by content type, object id and
field ("name", "goal", or "label:summary" for a text inside a JSON list). `source` is the
reference-language text the translator had in front of them: the translation is outdated
as soon as the reference differs from it, and the status page shows that difference.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from . import rules as translation_rules


class Translation(RulesModel):
    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="text_translations"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    field = models.CharField(_("field"), max_length=100)
    language = models.CharField(_("language"), max_length=10)
    text = models.TextField(_("translation"))
    source = models.TextField(_("reference text translated"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        ordering = ["network", "language", "content_type", "object_id", "field"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="translation_unique_field_language",
            )
        ]
        indexes = [models.Index(fields=["network", "language"])]
        rules_permissions = {
            "view": translation_rules.can_translate,
            "change": translation_rules.can_translate,
        }

    def __str__(self):
        """What a coordinator recognises on the safeguarding page: "Founding years [sq]"."""
        target = self.content_type.get_all_objects_for_this_type(pk=self.object_id).first()
        return (
            f"{target if target is not None else self.object_id} · {self.field} [{self.language}]"
        )
