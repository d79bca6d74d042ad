"""Check a WebVTT subtitles file: UTF-8, the WEBVTT signature, well-formed cue timings; the
form that adds subtitles in one language, and the <track> elements of a player."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from carnet.lib.languages import local_name, own_name

MAX_BYTES = 2 * 1024 * 1024
TIMING = re.compile(
    r"^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3}) --> (?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
    r"(?:[ \t].*)?$"
)


def _seconds(hours, minutes, seconds, millis):
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def check_webvtt(data):
    """Return the number of cues; raise ValidationError with a clear message."""
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The subtitles file is too big."), code="too_big")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _("The subtitles file must be UTF-8 text."), code="encoding"
        ) from None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or not (lines[0] == "WEBVTT" or lines[0].startswith(("WEBVTT ", "WEBVTT\t"))):
        raise ValidationError(
            _("This is not a WebVTT file: it must start with “WEBVTT”."), code="signature"
        )
    cues = 0
    for number, line in enumerate(lines, start=1):
        if "-->" not in line:
            continue
        match = TIMING.match(line.strip())
        if not match:
            raise ValidationError(
                _("Line %(line)d: the cue timing is not valid.") % {"line": number},
                code="timing",
            )
        groups = match.groups()
        if _seconds(*groups[4:]) < _seconds(*groups[:4]):
            raise ValidationError(
                _("Line %(line)d: the cue ends before it starts.") % {"line": number},
                code="timing",
            )
        cues += 1
    if cues == 0:
        raise ValidationError(_("The subtitles file has no cue."), code="empty")
    return cues


class SubtitlesForm(forms.Form):
    """Subtitles in one more language for a sound or a video: the language among the
    network's content languages (named in itself), and the WebVTT file, parsed before
    anything is saved. In a language that has subtitles already, they are replaced."""

    language = forms.ChoiceField(label=gettext_lazy("Language of the subtitles"))
    file = forms.FileField(
        label=gettext_lazy("Subtitles (WebVTT)"),
        help_text=gettext_lazy("A .vtt file; it is checked before anything is saved."),
    )

    def __init__(self, *args, languages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(code, own_name(code)) for code in languages]

    def clean_file(self):
        return checked_upload(self.cleaned_data["file"])


def checked_upload(upload):
    """An uploaded subtitles file, parsed (ValidationError with a clear message otherwise)."""
    upload.seek(0)
    check_webvtt(upload.read())
    upload.seek(0)
    return upload


def player_tracks(tracks, *languages):
    """One <track> a language, for a player: [{"url", "name", "language", "label",
    "default"}], labelled in their own language. The default is the first of `languages`
    (the reader's, in order of preference) that has a track, else the first track: readers
    see subtitles without looking for them."""
    shown = [
        {
            "url": track.file.url,
            "name": track.file.name,
            "language": track.language,
            "label": local_name(track.language),
            "default": False,
        }
        for track in tracks
        if track.file
    ]
    for language in [code for code in languages if code]:
        base = language.split("-")[0]
        mine = [t for t in shown if t["language"] == language] or [
            t for t in shown if t["language"].split("-")[0] == base
        ]
        if mine:
            mine[0]["default"] = True
            return shown
    if shown:
        shown[0]["default"] = True
    return shown
