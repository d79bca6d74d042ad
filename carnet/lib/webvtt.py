"""Check a WebVTT subtitles file: UTF-8, the WEBVTT signature, well-formed cue timings."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

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
