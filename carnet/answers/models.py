"""A link that lets one person give one answer on one thing, without a password."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AnswerLink(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="answer_links"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    token_hash = models.CharField(max_length=64, unique=True)  # sha256 of the token, never it
    created = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"))
    used_at = models.DateTimeField(_("used on"), null=True, blank=True)
    answer = models.CharField(_("answer"), max_length=40, blank=True)
    # What the thing was when the link was made (see registry.Answerable.fingerprint).
    fingerprint = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("one-click answer link")
        verbose_name_plural = _("one-click answer links")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.person} · {self.content_type.model} {self.object_id}"
