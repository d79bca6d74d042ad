from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from carnet.accounts.rules import can_organise
from carnet.capitalisation.models import Subtitles
from carnet.lib.dates import PartialDate
from carnet.lib.uploads import random_path, safe_name
from carnet.safeguarding.models import Consent
from carnet.translations.mixins import Translatable

from . import rules as timeline_rules
from .enums import MediaKind, MilestoneState, Precision, SourceKind, SourceStatus, VoteWeight

colour_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Give a colour as #RRGGBB."))


class Era(Translatable, RulesModel):
    """A stage of the programme: a dated band on the timeline. Eras may overlap."""

    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="eras")
    name = models.CharField(_("name"), max_length=120)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    colour = models.CharField(
        _("colour"), max_length=7, default="#1f6f8b", validators=[colour_validator]
    )

    public_fields = ("name",)  # see carnet.safeguarding.public

    class Meta:
        verbose_name = _("era")
        verbose_name_plural = _("eras")
        ordering = ["start", "end", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")),
                name="era_end_after_start",
                violation_error_message=_("An era cannot end before it starts."),
            )
        ]
        rules_permissions = {"view": timeline_rules.can_view_era, "change": can_organise}

    def __str__(self):
        return self.name


class MilestoneQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=MilestoneState.PUBLISHED)

    def on_timeline(self):
        """Everything but the duplicates merged into another moment."""
        return self.exclude(state=MilestoneState.MERGED)

    def chronological(self):
        return self.order_by("start_date", "end_date", "id")


