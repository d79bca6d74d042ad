import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from carnet.capitalisation.models import InExercise
from carnet.translations.mixins import Translatable

from . import rules as report_rules
from .enums import BuildStatus, ChapterKind, DecisionState, FeedbackKind


class Report(InExercise, RulesModel):
    """The report of one exercise of the network (a new report gets the current exercise);
    an earlier exercise's report stays readable and its published versions stay public."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="reports"
    )
    title = models.CharField(_("title"), max_length=200)
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created"]
        constraints = [models.UniqueConstraint(fields=["exercise"], name="one_report_per_exercise")]
        rules_permissions = {
            "view": report_rules.can_view_report,
            "change": report_rules.can_edit_report,
            "publish": report_rules.can_publish_report,
        }

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reports:compose", args=[self.network.slug])

    @property
    def published_version(self):
        return self.versions.filter(is_published=True).order_by("-number").first()


class Chapter(Translatable, RulesModel):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="chapters")
    position = models.PositiveIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=ChapterKind.choices)
    block = models.CharField(_("generated block"), max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown."))

    class Meta:
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")
        ordering = ["report", "position", "id"]
        rules_permissions = {
            "view": report_rules.can_view_report,
            "change": report_rules.can_edit_report,
            "delete": report_rules.can_edit_report,
        }

    def __str__(self):
        return self.title

    @property
    def network(self):
        return self.report.network


def version_path(version, filename):
    slug = version.report.network.slug
    return f"reports/{slug}/v{version.number}-{version.content_hash[:12]}/{filename}"


version_path.folder = "reports"  # for the media view (carnet.media.registry)


class ReportVersion(RulesModel):
    """One build of the report: numbered, immutable once ready."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=20, choices=BuildStatus.choices, default=BuildStatus.BUILDING
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    error = models.TextField(_("error"), blank=True)
    content = models.JSONField(_("content"), default=dict, blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True)
    # The edition's language (carnet.translations.editions); blank: the reference language (and
    # every version built before editions).
    language = models.CharField(_("language"), max_length=10, blank=True)
    pdf = models.FileField(_("PDF"), upload_to=version_path, blank=True)
    docx = models.FileField(_("DOCX"), upload_to=version_path, blank=True)
    created = models.DateTimeField(_("built on"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)

    class Meta:
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_unique")
        ]
        rules_permissions = {
            "view": report_rules.can_view_version,
            "change": report_rules.can_edit_report,
            "send": report_rules.can_edit_report,
            "publish": report_rules.can_publish_report,
            "answer": report_rules.can_answer_round,
        }

    def __str__(self):
        return f"{self.report} — v{self.number}"

    def get_absolute_url(self):
        return reverse("reports:version", args=[self.report.network.slug, self.number])

    @property
    def network(self):
        return self.report.network

    @property
    def file_name(self):
        """The files' name without extension: euromed-report-v3, euromed-report-v4-sq."""
        name = f"{self.report.network.slug}-report-v{self.number}"
        return f"{name}-{self.language}" if self.language else name

    @property
    def latest_round(self):
        return self.rounds.order_by("-sent_at").first()


