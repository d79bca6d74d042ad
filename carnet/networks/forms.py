from django import forms
from django.utils.translation import gettext_lazy as _

from carnet.lib.uploads import UploadRefused, clean_image

from .models import Organisation


class OrganisationForm(forms.ModelForm):
    """An organisation's profile. The logo is re-encoded by carnet.lib.uploads."""

    logo_upload = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("JPG, PNG, GIF or WebP. It is re-encoded and stripped of its metadata."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta:
        model = Organisation
        fields = ["name", "short_name", "city", "website", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def clean_logo_upload(self):
        upload = self.cleaned_data.get("logo_upload")
        if not upload:
            return None
        try:
            return clean_image(upload)
        except UploadRefused as refusal:
            raise forms.ValidationError(refusal.messages, code=refusal.code) from None