class Milestone(Consent, RulesModel):
    """A key moment of the network, as a partner proposed it."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="milestones"
    )
    slug = models.SlugField(_("address"), max_length=80)
    title = models.CharField(_("headline"), max_length=200)
    text = models.TextField(_("text"), blank=True, help_text=_("Markdown: **bold**, [link](url)."))
    start_date = models.DateField(_("start"))
    start_precision = models.CharField(
        _("start known to the"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    end_date = models.DateField(_("end"), null=True, blank=True)
    end_precision = models.CharField(
        _("end known to the"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    start_time = models.TimeField(_("time of day"), null=True, blank=True)
    end_time = models.TimeField(_("until (time of day)"), null=True, blank=True)
    display_date = models.CharField(
        _("date as shown"), max_length=80, blank=True, help_text=_("Optional, e.g. Spring 2015.")
    )
    era = models.ForeignKey(
        Era,
        verbose_name=_("era"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="milestones",
    )
    image = models.ImageField(_("image"), upload_to="timeline/", blank=True)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    media_url = models.URLField(
        _("video or media link"),
        max_length=1000,
        blank=True,
        help_text=_("A video elsewhere: it is only loaded when a reader clicks."),
    )
    quotation = models.TextField(
        _("quotation"),
        blank=True,
        help_text=_(
            "Words someone said or wrote, shown as a quotation (its source in the credit)."
        ),
    )
    media_thumbnail = models.URLField(
        _("media thumbnail"),
        max_length=1000,
        blank=True,
        help_text=_("A small image for the media, as TimelineJS files give it; kept for export."),
    )
    notes = models.TextField(
        _("notes (not published)"),
        blank=True,
        help_text=_("For the organisers: e.g. what an import could not keep."),
    )
    background = models.CharField(
        _("background"),
        max_length=1000,
        blank=True,
        help_text=_("A colour (#rrggbb) or an image address, as TimelineJS files give it."),
    )
    organisations = models.ManyToManyField(
        "networks.Organisation",
        verbose_name=_("organisations involved"),
        blank=True,
        related_name="milestones",
    )
    documents = models.ManyToManyField(
        "library.Document",
        verbose_name=_("sources"),
        blank=True,
        related_name="milestones",
        help_text=_("Documents of the library this moment rests on."),
    )
    tags = models.CharField(_("tags"), max_length=300, blank=True, help_text=_("Comma-separated."))
    importance = models.PositiveSmallIntegerField(
        _("importance"),
        default=3,
        choices=[(n, str(n)) for n in range(1, 6)],
        help_text=_("1 to 5; less important moments are hidden when zoomed out."),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=MilestoneState.choices, default=MilestoneState.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_milestones",
    )
    organisation = models.ForeignKey(
        "networks.Organisation",
        verbose_name=_("proposed by organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_milestones",
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = MilestoneQuerySet.as_manager()

    # What readers of the timeline, its feeds and exports see (carnet.safeguarding.public).
    public_fields = (
        "title",
        "text",
        "display_date",
        "caption",
        "credit",
        "alt_text",
        "media_url",
        "quotation",
        "media_thumbnail",
        "background",
        "tags",
        "era.name",
        "organisations.name",
        "translations",
        "media",
    )

    class Meta:
        verbose_name = _("key moment")
        verbose_name_plural = _("key moments")
        ordering = ["start_date", "end_date", "id"]
        indexes = [
            # The public library (carnet.commons): the newest published moments of a page, read
            # down this index to the page's end, not all of them sorted (as sheets are); on
            # PostgreSQL their count (with a query: joined to its matches) from the index alone.
            models.Index(
                fields=["state", "-updated"],
                include=["network", "id"],
                name="milestone_published_newest",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["network", "slug"], name="milestone_slug_unique"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="milestone_end_after_start",
                violation_error_message=_("A moment cannot end before it starts."),
            ),
        ]
        rules_permissions = {
            "view": timeline_rules.can_view_milestone,
            "change": timeline_rules.can_change_milestone,
        }

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("timeline:moment", args=[self.network.slug, self.slug])

    def get_public_url(self):
        """The moment on the public timeline (its internal page is for members only)."""
        return reverse("timeline:public", args=[self.network.slug]) + f"#{self.slug}"

    def clean(self):
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("A moment cannot end before it starts.")})

    @property
    def start(self):
        return PartialDate.from_date(self.start_date, self.start_precision)

    @property
    def end(self):
        if self.end_date is None:
            return None
        return PartialDate.from_date(self.end_date, self.end_precision)

    def set_start(self, partial):
        self.start_date, self.start_precision = partial.first_day, partial.precision

    def set_end(self, partial):
        if partial is None:
            self.end_date, self.end_precision = None, Precision.DAY
        else:
            self.end_date, self.end_precision = partial.first_day, partial.precision

    @property
    def tag_list(self):
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]

    @property
    def tag_labels(self):
        """The network's words for the moment's tags (carnet.vocabulary); free text as typed."""
        from carnet.vocabulary.domain import display

        return [display(self.network, "moment_tag", tag) for tag in self.tag_list]

    @property
    def is_published(self):
        return self.state == MilestoneState.PUBLISHED

    @property
    def image_is_public(self):
        """An image goes out only with consent to publication."""
        return bool(self.image) and self.may_publish

    def translation(self, language):
        """The translation into language that readers may see, or None (English is the text
        itself). A machine draft nobody has reviewed yet is never shown: every page, export,
        report and static site reads translations through here (and localised())."""
        for item in self.translations.all():
            if item.language == language and not item.machine_draft:
                return item
        return None

    def localised(self, field, language):
        item = self.translation(language) if language != "en" else None
        value = getattr(item, field, "") if item is not None else ""
        return value or getattr(self, field)


class MilestoneTranslation(models.Model):
    """The text fields of a moment in another language; blank fields fall back to English."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=10)
    title = models.CharField(_("headline"), max_length=200, blank=True)
    text = models.TextField(_("text"), blank=True)
    display_date = models.CharField(_("date as shown"), max_length=80, blank=True)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    alt_text = models.CharField(_("alternative text"), max_length=300, blank=True)
    # Filled by machine translation and not yet accepted by a person: kept from readers
    # (Milestone.translation) until someone ticks "I have reviewed this translation".
    machine_draft = models.BooleanField(_("machine translation — not reviewed"), default=False)
    # Outdated when the moment's text changed after this (domain.translation_status).
    updated = models.DateTimeField(auto_now=True)

    public_fields = ("title", "text", "display_date", "caption", "alt_text")

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["milestone", "language"], name="milestone_translation_unique"
            )
        ]

    def __str__(self):
        return f"{self.milestone} [{self.language}]"

    @property
    def network(self):
        return self.milestone.network


