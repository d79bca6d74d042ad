from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from rules.contrib.models import RulesModel

from carnet.translations.mixins import Translatable

from . import rules as network_rules
from .enums import MembershipRole, ReasonKind, SourceKind

# Words a network slug may not take beyond today's top-level URLs: they may become some.
RESERVED_SLUGS = frozenset(
    """
    about accounts admin api assets embed favicon.ico health i18n login logout
    media new robots.txt search settings static www
    """.split()
)


def reserved_slugs():
    """RESERVED_SLUGS and the first segment of every top-level URL of carnet/urls.py
    (those that are not a network's slug), so that no network hides a page."""
    from django.urls import get_resolver

    prefixes = set()
    for pattern in get_resolver().url_patterns:
        first = str(pattern.pattern).lstrip("^").split("/")[0]
        if first and not first.startswith(("<", "(")):
            prefixes.add(first.rstrip("$").lower())
    return RESERVED_SLUGS | prefixes


def validate_not_reserved(value):
    if value.lower() in reserved_slugs():
        raise ValidationError(
            _("“%(slug)s” is reserved; choose another address."), params={"slug": value}
        )


def validate_language_list(value):
    codes = [code.strip() for code in value.split(",") if code.strip()]
    if not codes:
        raise ValidationError(_("Give at least one language code, e.g. en."))
    for code in codes:
        if not code.replace("-", "").isalpha() or len(code) > 10:
            raise ValidationError(_("“%(code)s” is not a language code."), params={"code": code})


class NetworkQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        if user.is_superuser:
            return self
        if not user.is_authenticated:
            return self.published()
        return self.filter(Q(is_published=True) | Q(roles__user=user)).distinct()


class Network(Translatable, RulesModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("address"),
        max_length=60,
        unique=True,
        validators=[validate_not_reserved],
        help_text=_("Used in the network's addresses, e.g. /euromed/."),
    )
    description = models.TextField(_("description"), blank=True)
    languages = models.CharField(
        _("content languages"),
        max_length=200,
        default="en",
        validators=[validate_language_list],
        help_text=_("Language codes, comma-separated, English first, e.g. en, fr, sq."),
    )
    logo = models.ImageField(_("logo"), upload_to="network-logos/", blank=True)
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("A published network's page can be read by anyone."),
    )
    in_public_library = models.BooleanField(
        _("in the public library"),
        default=True,
        db_default=True,  # rows written by older code (and data migrations) are listed too
        help_text=_(
            "Once the network is published, its published sheets, key moments and learnings "
            "are listed in this site's public library."
        ),
    )
    created = models.DateTimeField(auto_now_add=True)

    objects = NetworkQuerySet.as_manager()

    public_fields = ("name", "description", "exercises")  # written by its coordinators

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]
        # A site-level right, granted by a superuser (`carnet network grant EMAIL`).
        permissions = [("create_network", _("Can create networks"))]
        rules_permissions = {
            "view": network_rules.can_view_network,
            "view_internal": network_rules.can_read_internal,
            "change": network_rules.can_manage,
            "manage_people": network_rules.can_manage,
            "publish": network_rules.can_manage,
        }

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("networks:detail", args=[self.slug])

    @property
    def network(self):
        """A network is its own network, for the rules (see accounts.rules)."""
        return self

    @property
    def language_codes(self):
        return [code.strip() for code in self.languages.split(",") if code.strip()]


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    description = models.TextField(_("description"), blank=True)

    # Its profile page in each network it belongs to (carnet.safeguarding.public).
    public_fields = ("name", "short_name", "city", "website", "description")

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name


class MembershipQuerySet(models.QuerySet):
    def current(self):
        return self.filter(left_on__isnull=True)

    def former(self):
        return self.filter(left_on__isnull=False)


class Membership(RulesModel):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    role = models.CharField(
        _("role in the network"),
        max_length=20,
        choices=MembershipRole.choices,
        default=MembershipRole.MEMBER,
    )

    objects = MembershipQuerySet.as_manager()

    public_fields = ("organisation",)  # its profile, checked when it is saved

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["joined_on", "organisation__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="membership_left_after_joined",
                violation_error_message=_("A member cannot leave before it joined."),
            )
        ]
        rules_permissions = {"view": network_rules.can_view_membership}

    def __str__(self):
        return f"{self.organisation} — {self.network}"

    def get_absolute_url(self):
        return reverse("networks:organisation", args=[self.network.slug, self.organisation_id])

    @property
    def is_current(self):
        return self.left_on is None


class MembershipReasonQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class MembershipReason(models.Model):
    """Why an organisation joined, stays or left: private until the coordinator publishes it."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="reasons")
    kind = models.CharField(_("kind"), max_length=10, choices=ReasonKind.choices)
    category = models.CharField(_("category"), max_length=40, default="other")
    statement = models.TextField(_("statement"))
    source_kind = models.CharField(
        _("source"), max_length=20, choices=SourceKind.choices, default=SourceKind.OTHER
    )
    source = models.CharField(
        _("source detail"),
        max_length=200,
        blank=True,
        help_text=_("Which interview, survey or document, e.g. “Interview, 2019”."),
    )
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Shown to anyone once the coordinator publishes it, after the check."),
    )

    objects = MembershipReasonQuerySet.as_manager()

    public_fields = (
        "statement",
        "source",
        "membership.organisation.name",
        "membership.organisation.short_name",
    )

    class Meta:
        verbose_name = _("membership reason")
        verbose_name_plural = _("membership reasons")
        ordering = ["kind", "category", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.statement[:60]}"

    def get_category_display(self):
        """The network's word for the category (carnet.vocabulary)."""
        from carnet.vocabulary.domain import display

        return display(self.membership.network, "reason_category", self.category)

    @property
    def network(self):
        return self.membership.network
