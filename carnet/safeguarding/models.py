from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from . import rules as safeguarding_rules
from .enums import ConsentScope, FlagKind, FlagStatus


class Consent(models.Model):
    """Consent of the people shown in a photo or quoted: who, to what, when.

    Mixed into every model that holds a photo or a quote; may_publish says
    whether it can leave the network.
    """

    consent_scope = models.CharField(
        _("consent"),
        max_length=20,
        choices=ConsentScope.choices,
        default=ConsentScope.NONE,
        help_text=_("What the people shown or quoted agreed to."),
    )
    consent_by = models.CharField(
        _("consent given by"),
        max_length=200,
        blank=True,
        help_text=_("Who consented, e.g. the person quoted, or a parent."),
    )
    consent_on = models.DateField(_("consent date"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def may_publish(self):
        return self.consent_scope == ConsentScope.PUBLICATION and bool(self.consent_by)


class SensitiveFlag(RulesModel):
    """Something in a text to publish that may identify or reach a person."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="sensitive_flags"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(max_length=200)
    field = models.CharField(_("field"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=FlagKind.choices)
    text = models.CharField(_("text"), max_length=300)
    status = models.CharField(
        _("status"), max_length=20, choices=FlagStatus.choices, default=FlagStatus.OPEN
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sensitive-content flag")
        verbose_name_plural = _("sensitive-content flags")
        ordering = ["status", "-created"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        rules_permissions = {
            "view": safeguarding_rules.can_review_flags,
            "change": safeguarding_rules.can_review_flags,
        }

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text}"

    @property
    def object_type(self):
        """The verbose name of the flagged object's model, e.g. "sheet"."""
        model = self.content_type.model_class() if self.content_type_id else None
        return model._meta.verbose_name if model else ""
