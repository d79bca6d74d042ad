import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carnet.lib.datefields import PartialDateField, date_problem
from carnet.lib.dates import BadDate, check_order
from carnet.lib.languages import own_name
from carnet.lib.pdfpreview import first_page
from carnet.lib.uploads import (
    PLAYER_EXTENSIONS,
    UploadRefused,
    check_document,
    check_player_file,
    clean_image,
    random_path,
    safe_name,
    store_image,
)
from carnet.lib.webvtt import checked_upload
from carnet.library.models import Document
from carnet.networks.models import Organisation
from carnet.vocabulary import domain as vocabulary
from carnet.vocabulary.enums import TermKind

from .enums import MediaKind, MilestoneState, VoteWeight
from .models import Era, Milestone, MilestoneTranslation, MomentMedia, MomentSubtitles, VoteRound


class MilestoneForm(forms.ModelForm):
    start = PartialDateField(label=_("Start"))
    end = PartialDateField(
        label=_("End"),
        required=False,
        help_text=_("Optional, for a period; same forms as the start."),
    )
    media_url = forms.URLField(
        label=_("Video or media link"),
        required=False,
        assume_scheme="https",
        help_text=_("A video elsewhere: it is only loaded when a reader clicks."),
    )
    upload = forms.FileField(
        label=_("Image"),
        required=False,
        help_text=_("JPEG, PNG, GIF or WebP. Metadata (such as GPS position) is removed."),
    )

    class Meta:
        model = Milestone
        fields = [
            "title",
            "text",
            "start",
            "start_time",
            "end",
            "end_time",
            "display_date",
            "era",
            "upload",
            "caption",
            "credit",
            "alt_text",
            "consent_scope",
            "consent_by",
            "consent_on",
            "media_url",
            "quotation",
            "organisations",
            "documents",
            "tags",
            "importance",
            "notes",
        ]
        widgets = {
            "documents": forms.CheckboxSelectMultiple,
            "text": forms.Textarea(attrs={"rows": 6}),
            "organisations": forms.CheckboxSelectMultiple,
            "consent_on": forms.DateInput(attrs={"type": "date"}),
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "end_time": forms.TimeInput(attrs={"type": "time"}),
            "quotation": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self.fields["era"].queryset = Era.objects.filter(network=network)
        self.fields["organisations"].queryset = Organisation.objects.filter(
            memberships__network=network
        ).distinct()
        # Titles only: a document's extracted text can be a whole book.
        self.fields["documents"].queryset = (
            Document.objects.filter(network=network).defer("text").order_by("-date", "title")
        )
        self._offer_tags(network)
        if self.instance.pk:
            self.initial["start"] = self.instance.start.iso()
            if self.instance.end:
                self.initial["end"] = self.instance.end.iso()

    def _offer_tags(self, network):
        """The network's tags (carnet.vocabulary) offered beside the free-text field."""
        words = [label for _key, label in vocabulary.choices(network, TermKind.MOMENT_TAG)]
        field = self.fields["tags"]
        if words:
            field.help_text = _(
                "Comma-separated. The network's tags: %(tags)s. Other words are kept as typed."
            ) % {"tags": ", ".join(words)}
        if self.instance.pk:
            self.initial["tags"] = ", ".join(vocabulary.tag_labels(network, self.instance.tags))

    def clean_tags(self):
        # A tag typed as one of the network's tags is stored as its key; others as typed.
        return vocabulary.normalise_tags(self.network, self.cleaned_data["tags"])

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if not upload:
            return None
        try:
            return clean_image(upload)
        except UploadRefused as exc:
            raise forms.ValidationError(exc.messages) from None

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            try:
                check_order(start, end)
            except BadDate as exc:
                self.add_error("end", date_problem(exc))
        has_image = data.get("upload") or (self.instance.pk and self.instance.image)
        if has_image and not data.get("alt_text"):
            self.add_error("alt_text", _("Describe the image for people who cannot see it."))
        return data

    def save(self, commit=True):
        milestone = super().save(commit=False)
        milestone.network = self.network
        milestone.set_start(self.cleaned_data["start"])
        milestone.set_end(self.cleaned_data["end"])
        if self.cleaned_data.get("upload"):
            milestone.image.name = store_image(
                self.cleaned_data["upload"], default_storage, "timeline"
            )
        if commit:
            milestone.save()
            self.save_m2m()
        return milestone


class TranslationForm(forms.ModelForm):
    # Set when machine translation filled some fields of this form (views.translate).
    machine = forms.BooleanField(required=False, widget=forms.HiddenInput)
    reviewed = forms.BooleanField(
        label=_("I have reviewed this translation"),
        help_text=_(
            "Until then it is kept as a machine draft: readers see the English text instead."
        ),
        required=False,
    )

    class Meta:
        model = MilestoneTranslation
        fields = ["title", "text", "display_date", "caption", "alt_text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}

    def text_fields(self):
        return [self[name] for name in self._meta.fields]

    @property
    def is_machine_draft(self):
        """The translation holds machine text nobody has accepted yet."""
        if self.is_bound and self["machine"].data not in (None, "", "False", "false"):
            return True
        return bool(self.instance.pk and self.instance.machine_draft)

    def save_as_draft(self):
        """Save as a machine draft: it holds machine text and the box is not ticked."""
        return self.is_machine_draft and not self.cleaned_data.get("reviewed")


class VoteForm(forms.Form):
    weight = forms.TypedChoiceField(
        label=_("How much it matters to your organisation"),
        coerce=int,
        choices=[(0, _("No vote")), *VoteWeight.choices],
    )


class StateForm(forms.Form):
    state = forms.ChoiceField(choices=MilestoneState.choices)


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label=_("Merge into"), queryset=Milestone.objects.none(), to_field_name="slug"
    )

    def __init__(self, *args, milestone, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = (
            Milestone.objects.filter(network=milestone.network)
            .on_timeline()
            .exclude(pk=milestone.pk)
        )


class EraForm(forms.ModelForm):
    class Meta:
        model = Era
        fields = ["name", "start", "end", "colour"]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
            "colour": forms.TextInput(attrs={"type": "color"}),
        }

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("An era cannot end before it starts."))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("TimelineJS file"),
        help_text=_("A TimelineJS JSON file or the CSV of its spreadsheet."),
    )


