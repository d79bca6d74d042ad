from django import forms
from django.utils.translation import gettext_lazy as _

from carnet.capitalisation.forms import DATE, NetworkForm
from carnet.lib.uploads import DOCUMENT_KINDS, IMAGE_KINDS, UploadRefused, check_document

from .models import Document


class DocumentForm(NetworkForm):
    upload = forms.FileField(
        label=_("File"),
        help_text=_("PDF, DOCX, ODT, TXT or an image (JPEG, PNG, GIF, WebP)."),
    )

    class Meta:
        model = Document
        fields = ["title", "date", "organisation", "kind", "tags"]
        widgets = {"date": DATE}

    def clean_upload(self):
        uploaded = self.cleaned_data["upload"]
        try:
            check_document(uploaded, kinds=DOCUMENT_KINDS | IMAGE_KINDS)
        except UploadRefused as exc:
            raise forms.ValidationError(exc.messages) from None
        return uploaded


class DocumentEditForm(NetworkForm):
    class Meta:
        model = Document
        fields = ["title", "date", "organisation", "kind", "tags"]
        widgets = {"date": DATE}
