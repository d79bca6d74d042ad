import json

from django.conf import settings
from django.db import connections, models
from django.db.models import Count, Q
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from rules.contrib.models import RulesModel

from carnet.safeguarding.models import Consent

from . import rules as sheet_rules
from .enums import Level, SheetState, SuggestionKind, SuggestionStatus
from .fields import TITLE, default_template, specs_from, specs_with_content


class SheetTemplate(RulesModel):
    """Which fields a network's sheets have, per capitalisation exercise."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="sheet_templates"
    )
    exercise = models.OneToOneField(
        "capitalisation.Exercise",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sheet_template",
    )
    name = models.CharField(_("name"), max_length=200, default="Good-practice sheet")
    fields = models.JSONField(_("fields"), default=default_template)

    class Meta:
        verbose_name = _("sheet template")
        verbose_name_plural = _("sheet templates")
        rules_permissions = {
            "view": sheet_rules.is_member_or_public,
            "change": sheet_rules.can_review,
        }

    def __str__(self):
        return self.name

    @property
    def specs(self):
        return self.localised(specs_from(self.fields))

    def localised(self, specs, language=None):
        """The specs with the labels and help texts the network translated, in language
        (default: the reader's); the default fields' labels come from the catalogs."""
        from carnet.translations.domain import template_specs

        return template_specs(self, specs, language or get_language())


class SheetQuerySet(models.QuerySet):
    def references(self, network):
        """The network's reference sheets: the originals, not their translations."""
        return self.filter(network=network, translation_of__isnull=True)

    def published(self):
        return self.filter(state=SheetState.PUBLISHED, network__is_published=True)

    def visible_to(self, user, network):
        """The sheets of network the person may read (see rules.can_view_sheet)."""
        public = Q(state=SheetState.PUBLISHED, network__is_published=True)
        if not user.is_authenticated:
            return self.filter(public)
        role = user.role_in(network)
        if user.is_superuser or role in ("coordinator", "facilitator"):
            return self
        if not role:
            return self.filter(public)
        organisation_id = user.organisation_id_in(network)
        own = Q(organisation_id=organisation_id) if organisation_id else Q(pk=None)
        peers = Q(open_to_peers=True) & ~Q(state=SheetState.DRAFT)
        return self.filter(public | own | peers)

    def with_theme(self, theme):
        """The sheets whose themes (a JSON list of theme keys, carnet.vocabulary) include theme.

        PostgreSQL: JSON containment. SQLite has no JSON `contains`: the stored text holds the
        value in double quotes (the values are plain ASCII words, so one cannot hold another
        in quotes).
        """
        if connections[self.db].features.supports_json_field_contains:
            return self.filter(themes__contains=[theme])
        return self.alias(themes_text=Cast("themes", models.TextField())).filter(
            themes_text__contains=json.dumps(theme)
        )

    def with_open_suggestions(self):
        return self.annotate(
            open_suggestions=Count(
                "suggestions", filter=Q(suggestions__status=SuggestionStatus.OPEN)
            )
        )


class Sheet(Consent, RulesModel):
    """A good-practice sheet of one organisation. Consent: that of the person quoted."""

    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="sheets")
    template = models.ForeignKey(SheetTemplate, on_delete=models.PROTECT, related_name="sheets")
    organisation = models.ForeignKey(
        "networks.Organisation", on_delete=models.PROTECT, related_name="sheets"
    )
    slug = models.SlugField(_("address"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    country = CountryField(_("country"))
    language = models.CharField(_("language"), max_length=10, default="en")
    translation_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="translations",
        verbose_name=_("translation of"),
    )
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, default=Level.NATIONAL
    )
    themes = models.JSONField(_("themes"), default=list, blank=True)
    content = models.JSONField(_("content"), default=dict, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=SheetState.choices, default=SheetState.DRAFT
    )
    open_to_peers = models.BooleanField(
        _("open to peers"),
        default=False,
        help_text=_("Partner editors of other organisations may comment and suggest."),
    )
    documents = models.ManyToManyField(
        "library.Document",
        verbose_name=_("sources"),
        blank=True,
        related_name="sheets",
        help_text=_("Documents of the library this sheet rests on."),
    )
    revision = models.PositiveIntegerField(default=0)
    validated_version = models.ForeignKey(
        "SheetVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    validated_at = models.DateTimeField(null=True, blank=True)
    # The reviewer's note when asking for changes; shown on the sheet until it is resubmitted.
    review_note = models.TextField(_("reviewer's note"), blank=True)
    review_note_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_note_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = SheetQuerySet.as_manager()

    # What readers of a published sheet, its PDF and DOCX see (carnet.safeguarding.public).
    public_fields = ("texts", "photos", "organisation.name")

    class Meta:
        verbose_name = _("good-practice sheet")
        verbose_name_plural = _("good-practice sheets")
        ordering = ["title", "id"]
        constraints = [
            models.UniqueConstraint(fields=["network", "slug"], name="sheet_slug_unique")
        ]
        indexes = [
            # The public library (carnet.commons): the newest published sheets of a page, and
            # the count and the countries and languages of the published ones, read from the
            # index without the sheets' rows.
            models.Index(fields=["state", "-updated"], name="sheet_published_newest"),
            models.Index(
                fields=["state", "network", "country", "language"],
                # PostgreSQL: the ids too, so that the count of the published sheets matching a
                # query joins the matches from the index alone, without reading every published
                # sheet's row (SQLite indexes hold the id anyway).
                include=["id"],
                name="sheet_published_facets",
            ),
        ]
        rules_permissions = {
            "view": sheet_rules.can_view_sheet,
            "change": sheet_rules.can_edit_sheet,
            "suggest": sheet_rules.can_suggest,
            "decide_suggestions": sheet_rules.can_decide_suggestions,
            "review": sheet_rules.can_review,
            "validate": sheet_rules.can_validate,
            "publish": sheet_rules.can_publish,
        }

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("practices:detail", args=[self.network.slug, self.slug])

    def theme_labels(self):
        """The network's words for the sheet's themes (carnet.vocabulary)."""
        from carnet.vocabulary.domain import display

        return [display(self.network, "theme", key) for key in self.themes]

    @property
    def is_published(self):
        return self.state == SheetState.PUBLISHED

    @property
    def specs(self):
        return [TITLE, *self.field_specs]

    @property
    def field_specs(self):
        """The template's fields, then any removed field this sheet still has text in."""
        template = self.template
        return template.localised(specs_with_content(template.fields, self.content))

    def text(self, key):
        return self.title if key == "title" else self.content.get(key, "")

    @property
    def texts(self):
        """The title and the template's fields, by key (Markdown)."""
        return {spec.key: self.text(spec.key) for spec in self.specs}

    def snapshot(self):
        """The versioned content: the title and every text field."""
        return {"title": self.title, **{k: v for k, v in self.content.items() if v}}


class SheetVersion(models.Model):
    sheet = models.ForeignKey(Sheet, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("number"))
    content = models.JSONField(_("content"), default=dict)
    changed_fields = models.JSONField(_("changed fields"), default=list)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("sheet version")
        verbose_name_plural = _("sheet versions")
        ordering = ["sheet", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "number"], name="sheet_version_unique")
        ]

    def __str__(self):
        return f"{self.sheet} v{self.number}"


