from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from carnet.capitalisation.models import check_member

from .enums import DocumentKind, ExtractionStatus
from .rules import INTERNAL


class Document(RulesModel):
    """A document of the network's library; its text is extracted in the background."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="documents"
    )
    organisation = models.ForeignKey(
        "networks.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"), null=True, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.REPORT
    )
    tags = models.CharField(
        _("tags"), max_length=300, blank=True, help_text=_("Comma-separated, e.g. advocacy, UN.")
    )
    file = models.FileField(_("file"), upload_to="documents/", max_length=300, blank=True)
    file_kind = models.CharField(max_length=10, blank=True)
    text = models.TextField(_("text"), blank=True)
    # The language its text is written in (empty for documents added before it was asked:
    # the network's first language, `text_language`).
    language = models.CharField(_("language"), max_length=10, blank=True)
    extraction = models.CharField(
        _("text extraction"),
        max_length=20,
        choices=ExtractionStatus.choices,
        default=ExtractionStatus.PENDING,
    )
    extraction_error = models.CharField(max_length=300, blank=True)
    # Where the text was read from a scan by OCR: [[page, start, end], ...], offsets in text.
    ocr_pages = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-date", "title", "id"]
        rules_permissions = INTERNAL
        # The table it had when the library lived in the capitalisation app.
        db_table = "capitalisation_document"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("library:document", args=[self.network.slug, self.pk])

    def clean(self):
        check_member(self.network if self.network_id else None, self.organisation)

    @property
    def text_language(self):
        """The language of its text: its own, else the network's reference language."""
        from carnet.translations.domain import reference_language

        return self.language or reference_language(self.network)

    @property
    def is_ocr(self):
        return bool(self.ocr_pages)

    def page_at(self, offset):
        """The page of a scan the text at this offset was read from by OCR, or None."""
        for page, start, end in self.ocr_pages:
            if start <= offset < end:
                return page
        return None

    def text_parts(self):
        """The text in parts for the page: (page or None, by OCR, text), in order."""
        if not self.ocr_pages:
            return [(None, False, self.text)] if self.text else []
        parts, position = [], 0
        for page, start, end in self.ocr_pages:
            if start > position and self.text[position:start].strip():
                parts.append((None, False, self.text[position:start]))
            parts.append((page, True, self.text[start:end]))
            position = end
        if self.text[position:].strip():
            parts.append((None, False, self.text[position:]))
        return parts

    @property
    def tag_list(self):
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]
