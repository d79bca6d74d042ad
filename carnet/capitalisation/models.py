from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from carnet.lib.uploads import random_path, safe_name
from carnet.safeguarding.enums import ConsentScope
from carnet.safeguarding.models import Consent
from carnet.translations.mixins import Translatable

from . import rules as cap_rules
from .enums import (
    AbsenceReason,
    FollowUpKind,
    FollowUpStatus,
    InterviewChannel,
    InterviewStatus,
    LearningLevel,
    Perspective,
    PhaseStatus,
    SessionLevel,
    Understanding,
    VideoStatus,
)

INTERNAL = {
    "view": cap_rules.can_read_internal,
    "add": cap_rules.can_organise,
    "change": cap_rules.can_organise,
    "delete": cap_rules.can_organise,
}


def random_upload(directory):
    """upload_to for files whose address must not be guessable."""

    def upload_to(instance, filename):
        stem, _dot, extension = filename.rpartition(".")
        return random_path(directory, safe_name(stem or filename, extension.lower() or "bin"))

    upload_to.__name__ = f"upload_to_{directory}"
    upload_to.__qualname__ = upload_to.__name__
    return upload_to


def upload_video(instance, filename):
    return random_upload("videos")(instance, filename)


def upload_subtitles(instance, filename):
    return random_upload("subtitles")(instance, filename)


# The folders these files land in, for the media view (carnet.media.registry).
upload_video.folder = "videos"
upload_subtitles.folder = "subtitles"


def check_member(network, organisation):
    """Refuse an organisation that has never been a member of the network."""
    if organisation is None or network is None:
        return
    if not organisation.memberships.filter(network=network).exists():
        raise ValidationError(
            {"organisation": _("This organisation is not a member of the network.")},
            code="not_member",
        )


class ExerciseQuerySet(models.QuerySet):
    def current(self, network):
        """The network's current exercise: the latest started one (None when none)."""
        return self.filter(network=network).order_by("-created", "-pk").first()


class Exercise(models.Model):
    """One capitalisation exercise of a network. A network may run a second one years
    later: the latest started is the current one, the earlier ones stay readable."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="exercises"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = ExerciseQuerySet.as_manager()

    public_fields = ("title", "description", "phases")  # on the network's page

    class Meta:
        verbose_name = _("capitalisation exercise")
        verbose_name_plural = _("capitalisation exercises")
        ordering = ["-created"]

    def __str__(self):
        return self.title

    @cached_property
    def is_first(self):
        """The network's first exercise (the one that holds what came before exercises)."""
        first = Exercise.objects.filter(network_id=self.network_id).order_by("created", "pk")
        return first.values_list("pk", flat=True).first() == self.pk

    @property
    def progress(self):
        """Share of phases done, from 0 to 100."""
        phases = list(self.phases.all())
        if not phases:
            return 0
        done = sum(1 for phase in phases if phase.status == PhaseStatus.DONE)
        return round(100 * done / len(phases))


class Phase(Translatable, models.Model):
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

    public_fields = ("name", "goal")

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

    def clean(self):
        """An end before its start is refused on the end field (planned and actual)."""
        errors = {}
        for kind in ("planned", "actual"):
            start, end = getattr(self, f"{kind}_start"), getattr(self, f"{kind}_end")
            if start and end and end < start:
                errors[f"{kind}_end"] = gettext(
                    "The end cannot come before the start (%(start)s): change one of the two."
                ) % {"start": date_format(start, "SHORT_DATE_FORMAT")}
        if errors:
            raise ValidationError(errors)

    @property
    def network(self):
        return self.exercise.network


def in_exercise(exercise, prefix=""):
    """Q for the rows of an exercise. Rows without one (an archive from before exercises held
    them) count in the network's first exercise; exercise None: those rows only."""
    if exercise is None:
        return Q(**{f"{prefix}exercise__isnull": True})
    rows = Q(**{f"{prefix}exercise": exercise})
    if exercise.is_first:
        rows |= Q(**{f"{prefix}exercise__isnull": True})
    return rows