class Suggestion(RulesModel):
    """A reviewer's proposal on one field: a passage (or the whole field) and its replacement."""

    sheet = models.ForeignKey(Sheet, on_delete=models.CASCADE, related_name="suggestions")
    field = models.CharField(_("field"), max_length=40)
    kind = models.CharField(
        _("kind"), max_length=20, choices=SuggestionKind.choices, default=SuggestionKind.REWORDING
    )
    passage = models.TextField(
        _("passage"), blank=True, help_text=_("The text to change; empty: the whole field.")
    )
    field_text = models.TextField(blank=True)  # the whole field when the suggestion was made
    replacement = models.TextField(_("replacement"), blank=True)
    comment = models.TextField(_("comment"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_("Why it was rejected, for the person who suggested it."),
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["created", "id"]
        rules_permissions = {
            "view": sheet_rules.can_view_sheet,
            "change": sheet_rules.can_edit_sheet,
        }

    def __str__(self):
        return f"{self.field}: {self.replacement[:60]}"

    @property
    def network(self):
        return self.sheet.network

    @property
    def organisation_id(self):
        return self.sheet.organisation_id

    def is_outdated(self, current):
        """current: the field's text now. A suggestion never applies to text it did not see."""
        if not self.passage:
            return current != self.field_text
        return current.count(self.passage) != 1


class Comment(models.Model):
    """A threaded, resolvable comment on a sheet (or on one of its suggestions)."""

    sheet = models.ForeignKey(Sheet, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    field = models.CharField(_("field"), max_length=40, blank=True)
    # The words it is about (as selected in the rendered text); empty: the field, or the sheet.
    passage = models.TextField(_("passage"), blank=True)
    text = models.TextField(_("comment"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved = models.BooleanField(_("resolved"), default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created", "id"]

    def __str__(self):
        return self.text[:60]


class SheetPhoto(Consent, models.Model):
    sheet = models.ForeignKey(Sheet, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="sheets/")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    public_fields = ("caption", "credit")

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["position", "id"]

    def __str__(self):
        return self.caption or self.image.name
