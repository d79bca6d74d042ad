"""A file made for someone in the background: a network's archive, its static site, or a
backup of the whole instance. Kept CARNET_DOWNLOADS_KEEP_DAYS days, then deleted."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from . import rules as download_rules


class Kind(models.TextChoices):
    ARCHIVE = "archive", _("Archive of the network")
    SITE = "site", _("Static site")
    BACKUP = "backup", _("Backup of the instance")


# The kinds a network's coordinator asks for; a backup is the instance's.
NETWORK_KINDS = (Kind.ARCHIVE, Kind.SITE)


class State(models.TextChoices):
    QUEUED = "queued", _("Waiting for the worker")
    RUNNING = "running", _("Being made")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class DownloadQuerySet(models.QuerySet):
    def kept(self):
        return self.filter(expires__gt=timezone.now())

    def expired(self):
        return self.filter(expires__lte=timezone.now())


class Download(RulesModel):
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    network = models.ForeignKey(
        "networks.Network",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="downloads",
        help_text=_("Empty for a backup of the whole instance."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="downloads",
        verbose_name=_("requested by"),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("step"), max_length=200, blank=True)
    file = models.FileField(_("file"), upload_to="downloads/", blank=True, max_length=300)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    created = models.DateTimeField(_("requested on"), auto_now_add=True)
    finished = models.DateTimeField(_("finished on"), null=True, blank=True)
    touched = models.DateTimeField(
        _("last sign of the worker"),
        auto_now=True,
        help_text=_("Set at each step; a running download not touched for hours has stalled."),
    )
    expires = models.DateTimeField(_("kept until"), db_index=True)

    objects = DownloadQuerySet.as_manager()

    class Meta:
        verbose_name = _("download")
        verbose_name_plural = _("downloads")
        ordering = ["-created", "-id"]
        rules_permissions = {"view": download_rules.can_view_download}

    def __str__(self):
        if self.network_id:
            return f"{self.get_kind_display()} — {self.network}"
        return str(self.get_kind_display())

    def get_absolute_url(self):
        return reverse("downloads:detail", args=[self.pk])

    @property
    def is_expired(self):
        return self.expires <= timezone.now()

    @property
    def is_pending(self):
        return self.state in (State.QUEUED, State.RUNNING)

    @property
    def file_name(self):
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""
