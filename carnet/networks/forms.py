from django import forms
from django.utils.translation import gettext_lazy as _

from carnet.lib.uploads import UploadRefused, clean_image

from .models import Network, Organisation


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


class NetworkCreateForm(forms.ModelForm):
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


class OrganisationForm(forms.ModelForm):
    """An organisation's profile. The logo is re-encoded by carnet.lib.uploads."""

    logo_upload = LogoField()
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta:
        model = Organisation
        fields = ["name", "short_name", "city", "website", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
