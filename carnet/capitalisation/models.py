from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .enums import PhaseStatus


class Exercise(models.Model):
    """One capitalisation exercise of a network."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="exercises"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("capitalisation exercise")
        verbose_name_plural = _("capitalisation exercises")
        ordering = ["-created"]

    def __str__(self):
        return self.title

    @property
    def progress(self):
        """Share of phases done, from 0 to 100."""
        phases = list(self.phases.all())
        if not phases:
            return 0
        done = sum(1 for phase in phases if phase.status == PhaseStatus.DONE)
        return round(100 * done / len(phases))


class Phase(models.Model):
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="phases")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200)
    goal = models.TextField(_("goal"), blank=True)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PhaseStatus.choices, default=PhaseStatus.PLANNED
    )

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["exercise", "number"]
        constraints = [
            models.UniqueConstraint(fields=["exercise", "number"], name="phase_number_unique"),
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True)
                | Q(planned_start__isnull=True)
                | Q(planned_end__gte=models.F("planned_start")),
                name="phase_planned_end_after_start",
                violation_error_message=_("A phase cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"
