from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from carnet.lib.datefields import PartialDateField
from carnet.lib.languages import LanguagesField, split_codes
from carnet.lib.uploads import UploadRefused, clean_image

from .enums import MembershipRole
from .models import MembershipReason, Network, Organisation


class MembershipDateField(PartialDateField):
    """A day of joining or leaving, typed as people know it ("October 2016", "2016"):
    stored as its first day (a membership keeps no precision)."""

    def clean(self, value):
        partial = super().clean(value)
        return partial.first_day if partial else None


class LogoField(forms.FileField):
    """An image upload, checked and re-encoded by carnet.lib.uploads (a CleanImage)."""

    def __init__(self, **kwargs):
        super().__init__(
            label=_("Logo"),
            required=False,
            help_text=_("JPG, PNG, GIF or WebP. It is re-encoded and stripped of its metadata."),
            widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
            **kwargs,
        )

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return None
        try:
            return clean_image(upload)
        except UploadRefused as refusal:
            raise forms.ValidationError(refusal.messages, code=refusal.code) from None


class LanguagesMixin:
    """The content languages ticked by their own names instead of typed as codes."""

    def add_languages_field(self):
        keep = split_codes(self.instance.languages)
        self.fields["languages"] = LanguagesField(
            keep=keep,
            initial=keep or ["en"],
            label=_("Content languages"),
            help_text=_(
                "The languages the network writes its content in. Those already chosen keep "
                "their order: the first one is the network's main language."
            ),
        )


class NetworkCreateForm(LanguagesMixin, forms.ModelForm):
    """A new network; networks.domain.create_network does the rest."""

    logo_upload = LogoField()
    coordinator_email = forms.EmailField(
        label=_("Coordinator's e-mail address (optional)"),
        required=False,
        help_text=_("Leave empty to coordinate the network yourself; else they are invited."),
    )

    class Meta:
        model = Network
        fields = ["name", "slug", "description", "languages"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_languages_field()


class OrganisationForm(forms.ModelForm):
    """An organisation's profile. The logo is re-encoded by carnet.lib.uploads."""

    logo_upload = LogoField()
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta:
        model = Organisation
        fields = ["name", "short_name", "city", "website", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}


class MemberForm(forms.Form):
    """A member as the coordinator adds or edits it: the organisation and its membership."""

    name = forms.CharField(label=_("Name"), max_length=200)
    short_name = forms.CharField(label=_("Short name"), max_length=60, required=False)
    country = forms.ChoiceField(label=_("Country"), choices=[("", "—"), *countries])
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    role = forms.ChoiceField(label=_("Role in the network"), choices=MembershipRole.choices)
    joined_on = MembershipDateField(label=_("Joined on"))
    left_on = MembershipDateField(label=_("Left on"), required=False)

    def clean(self):
        data = super().clean()
        joined, left = data.get("joined_on"), data.get("left_on")
        if joined and left and left < joined:
            self.add_error("left_on", _("A member cannot leave before it joined."))
        return data

    @classmethod
    def initial_for(cls, membership):
        organisation = membership.organisation
        return {
            **{
                name: getattr(organisation, name)
                for name in ("name", "short_name", "city", "website")
            },
            "country": organisation.country.code,
            "role": membership.role,
            "joined_on": membership.joined_on,
            "left_on": membership.left_on,
        }


class EndMembershipForm(forms.Form):
    left_on = MembershipDateField(label=_("Left on"))


class MemberImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class NetworkForm(LanguagesMixin, forms.ModelForm):
    """The network as its coordinators describe it; networks.domain.edit_network saves it."""

    logo_upload = LogoField()
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta:
        model = Network
        fields = ["name", "description", "languages", "in_public_library"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_languages_field()


class ReasonForm(forms.ModelForm):
    """A join, stay or leave reason; networks.domain.add_reason / edit_reason save it. Its
    categories are the network's own words (carnet.vocabulary); a reason keeps an archived one."""

    class Meta:
        model = MembershipReason
        fields = ["kind", "category", "statement", "source_kind", "source"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, network, **kwargs):
        from carnet.vocabulary import domain as vocabulary
        from carnet.vocabulary.enums import TermKind

        super().__init__(*args, **kwargs)
        keep = [self.instance.category] if self.instance.pk else []
        self.fields["category"] = forms.ChoiceField(
            label=_("Category"),
            choices=vocabulary.choices(network, TermKind.REASON_CATEGORY, keep=keep),
        )


class GrantForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The person must already have an account on this site."),
    )
