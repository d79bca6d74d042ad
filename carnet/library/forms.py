from django import forms
from django.utils.translation import gettext_lazy as _

from carnet.capitalisation.forms import DATE, NetworkForm
from carnet.lib.languages import language_choices
from carnet.lib.uploads import DOCUMENT_KINDS, IMAGE_KINDS, UploadRefused, check_document

from .models import Document


class LanguageMixin:
    """The language of the document's text, among the network's (search finds its words in
    that language, OCR reads a scan in it first); the network's reference language by
    default."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = self.instance.text_language  # its own, else the network's reference
        codes = list(self.network.language_codes)
        if language not in codes:  # a language the network no longer uses (or has none)
            codes.append(language)
        self.fields["language"] = forms.ChoiceField(
            label=_("Language of its text"),
            choices=language_choices(codes),
            initial=language,
            help_text=_("Search finds its words in this language."),
            required=False,  # not sent: the network's reference language (`text_language`)
        )


class DocumentForm(LanguageMixin, NetworkForm):
    upload = forms.FileField(
        label=_("File"),
        help_text=_("PDF, DOCX, ODT, TXT or an image (JPEG, PNG, GIF, WebP)."),
    )

    class Meta:
        model = Document
        fields = ["title", "date", "organisation", "kind", "tags", "language"]
        widgets = {"date": DATE}

    def clean_upload(self):
        uploaded = self.cleaned_data["upload"]
        try:
            check_document(uploaded, kinds=DOCUMENT_KINDS | IMAGE_KINDS)
        except UploadRefused as exc:
            raise forms.ValidationError(exc.messages) from None
        return uploaded


class DocumentEditForm(LanguageMixin, NetworkForm):
    class Meta:
        model = Document
        fields = ["title", "date", "organisation", "kind", "tags", "language"]
        widgets = {"date": DATE}