class InExercise(models.Model):
    """What belongs to one exercise of its network; a new row gets the current exercise."""

    exercise = models.ForeignKey(
        Exercise,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.RESTRICT,  # an exercise with content is never deleted on its own
        related_name="%(class)ss",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding and self.exercise_id is None and self.network_id:
            self.exercise = Exercise.objects.current(self.network_id)
        super().save(*args, **kwargs)


class Interview(InExercise, RulesModel):
    """One interview with a partner organisation (several per organisation are allowed)."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="interviews"
    )
    organisation = models.ForeignKey(
        "networks.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="interviews",
    )
    planned_on = models.DateField(_("planned date"), null=True, blank=True)
    channel = models.CharField(
        _("channel"),
        max_length=20,
        choices=InterviewChannel.choices,
        default=InterviewChannel.VIDEO,
    )
    interviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("interviewers"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=InterviewStatus.choices, default=InterviewStatus.PLANNED
    )
    reason = models.CharField(
        _("reason"),
        max_length=300,
        blank=True,
        help_text=_("Why it did not happen, e.g. staff turnover, activities stopped."),
    )
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("Seen by coordinators and facilitators only.")
    )
    expectations = models.TextField(
        _("expectations"), blank=True, help_text=_("What the partner wants to put forward.")
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["organisation__name", "planned_on", "id"]
        rules_permissions = {**INTERNAL, "read_notes": cap_rules.can_read_notes}

    def __str__(self):
        when = f", {self.planned_on:%Y-%m-%d}" if self.planned_on else ""
        return f"{self.organisation}{when}"

    def get_absolute_url(self):
        return reverse("capitalisation:interview", args=[self.network.slug, self.pk])

    def clean(self):
        check_member(self.network if self.network_id else None, self.organisation_or_none)

    @property
    def organisation_or_none(self):
        return self.organisation if self.organisation_id else None


class InterviewQuestion(RulesModel):
    """A question of an exercise's interview guide; archived ones keep their answers."""

    exercise = models.ForeignKey(
        Exercise, on_delete=models.CASCADE, related_name="interview_questions"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    text = models.CharField(_("question"), max_length=500)
    archived = models.BooleanField(
        _("archived"), default=False, help_text=_("No longer asked; its answers are kept.")
    )

    class Meta:
        verbose_name = _("interview question")
        verbose_name_plural = _("interview questions")
        ordering = ["exercise", "position", "id"]
        rules_permissions = INTERNAL

    def __str__(self):
        return self.text

    @property
    def network(self):
        return self.exercise.network


class InterviewAnswer(models.Model):
    """What a partner answered to one question of the guide (read like the interview notes)."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        InterviewQuestion, on_delete=models.PROTECT, related_name="answers"
    )
    text = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("interview answer")
        verbose_name_plural = _("interview answers")
        ordering = ["interview", "question__position", "question_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "question"], name="interview_answer_unique"
            )
        ]

    def __str__(self):
        return f"{self.interview} — {self.question}"


class Expectation(RulesModel):
    """What a partner expects from the capitalisation, and what it led to."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="expectations"
    )
    exercise = models.ForeignKey(
        Exercise, null=True, blank=True, on_delete=models.CASCADE, related_name="expectations"
    )
    organisation = models.ForeignKey(
        "networks.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="expectations",
    )
    interview = models.ForeignKey(
        Interview,
        verbose_name=_("interview"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expectation_set",
        help_text=_("The interview where it was said, if any."),
    )
    put_forward = models.TextField(
        _("what they want to put forward"),
        blank=True,
        help_text=_("The practices, results or stories the partner wants to show."),
    )
    understanding = models.PositiveSmallIntegerField(
        _("understanding of capitalisation"),
        choices=Understanding.choices,
        null=True,
        blank=True,
    )
    availability = models.CharField(
        _("availability"),
        max_length=300,
        blank=True,
        help_text=_("Who can take part, and when, e.g. two days in March, not in August."),
    )
    sheets = models.ManyToManyField(
        "practices.Sheet", verbose_name=_("sheets"), blank=True, related_name="expectations"
    )
    moments = models.ManyToManyField(
        "timeline.Milestone",
        verbose_name=_("key moments"),
        blank=True,
        related_name="expectations",
    )
    sessions = models.ManyToManyField(
        "WorkshopSession",
        verbose_name=_("workshop sessions"),
        blank=True,
        related_name="expectations",
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("expectation")
        verbose_name_plural = _("expectations")
        ordering = ["organisation__name", "id"]
        rules_permissions = INTERNAL

    def __str__(self):
        return gettext("Expectations of %(organisation)s") % {"organisation": self.organisation}

    def get_absolute_url(self):
        return reverse("capitalisation:expectations", args=[self.network.slug]) + f"#exp-{self.pk}"

    def clean(self):
        check_member(self.network if self.network_id else None, self.organisation_or_none)

    @property
    def organisation_or_none(self):
        return self.organisation if self.organisation_id else None


class Workshop(InExercise, RulesModel):
    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="workshops"
    )
    title = models.CharField(_("title"), max_length=200)
    place = models.CharField(_("place"), max_length=200)
    start_on = models.DateField(_("first day"))
    end_on = models.DateField(_("last day"))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["-start_on", "id"]
        rules_permissions = INTERNAL
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__gte=models.F("start_on")),
                name="workshop_ends_after_start",
                violation_error_message=_("A workshop cannot end before it starts."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("capitalisation:workshop", args=[self.network.slug, self.pk])

    @property
    def days(self):
        return (self.end_on - self.start_on).days + 1


class WorkshopSession(RulesModel):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="sessions")
    day = models.PositiveSmallIntegerField(_("day"), default=1)
    topic = models.CharField(_("topic"), max_length=300)
    facilitator = models.CharField(_("facilitator"), max_length=200, blank=True)
    level = models.CharField(
        _("level"), max_length=20, choices=SessionLevel.choices, default=SessionLevel.REGIONAL
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("workshop session")
        verbose_name_plural = _("workshop sessions")
        ordering = ["workshop", "day", "id"]
        rules_permissions = INTERNAL

    def __str__(self):
        return f"{self.workshop} — {_('day')} {self.day}: {self.topic}"

    def get_absolute_url(self):
        return self.workshop.get_absolute_url() + f"#session-{self.pk}"

    @property
    def network(self):
        return self.workshop.network


class Attendance(RulesModel):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="attendance")
    organisation = models.ForeignKey(
        "networks.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    present = models.BooleanField(_("present"), default=True)
    absence_reason = models.CharField(
        _("reason for the absence"), max_length=30, choices=AbsenceReason.choices, blank=True
    )
    absence_note = models.CharField(_("details"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["workshop", "organisation__name"]
        rules_permissions = INTERNAL
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "organisation"], name="one_attendance_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} — {self.workshop}"

    def get_absolute_url(self):
        return self.workshop.get_absolute_url() + f"#attendance-{self.pk}"

    @property
    def network(self):
        return self.workshop.network

    def clean(self):
        if self.workshop_id and self.organisation_id:
            check_member(self.workshop.network, self.organisation)
        if not self.present and not self.absence_reason:
            raise ValidationError(
                {"absence_reason": _("Say why the organisation was absent.")}, code="no_reason"
            )


class FollowUp(RulesModel):
    """What is done for an absent organisation so that its voice is not lost."""

    attendance = models.ForeignKey(Attendance, on_delete=models.CASCADE, related_name="follow_ups")
    kind = models.CharField(
        _("follow-up"), max_length=20, choices=FollowUpKind.choices, default=FollowUpKind.INTERVIEW
    )
    planned_on = models.DateField(_("planned date"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=FollowUpStatus.choices, default=FollowUpStatus.PLANNED
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["attendance", "planned_on", "id"]
        rules_permissions = INTERNAL

    def __str__(self):
        return f"{self.get_kind_display()}: {self.attendance.organisation}"

    def get_absolute_url(self):
        return self.attendance.workshop.get_absolute_url() + f"#follow-up-{self.pk}"

    @property
    def network(self):
        return self.attendance.workshop.network

    @property
    def organisation_id(self):
        return self.attendance.organisation_id


class Learning(Translatable, InExercise, RulesModel):
    """A finding, linked by its evidence to who said it and where."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="learnings"
    )
    statement = models.TextField(_("statement"))
    # A key of the network's learning categories (carnet.vocabulary).
    category = models.CharField(_("category"), max_length=40)
    perspective = models.CharField(
        _("perspective"), max_length=20, choices=Perspective.choices, default=Perspective.PARTNERS
    )
    level = models.CharField(
        _("level"), max_length=20, choices=LearningLevel.choices, default=LearningLevel.NATIONAL
    )
    strength = models.PositiveSmallIntegerField(
        _("strength"),
        default=1,
        choices=[(1, _("Mentioned")), (2, _("Shared by several")), (3, _("Key finding"))],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("learning")
        verbose_name_plural = _("learnings")
        ordering = ["category", "-strength", "id"]
        rules_permissions = INTERNAL

    def __str__(self):
        return self.statement[:80]

    def get_absolute_url(self):
        return reverse("capitalisation:learning", args=[self.network.slug, self.pk])

    def get_category_display(self):
        """The network's word for the category (carnet.vocabulary)."""
        from carnet.vocabulary.domain import display

        return display(self.network, "learning_category", self.category)


class Evidence(RulesModel):
    """Where a learning comes from: any registered object, one of its fields, a passage.

    The kinds of objects that may be cited are registered in capitalisation.evidence.
    """

    learning = models.ForeignKey(Learning, on_delete=models.CASCADE, related_name="evidence")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    source = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("field"), max_length=100, blank=True)
    passage = models.TextField(_("passage"), blank=True)
    organisation = models.ForeignKey(
        "networks.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Whose voice it is; taken from the source."),
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["learning", "id"]
        rules_permissions = INTERNAL
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.content_type.name} #{self.object_id}"

    def get_absolute_url(self):
        return self.learning.get_absolute_url() + f"#evidence-{self.pk}"

    @property
    def network(self):
        return self.learning.network


class VideoQuerySet(models.QuerySet):
    def published(self):
        """Published with the speaker's consent to publication (Consent.may_publish): what
        readers outside the network may see once the network itself is published."""
        return (
            self.filter(status=VideoStatus.PUBLISHED, consent_scope=ConsentScope.PUBLICATION)
            .exclude(consent_by="")
            .order_by("title", "pk")
        )


class Video(Consent, RulesModel):
    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="videos")
    organisation = models.ForeignKey(
        "networks.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="videos",
    )
    title = models.CharField(_("title"), max_length=200)
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    status = models.CharField(
        _("status"), max_length=20, choices=VideoStatus.choices, default=VideoStatus.PLANNED
    )
    link = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to=upload_video, max_length=300, blank=True)
    transcript = models.TextField(_("transcript"), blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = VideoQuerySet.as_manager()

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videos")
        ordering = ["title", "id"]
        rules_permissions = INTERNAL

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("capitalisation:video_edit", args=[self.network.slug, self.pk])

    def clean(self):
        check_member(self.network if self.network_id else None, self.organisation)

    def get_public_url(self):
        """Its page for readers: the player, subtitles, transcript and credits."""
        return reverse("capitalisation:video_public", args=[self.network.slug, self.pk])

    @property
    def is_public(self):
        """Whether anyone may see its page and files (the rule of the media view)."""
        from django.contrib.auth.models import AnonymousUser

        return bool(cap_rules.can_view_video_file(AnonymousUser(), self))


class Subtitles(models.Model):
    """One subtitles file (WebVTT, checked by carnet.lib.webvtt) in one language, of a sound
    or a video: the player offers one track per language, the reader's own by default.
    A concrete model names its owner (`owner_field`) and its `file` field."""

    owner_field = ""
    language = models.CharField(_("language"), max_length=10)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["language", "id"]

    def __str__(self):
        return self.language

    @classmethod
    def put(cls, owner, *, language, upload):
        """Store `upload` as the owner's subtitles in `language`, in place of those it had in
        that language (their file is deleted)."""
        track = cls(language=language, **{cls.owner_field: owner})
        track.file.save(safe_name(upload.name, "vtt"), upload, save=False)
        with transaction.atomic():
            replaced = list(cls.objects.filter(language=language, **{cls.owner_field: owner}))
            for old in replaced:
                old.delete()
            track.save()
        for old in replaced:  # once the new one is in
            old.file.delete(save=False)
        return track

    def remove(self):
        self.file.delete(save=False)
        self.delete()


class VideoSubtitles(Subtitles):
    """A video's subtitles in one language (public with the video's file)."""

    owner_field = "video"
    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="tracks")
    file = models.FileField(_("subtitles (WebVTT)"), upload_to=upload_subtitles, max_length=300)

    class Meta(Subtitles.Meta):
        constraints = [
            models.UniqueConstraint(fields=["video", "language"], name="one_video_track_a_language")
        ]

    @property
    def network(self):
        return self.video.network


class VideoComment(RulesModel):
    """A member's comment on a video under review, at a time of the film (a rough cut is
    reviewed this way before publication); listed in time order beside the player."""

    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="comments")
    at_seconds = models.PositiveIntegerField(_("at (seconds into the video)"))
    text = models.TextField(_("comment"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="video_comments",
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment on a video")
        verbose_name_plural = _("comments on videos")
        ordering = ["at_seconds", "created", "id"]
        rules_permissions = {
            "view": cap_rules.can_read_internal,
            "add": cap_rules.can_read_internal,
        }

    def __str__(self):
        return f"{self.video} @ {self.timestamp}"

    @property
    def network(self):
        return self.video.network

    @property
    def timestamp(self):
        """mm:ss (h:mm:ss past an hour)."""
        hours, rest = divmod(self.at_seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


class PublishedSynthesis(InExercise, RulesModel):
    """The synthesis as the coordinator published it, for readers outside the network.

    A frozen copy: what was checked for sensitive content is exactly what readers see,
    until the coordinator publishes it again or withdraws it. It holds only what may leave
    the network: learnings, the organisations behind them, the charts, and passages
    quoted from sources that are themselves published (never interview notes or documents).
    One HTML fragment per interface language. One per exercise: the synthesis of an earlier
    exercise stays published when the network starts another one.
    """

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="published_syntheses"
    )
    pages = models.JSONField(default=dict, help_text="language code -> HTML fragment")
    sha256 = models.CharField(max_length=64, blank=True)
    learning_count = models.PositiveIntegerField(default=0)
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("published synthesis")
        verbose_name_plural = _("published syntheses")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "exercise"], name="published_synthesis_per_exercise"
            )
        ]
        rules_permissions = {
            "view": (cap_rules.is_published_synthesis & cap_rules.network_is_published)
            | cap_rules.can_read_internal,
            "change": cap_rules.can_manage,
        }

    def __str__(self):
        return gettext("Synthesis of %(network)s") % {"network": self.network}

    def get_absolute_url(self):
        """The members' synthesis page, where the coordinator publishes or withdraws it."""
        return reverse("capitalisation:synthesis", args=[self.network.slug])

    @property
    def public_url(self):
        return reverse("capitalisation:synthesis_public", args=[self.network.slug])

    def page(self, language):
        """The fragment in this language, else English, else any."""
        return (
            self.pages.get(language)
            or self.pages.get(language.split("-")[0])
            or self.pages.get("en")
            or next(iter(self.pages.values()), "")
        )