class VoteRoundForm(forms.ModelForm):
    """Open a vote round today (or schedule it for a later day), until a closing date."""

    class Meta:
        model = VoteRound
        fields = ["opens_on", "closes_on", "target", "message"]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}),
            "closes_on": forms.DateInput(attrs={"type": "date"}),
            "message": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "opens_on": _(
                "Today, or a later day: the partners are told by e-mail on the day it opens."
            ),
            "closes_on": _(
                "Organisations that have not voted are reminded two "
                "days before, and on the closing day."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].min_value = 1
        self.fields["target"].widget.attrs.update({"min": 1, "max": 100})
        self.fields["opens_on"].required = False
        if not self.is_bound:
            self.initial.setdefault("opens_on", timezone.localdate().isoformat())
            self.initial.setdefault(
                "closes_on", (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
            )

    def clean_opens_on(self):
        opens_on = self.cleaned_data.get("opens_on") or timezone.localdate()
        if opens_on < timezone.localdate():
            raise forms.ValidationError(
                _("The opening date has passed: choose today or a later day.")
            )
        return opens_on

    def clean_closes_on(self):
        closes_on = self.cleaned_data["closes_on"]
        if closes_on < timezone.localdate():
            raise forms.ValidationError(_("The closing date has passed: choose a later one."))
        return closes_on

    def clean(self):
        cleaned = super().clean()
        opens_on, closes_on = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", _("The round must close after it opens."))
        return cleaned

    def clean_target(self):
        target = self.cleaned_data["target"]
        if not 1 <= target <= 100:
            raise forms.ValidationError(_("Choose between 1 and 100 key moments."))
        return target


class SourceForm(forms.Form):
    """A spreadsheet as a source of the timeline: a file (XLSX, CSV or TimelineJS JSON), or a
    published CSV link."""

    file = forms.FileField(
        label=_("Spreadsheet or TimelineJS file"),
        required=False,
        help_text=_(
            "A TimelineJS template saved as XLSX or CSV, or a TimelineJS JSON file. Upload a "
            "newer version under the same file name to see what changed."
        ),
    )
    url = forms.URLField(
        label=_("Link of a spreadsheet published as CSV"),
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text=_(
            "An https link, e.g. Google Sheets: File → Share → Publish to the web → "
            "Comma-separated values."
        ),
    )

    def clean(self):
        data = super().clean()
        upload, url = data.get("file"), data.get("url")
        if bool(upload) == bool(url):
            raise forms.ValidationError(_("Give either a file or a link, not both."))
        if upload and not upload.name.lower().endswith((".xlsx", ".csv", ".json")):
            self.add_error("file", _("Give an .xlsx, .csv or .json file."))
        loopback = getattr(settings, "CARNET_FETCH_ALLOW_LOOPBACK", False)
        if url and not url.lower().startswith("https://") and not loopback:
            self.add_error("url", _("Only https links are fetched."))
        return data


class MomentMediaForm(forms.ModelForm):
    """Add one media to a moment: what each kind needs is checked in clean(); files are
    checked from their content, images cleaned, subtitles parsed, a PDF's first page drawn.
    Nothing is stored before the whole form is valid."""

    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_(
            "Sound: MP3, OGG, WAV, FLAC or M4A (100 MB at most). Video: MP4, WebM or OGV "
            "(500 MB at most). PDF (40 MB at most)."
        ),
    )
    poster = forms.FileField(
        label=_("Poster image"),
        required=False,
        help_text=_("For a video: the picture shown before it plays. Metadata is removed."),
    )
    subtitles = forms.FileField(
        label=_("Subtitles (WebVTT)"),
        required=False,
        help_text=_("A .vtt file; it is checked before anything is saved."),
    )
    # One language here; more are added beside the media once it is saved.
    subtitles_language = forms.ChoiceField(label=_("Language of the subtitles"), required=False)

    field_order = ["kind", "file", "poster", "subtitles", "subtitles_language", "video", "quote"]

    class Meta:
        model = MomentMedia
        fields = [
            "kind",
            "video",
            "quote",
            "quote_by",
            "caption",
            "credit",
            "alt_text",
            "transcript",
            "consent_scope",
            "consent_by",
            "consent_on",
        ]
        widgets = {
            "consent_on": forms.DateInput(attrs={"type": "date"}),
            "quote": forms.Textarea(attrs={"rows": 3}),
            "transcript": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, milestone, **kwargs):
        super().__init__(*args, **kwargs)
        self.milestone = milestone
        network = milestone.network
        from carnet.capitalisation.models import Video

        self.fields["video"].queryset = Video.objects.filter(network=network).order_by("title")
        self.fields["video"].help_text = _(
            "For “A video of the network”: it shows on the moment once it is published."
        )
        self.fields["subtitles_language"].choices = [
            ("", "—"),
            *((code, own_name(code)) for code in network.language_codes),
        ]
        self.fields["subtitles_language"].initial = (network.language_codes or [""])[0]

    def clean_file(self):
        return self.cleaned_data.get("file") or None

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        upload, poster, subtitles = data.get("file"), data.get("poster"), data.get("subtitles")
        self.kind_found = None
        self.poster_image = None
        self.preview_image = None
        if kind in (MediaKind.AUDIO, MediaKind.VIDEO, MediaKind.PDF) and not upload:
            self.add_error("file", _("Choose the file to upload."))
        elif upload and kind in (MediaKind.AUDIO, MediaKind.VIDEO):
            try:
                self.kind_found = check_player_file(upload, video=kind == MediaKind.VIDEO)
            except UploadRefused as exc:
                self.add_error("file", exc.messages)
        elif upload and kind == MediaKind.PDF:
            try:
                check_document(upload, kinds={"pdf"})
                upload.seek(0)
                self.preview_image = clean_image(ContentFile(first_page(upload.read()), "page.png"))
                upload.seek(0)
            except UploadRefused as exc:
                self.add_error("file", exc.messages)
        elif upload:
            self.add_error("file", _("This kind of media takes no file."))
        if poster:
            if kind != MediaKind.VIDEO:
                self.add_error("poster", _("Only a video has a poster image."))
            else:
                try:
                    self.poster_image = clean_image(poster)
                except UploadRefused as exc:
                    self.add_error("poster", exc.messages)
        if subtitles:
            if kind not in (MediaKind.AUDIO, MediaKind.VIDEO):
                self.add_error("subtitles", _("Only a sound or a video has subtitles."))
            else:
                try:
                    checked_upload(subtitles)
                except ValidationError as exc:
                    self.add_error("subtitles", exc.messages)
                if not data.get("subtitles_language"):
                    self.add_error("subtitles_language", _("Say which language they are in."))
        if kind == MediaKind.QUOTE:
            if not data.get("quote", "").strip():
                self.add_error("quote", _("Write the words quoted."))
            if not data.get("quote_by", "").strip():
                self.add_error("quote_by", _("Say who said or wrote them."))
        if kind == MediaKind.FILM and not data.get("video"):
            self.add_error("video", _("Choose the video."))
        if kind in (MediaKind.VIDEO, MediaKind.PDF) and not data.get("alt_text"):
            self.add_error("alt_text", _("Describe it for people who cannot see it."))
        if kind == MediaKind.AUDIO and not (subtitles or data.get("transcript", "").strip()):
            self.add_error(
                "transcript",
                _("Give a transcript or subtitles, for people who cannot hear it."),
            )
        return data

    def save(self, commit=True):
        media = super().save(commit=False)
        media.milestone = self.milestone
        kind = self.cleaned_data["kind"]
        if kind != MediaKind.FILM:
            media.video = None
        upload = self.cleaned_data.get("file")
        if upload:
            extension = PLAYER_EXTENSIONS.get(self.kind_found, "pdf")
            media.file.name = default_storage.save(
                random_path("moment-media", safe_name(upload.name, extension)), upload
            )
        if self.poster_image:
            media.poster.name = store_image(self.poster_image, default_storage, "moment-media")
        if self.preview_image:
            media.preview.name = store_image(self.preview_image, default_storage, "moment-media")
        if media.position == 0:
            media.position = self.milestone.media.count() + 1
        if commit:
            media.save()
            self.save_subtitles(media)
        return media

    def save_subtitles(self, media):
        subtitles = self.cleaned_data.get("subtitles")
        if subtitles:
            language = self.cleaned_data["subtitles_language"]
            MomentSubtitles.put(media, language=language, upload=subtitles)
