from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from . import rules as account_rules
from .enums import RoleKind, Verb


class User(AbstractUser):
    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    languages = models.CharField(
        _("languages"),
        max_length=200,
        blank=True,
        help_text=_("Language codes, comma-separated, e.g. en, fr, sq."),
    )
    language = models.CharField(
        _("language of the interface"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("The e-mails you receive are written in it; set when you sign in."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.display_name or self.get_full_name() or self.username

    @property
    def mail_language(self):
        """The language to write to this person in: the interface language they last signed in
        with, else the first interface language among those they speak, else the site's."""
        interface = dict(settings.LANGUAGES)
        spoken = [code.strip() for code in self.languages.split(",")]
        for code in [self.language, *spoken]:
            if code in interface:
                return code
        return settings.LANGUAGE_CODE

    def _role_row(self, network):
        """(kind, organisation id) of the person's role in a network, or None; cached."""
        if network is None or not self.is_authenticated:
            return None
        cache = self.__dict__.setdefault("_roles", {})
        if network.pk not in cache:
            cache[network.pk] = (
                self.roles.filter(network=network).values_list("kind", "organisation_id").first()
            )
        return cache[network.pk]

    def remember_role(self, role):
        """Fill the cache with a role already fetched (e.g. one query for a whole network)."""
        self.__dict__.setdefault("_roles", {})[role.network_id] = (role.kind, role.organisation_id)

    def forget_roles(self):
        self.__dict__.pop("_roles", None)
        self.__dict__.pop("_organisations", None)

    def role_in(self, network):
        """The person's role in a network, or None."""
        row = self._role_row(network)
        return row[0] if row else None

    def organisation_id_in(self, network):
        """The id of the organisation the person works for in a network (on their role), or
        None. A person may work for a different organisation in each network."""
        row = self._role_row(network)
        return row[1] if row else None

    def organisation_in(self, network):
        """The organisation the person works for in a network, or None."""
        organisation_id = self.organisation_id_in(network)
        if organisation_id is None:
            return None
        cache = self.__dict__.setdefault("_organisations", {})
        if organisation_id not in cache:
            from carnet.networks.models import Organisation

            cache[organisation_id] = Organisation.objects.get(pk=organisation_id)
        return cache[organisation_id]


class Role(RulesModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField(_("role"), max_length=20, choices=RoleKind.choices)
    organisation = models.ForeignKey(
        "networks.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="roles",
        help_text=_("The organisation the person works for in this network."),
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "network"], name="one_role_per_network")
        ]
        rules_permissions = {
            "view": account_rules.can_manage,
            "change": account_rules.can_manage,
        }

    def __str__(self):
        return f"{self.user} — {self.get_kind_display()} — {self.network}"


class Action(models.Model):
    """One line of the action log: who did what to which object, when."""

    network = models.ForeignKey(
        "networks.Network", null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    organisation = models.ForeignKey(
        "networks.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    verb = models.CharField(_("action"), max_length=20, choices=Verb.choices)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    object_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("action log")
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.actor or '—'} {self.get_verb_display()} {self.object_repr}"

    @property
    def what(self):
        """What was done, in words: a vote is named a vote, not a change of the moment."""
        if "vote" in self.data:
            if self.data["vote"]:
                return _("voted for")
            return _("withdrew their vote for")
        return self.get_verb_display()

    @property
    def object_type(self):
        """The verbose name of the object's model, e.g. "organisation"."""
        model = self.content_type.model_class() if self.content_type_id else None
        return model._meta.verbose_name if model else ""


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        from django.utils import timezone

        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(RulesModel):
    """An invitation by e-mail to join a network with a role.

    Only a hash of the link's token is kept: whoever reads the database cannot
    use a pending invitation.
    """

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    kind = models.CharField(_("role"), max_length=20, choices=RoleKind.choices)
    organisation = models.ForeignKey(
        "networks.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="invitations_sent",
    )
    created = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations_accepted",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created"]
        rules_permissions = {
            "view": account_rules.can_manage,
            "change": account_rules.can_manage,
        }

    def __str__(self):
        return f"{self.email} — {self.get_kind_display()} — {self.network}"

    @property
    def status(self):
        from django.utils import timezone

        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"


class SignInLink(models.Model):
    """A link e-mailed to sign in without the password: once, for a few minutes. The database
    keeps only a hash of its token (carnet.accounts.signin)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_in_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"))
    used_at = models.DateTimeField(_("used on"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in link")
        verbose_name_plural = _("sign-in links")
        indexes = [models.Index(fields=["user", "created"])]

    def __str__(self):
        return f"{self.user} · {self.created:%Y-%m-%d %H:%M}"