def upload_moment_media(instance, filename):
    """moment-media/<random>/<name>: an address nobody can guess."""
    stem, _dot, extension = filename.rpartition(".")
    return random_path("moment-media", safe_name(stem or filename, extension.lower() or "bin"))


# The folder these files land in, for the media view (carnet.media.registry).
upload_moment_media.folder = "moment-media"


class MomentMedia(Consent, RulesModel):
    """One media of a key moment beside its image and its link: a sound or a video file
    (with its subtitles, one file a language in `tracks`, and, for a video, a poster), a PDF
    (with its first page drawn as a preview), a quotation, or one of the network's videos
    (capitalisation.Video).

    Each carries the consent of the people shown, heard or quoted (a network's video, the
    video's own consent and publication): nothing goes out without it, and the moment is
    not published while one of its media lacks it (domain.publication_consents)."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="media")
    kind = models.CharField(_("kind"), max_length=10, choices=MediaKind.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    file = models.FileField(_("file"), upload_to=upload_moment_media, max_length=300, blank=True)
    poster = models.FileField(
        _("poster image"), upload_to=upload_moment_media, max_length=300, blank=True
    )
    preview = models.FileField(
        _("first-page preview"), upload_to=upload_moment_media, max_length=300, blank=True
    )
    video = models.ForeignKey(
        "capitalisation.Video",
        verbose_name=_("video of the network"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="moment_media",
    )
    quote = models.TextField(_("quotation"), blank=True)
    quote_by = models.CharField(_("who said it"), max_length=200, blank=True)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        blank=True,
        help_text=_("What the video or the document shows, for people who cannot see it."),
    )
    transcript = models.TextField(
        _("transcript"), blank=True, help_text=_("What is said, for people who cannot hear it.")
    )
    created = models.DateTimeField(auto_now_add=True)

    public_fields = ("caption", "credit", "alt_text", "transcript", "quote", "quote_by")

    class Meta:
        verbose_name = _("media of a moment")
        verbose_name_plural = _("media of moments")
        ordering = ["position", "id"]
        rules_permissions = {
            "view": timeline_rules.can_view_moment_media,
            "change": timeline_rules.can_change_milestone,
        }

    def __str__(self):
        label = self.caption or self.quote_by or (self.video.title if self.video_id else "")
        return f"{self.get_kind_display()}: {label}" if label else self.get_kind_display()

    def get_absolute_url(self):
        """The moment's media page (where it is changed: e.g. from a safeguarding flag)."""
        return reverse("timeline:media", args=[self.milestone.network.slug, self.milestone.slug])

    @property
    def network(self):
        return self.milestone.network

    @property
    def organisation_id(self):
        return self.milestone.organisation_id

    @property
    def state(self):
        """The moment's state: a media may be changed while its moment may be."""
        return self.milestone.state

    @property
    def may_publish(self):
        """Consent to publication; for a video of the network, the video's own consent and
        its publication."""
        if self.kind == MediaKind.FILM:
            from carnet.capitalisation.enums import VideoStatus

            video = self.video
            return (
                video is not None
                and video.status == VideoStatus.PUBLISHED
                and bool(video.may_publish)
            )
        return super().may_publish


class MomentSubtitles(Subtitles):
    """A moment's sound or video's subtitles in one language (public with the media)."""

    owner_field = "media"
    media = models.ForeignKey(MomentMedia, on_delete=models.CASCADE, related_name="tracks")
    file = models.FileField(_("subtitles (WebVTT)"), upload_to=upload_moment_media, max_length=300)

    class Meta(Subtitles.Meta):
        constraints = [
            models.UniqueConstraint(fields=["media", "language"], name="one_media_track_a_language")
        ]

    @property
    def network(self):
        return self.media.milestone.network


