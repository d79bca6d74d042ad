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
    organisation = models.ForeignKey(
        "networks.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    languages = models.CharField(
        _("languages"),
        max_length=200,
        blank=True,
        help_text=_("Language codes, comma-separated, e.g. en, fr, sq."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.display_name or self.get_full_name() or self.username

    def role_in(self, network):
        """The person's role in a network, or None."""
        if not self.is_authenticated:
            return None
        cache = self.__dict__.setdefault("_roles", {})
        if network.pk not in cache:
            role = self.roles.filter(network=network).values_list("kind", flat=True).first()
            cache[network.pk] = role
        return cache[network.pk]


class Role(RulesModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField(_("role"), max_length=20, choices=RoleKind.choices)
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
