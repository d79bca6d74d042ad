import pytest
from django.core.exceptions import ValidationError

from carnet.lib.webvtt import check_webvtt

GOOD = (
    b"WEBVTT\n\n00:00.000 --> 00:02.500\nHello\n\n00:01:02.000 --> 00:01:04.000 align:start\nBye\n"
)


def test_webvtt_counts_cues():
    assert check_webvtt(GOOD) == 2
    assert check_webvtt(b"\xef\xbb\xbf" + GOOD) == 2


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"1\n00:00:01,000 --> 00:00:02,000\nSRT, not VTT\n", "signature"),
        (b"WEBVTT\n\n00:00.000 --> 00:0x.500\nBad\n", "timing"),
        (b"WEBVTT\n\n00:05.000 --> 00:02.000\nBackwards\n", "timing"),
        (b"WEBVTT\n\nNo cue here\n", "empty"),
        (b"WEBVTT\n\n\xff\xfe", "encoding"),
    ],
)
def test_webvtt_refuses_bad_files(data, code):
    with pytest.raises(ValidationError) as error:
        check_webvtt(data)
    assert error.value.code == code
