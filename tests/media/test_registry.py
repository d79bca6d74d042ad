"""Every stored file belongs to an object whose rules decide who reads it."""

import pytest
from django.apps import apps
from django.db import models

from carnet.media import registry


def file_fields():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                yield model, field


def test_every_file_field_of_every_model_is_registered_with_its_rule():
    unregistered = [
        f"{model._meta.label}.{field.name}"
        for model, field in file_fields()
        if not registry.is_registered(model, field.name)
    ]
    assert unregistered == [], "FileFields the media view would never serve: register them"
    assert len(list(file_fields())) == len(registry.KINDS) == 14


def test_each_registered_field_names_the_folder_its_files_land_in():
    assert {kind.key: kind.folder for kind in registry.KINDS.values()} == {
        "networks.Organisation.logo": "logos",
        "networks.Network.logo": "network-logos",
        "library.Document.file": "documents",
        "capitalisation.Video.file": "videos",
        "capitalisation.VideoSubtitles.file": "subtitles",
        "timeline.Milestone.image": "timeline",
        "timeline.MomentMedia.file": "moment-media",
        "timeline.MomentMedia.poster": "moment-media",
        "timeline.MomentMedia.preview": "moment-media",
        "timeline.MomentSubtitles.file": "moment-media",
        "practices.SheetPhoto.image": "sheets",
        "reports.ReportVersion.pdf": "reports",
        "reports.ReportVersion.docx": "reports",
        "downloads.Download.file": "downloads",
    }


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("documents/abc/file.pdf", "documents/abc/file.pdf"),
        ("../etc/passwd", None),
        ("documents/../../etc/passwd", None),
        ("documents/./x.pdf", None),
        ("documents//x.pdf", None),
        ("/etc/passwd", None),
        ("documents\\..\\x", None),
        ("documents/x\x00.pdf", None),
        ("secret_key", None),
    ],
)
def test_only_plain_relative_names_are_looked_up(path, expected):
    assert registry.clean_name(path) == expected
