import unicodedata

from django import forms
from django.contrib.auth.forms import BaseUserCreationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from carnet.networks.models import Organisation

from .enums import RoleKind, Verb
from .models import Action, Invitation, Role, User


def member_organisations(network):
    """The organisations that are or were members of the network."""
    return Organisation.objects.filter(memberships__network=network).distinct()


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    # The least powerful role comes first and is the one chosen unless someone changes it.
    kind = forms.ChoiceField(
        label=_("Role"), choices=RoleKind.choices[::-1], initial=RoleKind.VIEWER
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Required for a partner editor: the organisation they write for."),
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self.fields["organisation"].queryset = member_organisations(network)

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if Role.objects.filter(network=self.network, user__email__iexact=email).exists():
            raise forms.ValidationError(
                _("This person already has a role in the network: change it in the list below.")
            )
        if Invitation.objects.pending().filter(network=self.network, email__iexact=email).exists():
            raise forms.ValidationError(
                _("An invitation to this address is already pending: revoke it first.")
            )
        return email

    def clean(self):
        data = super().clean()
        if data.get("kind") == RoleKind.PARTNER_EDITOR and not data.get("organisation"):
            self.add_error(
                "organisation", _("Choose the organisation this partner editor writes for.")
            )
        return data


class AcceptForm(BaseUserCreationForm):
    """A new person's account: name, username, password."""

    class Meta:
        model = User
        fields = ["display_name", "username"]
        labels = {"display_name": _("Your name")}

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.instance.email = invitation.email
        self.fields["display_name"].required = True

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is taken; choose another."))
        return username


class RoleForm(forms.Form):
    """A role's kind and the organisation the person works for in the network. Without an
    `organisation` in the data, the role keeps its organisation."""

    kind = forms.ChoiceField(label=_("Role"), choices=RoleKind.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = member_organisations(network)

    @property
    def sets_organisation(self):
        return "organisation" in self.data

    def clean(self):
        data = super().clean()
        if (
            self.sets_organisation
            and data.get("kind") == RoleKind.PARTNER_EDITOR
            and not data.get("organisation")
        ):
            self.add_error(
                "organisation", _("Choose the organisation this partner editor writes for.")
            )
        return data


class LogFilterForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none(), required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    verb = forms.ChoiceField(label=_("Kind"), choices=[], required=False)
    object_type = forms.ModelChoiceField(
        label=_("Object type"), queryset=ContentType.objects.none(), required=False
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = User.objects.filter(roles__network=network).order_by(
            "display_name", "username"
        )
        self.fields["organisation"].queryset = member_organisations(network)
        self.fields["verb"].choices = [("", _("All kinds"))] + list(Verb.choices)
        types = Action.objects.filter(network=network).values("content_type").distinct()
        self.fields["object_type"].queryset = ContentType.objects.filter(pk__in=types)
        self.fields["object_type"].label_from_instance = lambda ct: str(
            ct.model_class()._meta.verbose_name if ct.model_class() else ct.model
        ).capitalize()


class PasswordResetForm(DjangoPasswordResetForm):
    """Django's, but it also reaches active people who have no password yet (people brought
    in by an archive import): Django skips them, and Carnet has no other way to log in."""

    def get_users(self, email):
        def same(a, b):  # as Django compares them: no match through Unicode case folding
            return unicodedata.normalize("NFKC", a).casefold() == (
                unicodedata.normalize("NFKC", b).casefold()
            )

        found = User._default_manager.filter(email__iexact=email, is_active=True)
        return (user for user in found if same(email, user.email))


class SignInLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