class Vote(models.Model):
    """How much a moment matters to one partner organisation (one vote per organisation)."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="votes")
    organisation = models.ForeignKey(
        "networks.Organisation", on_delete=models.CASCADE, related_name="milestone_votes"
    )
    weight = models.PositiveSmallIntegerField(
        _("how much it matters"), choices=VoteWeight.choices, default=VoteWeight.IMPORTANT
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    # The vote round it was cast in (none: cast before the network's first round).
    round = models.ForeignKey(
        "VoteRound", null=True, blank=True, on_delete=models.SET_NULL, related_name="votes"
    )
    created = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["milestone", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["milestone", "organisation"], name="one_vote_per_org")
        ]

    def __str__(self):
        return f"{self.organisation} → {self.milestone} ({self.weight})"

    @property
    def network(self):
        return self.milestone.network


class VoteRoundQuerySet(models.QuerySet):
    def not_closed(self):
        return self.filter(closed_at__isnull=True)


class VoteRound(RulesModel):
    """A time for the partners to vote on the key moments, opened by an organiser until a
    closing date, with the number of moments to keep (about ten, as the method says).

    Open while `closed_at` is empty and its closing day has not passed; closed by the
    organiser ("Close the round now") or by `carnet reminders` the day after its closing
    date. At most one round per network is not closed. Votes cast while it is open belong to
    it (Vote.round); when it closes, its result (the first `target` moments) is kept in
    `result`, by slug, as it stood then."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="vote_rounds"
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    target = models.PositiveSmallIntegerField(
        _("number of key moments to choose"),
        default=10,
        help_text=_("The method asks for about ten."),
    )
    message = models.TextField(_("message to the partners"), blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opened_vote_rounds",
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    # When the partners were told it is open: at once, or, for a round scheduled to open
    # later, by `carnet reminders` on its opening day (claimed by a conditional update).
    announced_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="closed_vote_rounds",
    )
    # Each reminder goes out once: claimed by a conditional update (see domain).
    reminded_before_at = models.DateTimeField(null=True, blank=True)
    reminded_last_day_at = models.DateTimeField(null=True, blank=True)
    # The result when it closed: [{"slug", "title", "points", "organisations"}], best first.
    result = models.JSONField(default=list, blank=True)

    objects = VoteRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("vote round")
        verbose_name_plural = _("vote rounds")
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["network"],
                condition=Q(closed_at__isnull=True),
                name="one_open_vote_round_per_network",
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="vote_round_closes_after_it_opens",
            ),
        ]
        rules_permissions = {"view": timeline_rules.can_view_round, "change": can_organise}

    def __str__(self):
        return f"{self.network}: {self.opens_on} – {self.closes_on}"

    def get_absolute_url(self):
        return reverse("timeline:moments", args=[self.network.slug])

    def is_open(self, today=None):
        from django.utils import timezone

        today = today or timezone.localdate()
        return self.closed_at is None and self.opens_on <= today <= self.closes_on

    def is_scheduled(self, today=None):
        """Created to open on a later day: the partners do not see it open yet."""
        from django.utils import timezone

        return self.closed_at is None and (today or timezone.localdate()) < self.opens_on


class TimelineSource(RulesModel):
    """A spreadsheet the timeline is written in: an uploaded XLSX file or the https link of
    a sheet published as CSV (fetched by the worker). What it holds now (`content`, its
    `digest`) is previewed against the moments before anything is saved; `brought` is what
    it brought the last time it was applied ({key: {"slug": ..., "fields": {...}}}, key: the
    row's TimelineJS unique id, else its row), so a re-import shows the difference."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="timeline_sources"
    )
    kind = models.CharField(_("kind"), max_length=5, choices=SourceKind.choices)
    name = models.CharField(_("file name"), max_length=255, blank=True)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SourceStatus.choices, default=SourceStatus.FETCHING
    )
    content = models.BinaryField(blank=True, default=b"")
    digest = models.CharField(max_length=64, blank=True)
    problem = models.TextField(_("what went wrong"), blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    brought = models.JSONField(default=dict, blank=True)
    applied_digest = models.CharField(max_length=64, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applied_timeline_sources",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="timeline_sources",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("timeline source")
        verbose_name_plural = _("timeline sources")
        ordering = ["-updated", "-id"]
        rules_permissions = {"view": can_organise, "change": can_organise}

    def __str__(self):
        return self.name or self.url

    def get_absolute_url(self):
        return reverse("timeline:source", args=[self.network.slug, self.pk])
