"""What Carnet told each person (in the app and by e-mail) and how often they want e-mail."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import Frequency

PERIOD = {Frequency.DAILY: datetime.timedelta(days=1), Frequency.WEEKLY: datetime.timedelta(days=7)}


class Notice(models.Model):
    """One thing one person was told, written in their language when it happened."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    path = models.CharField(_("page"), max_length=500, blank=True)
    # Someone named this person (@username): it waits for them until they open it.
    mention = models.BooleanField(_("mention"), default=False)
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    mailed_at = models.DateTimeField(
        null=True, blank=True, help_text="When an e-mail (at once or a digest) carried it."
    )

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["recipient", "mailed_at"]),
        ]

    def __str__(self):
        return self.subject


class Preference(models.Model):
    """How one person wants to hear from one network; no row: at once."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences"
    )
    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField(
        _("e-mails"), max_length=10, choices=Frequency.choices, default=Frequency.AT_ONCE
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notice preference")
        verbose_name_plural = _("notice preferences")
        constraints = [
            models.UniqueConstraint(fields=["person", "network"], name="one_preference_per_network")
        ]

    def __str__(self):
        return f"{self.person} · {self.network}: {self.frequency}"