class DueRound(RulesModel):
    """What partners are asked by a due date, and its automatic reminders (`carnet
    reminders`): once two days before the date, once the day after it, each claimed by a
    conditional update so that it goes out once."""

    REMIND_BEFORE = datetime.timedelta(days=2)

    sent_at = models.DateTimeField(_("sent on"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("message"), blank=True)
    reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    due_on = models.DateField(_("answers due by"), null=True, blank=True)
    # The automatic reminders (carnet reminders): one before the due date, one after it.
    reminded_before_due_at = models.DateTimeField(null=True, blank=True)
    reminded_after_due_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    def is_late(self, today=None):
        return self.due_on is not None and (today or timezone.localdate()) > self.due_on

    def claim_due_reminder(self, today):
        """True once for each reminder that is due today: this caller sends it."""
        if self.due_on is None:
            return False
        if today > self.due_on:
            field = "reminded_after_due_at"
        elif today >= self.due_on - self.REMIND_BEFORE:
            field = "reminded_before_due_at"
        else:
            return False
        return bool(
            type(self)
            .objects.filter(pk=self.pk, **{f"{field}__isnull": True})
            .update(**{field: timezone.now()})
        )


class ReviewRound(DueRound):
    """A version sent to every partner for comments and validation."""

    version = models.ForeignKey(ReportVersion, on_delete=models.CASCADE, related_name="rounds")

    class Meta:
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")
        ordering = ["-sent_at"]
        rules_permissions = {"view": report_rules.can_view_feedback}

    def __str__(self):
        return f"{self.version} — {self.sent_at:%Y-%m-%d}"

    @property
    def network(self):
        return self.version.report.network


class ValidationRound(DueRound):
    """The partners asked to validate their sheets and the images and videos that show them
    (the validation matrix's items), by a due date. Who has answered is read from the matrix:
    an organisation is waited for while it has an item it can validate and has not answered."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="validation_rounds"
    )

    class Meta:
        verbose_name = _("validation round")
        verbose_name_plural = _("validation rounds")
        ordering = ["-sent_at", "-id"]
        get_latest_by = ["sent_at", "id"]
        rules_permissions = {
            "view": report_rules.can_view_feedback,
            "add": report_rules.can_edit_report,
        }

    def __str__(self):
        return f"{self.network} — {self.sent_at:%Y-%m-%d}"


class Feedback(RulesModel):
    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="feedback")
    organisation = models.ForeignKey(
        "networks.Organisation", null=True, blank=True, on_delete=models.SET_NULL
    )
    chapter = models.ForeignKey(Chapter, null=True, blank=True, on_delete=models.SET_NULL)
    chapter_title = models.CharField(_("chapter"), max_length=200, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    kind = models.CharField(
        _("kind"), max_length=20, choices=FeedbackKind.choices, default=FeedbackKind.COMMENT
    )
    text = models.TextField(_("comment or suggestion"))
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["created"]
        rules_permissions = {"view": report_rules.can_view_feedback}

    def __str__(self):
        return self.text[:60]

    @property
    def network(self):
        return self.round.network


class Decision(RulesModel):
    """An organisation's answer to a review round: validated, or changes requested."""

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="decisions")
    organisation = models.ForeignKey("networks.Organisation", on_delete=models.CASCADE)
    state = models.CharField(
        _("answer"), max_length=20, choices=DecisionState.choices, default=DecisionState.PENDING
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(_("answered on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(fields=["round", "organisation"], name="one_decision_per_org")
        ]
        rules_permissions = {
            "view": report_rules.can_view_feedback,
            "decide": report_rules.can_decide_for_organisation,
        }

    def __str__(self):
        return f"{self.organisation}: {self.get_state_display()}"

    @property
    def network(self):
        return self.round.network


class Validation(RulesModel):
    """An organisation validated an item that shows it (an image, a graphic, a video…).

    fingerprint is a hash of the item's content when validated: when the item
    changes, the validation no longer holds and the matrix says so.
    """

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="validations"
    )
    organisation = models.ForeignKey("networks.Organisation", on_delete=models.CASCADE)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    item = GenericForeignKey("content_type", "object_id")
    fingerprint = models.CharField(max_length=64)
    state = models.CharField(_("answer"), max_length=20, choices=DecisionState.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(_("answered on"), auto_now=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("validation")
        verbose_name_plural = _("validations")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "content_type", "object_id"], name="one_validation_per_item"
            )
        ]
        rules_permissions = {
            "view": report_rules.can_view_feedback,
            "decide": report_rules.can_decide_for_organisation,
        }

    def __str__(self):
        return f"{self.organisation}: {self.get_state_display()}"
