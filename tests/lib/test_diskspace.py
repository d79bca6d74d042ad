import shutil

import pytest
from django.test import override_settings

from carnet.lib.diskspace import MB, NoRoomForUpload, check_room_for, used_bytes


def fill(folder, name, size):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    return path


def test_used_bytes_counts_every_file_below_the_root(tmp_path):
    fill(tmp_path, "a.bin", 1000)
    fill(tmp_path, "logos/b.bin", 234)
    assert used_bytes(tmp_path) == 1234
    assert used_bytes(tmp_path / "missing") == 0


def test_a_file_that_fits_in_the_quota_passes(tmp_path):
    fill(tmp_path, "sheets/a.pdf", 1 * MB)
    assert check_room_for(1 * MB, root=tmp_path, quota_mb=2, min_free_mb=0) is None


def test_a_full_quota_refuses_with_a_clear_message(tmp_path):
    fill(tmp_path, "sheets/a.pdf", 1 * MB)
    fill(tmp_path, "sheets/b.pdf", MB // 2)
    with pytest.raises(NoRoomForUpload) as refused:
        check_room_for(MB // 2 + 1, root=tmp_path, quota_mb=2, min_free_mb=0)
    assert refused.value.code == "quota"
    assert refused.value.messages == [
        "There is no room for this file (512.0\xa0KB): the space for files on this site "
        "(2.0\xa0MB) has 512.0\xa0KB left. Remove files you no longer need, or ask the "
        "site's administrator for more space."
    ]
    assert check_room_for(MB // 2, root=tmp_path, quota_mb=2, min_free_mb=0) is None


def test_uploads_fill_the_quota_in_media_root_until_the_clear_error(tmp_path):
    media = tmp_path / "media"
    with override_settings(MEDIA_ROOT=media, MEDIA_QUOTA_MB=1, MEDIA_MIN_FREE_MB=0):
        stored = 0
        with pytest.raises(NoRoomForUpload) as refused:
            for number in range(100):
                check_room_for(100 * 1024)
                fill(media, f"uploads/{number}.bin", 100 * 1024)
                stored += 1
    assert stored == 10
    assert "(1.0\xa0MB) has 24.0\xa0KB left." in refused.value.messages[0]
    assert used_bytes(media) == 10 * 100 * 1024


def test_no_quota_means_only_the_disk_floor_counts(tmp_path):
    fill(tmp_path, "a.bin", 3 * MB)
    assert check_room_for(10 * MB, root=tmp_path, quota_mb=0, min_free_mb=0) is None


def test_a_disk_below_the_free_space_floor_refuses(tmp_path):
    free_mb = shutil.disk_usage(tmp_path).free // MB
    with pytest.raises(NoRoomForUpload) as refused:
        check_room_for(1, root=tmp_path, quota_mb=0, min_free_mb=free_mb + 1)
    assert refused.value.code == "disk_full"
    assert refused.value.messages == [
        "The server's disk is almost full, so this file (1\xa0byte) cannot be stored. "
        "Please tell the site's administrator."
    ]


def test_a_media_root_not_created_yet_is_measured_on_its_parent_disk(tmp_path):
    assert check_room_for(1, root=tmp_path / "not" / "yet", quota_mb=1, min_free_mb=0) is None


@override_settings(
    STORAGES={
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": "b", "endpoint_url": "https://s3.example"},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    },
    MEDIA_QUOTA_MB=1,
)
def test_media_on_s3_are_not_checked():
    assert check_room_for(50 * MB) is None


def test_a_negative_quota_means_no_quota(tmp_path):
    fill(tmp_path, "a.bin", 1000)
    assert check_room_for(1000, root=tmp_path, quota_mb=-1, min_free_mb=0) is None


def test_an_upload_over_the_media_quota_is_refused_with_a_clear_message(settings, tmp_path):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from carnet.lib.uploads import check_document

    settings.MEDIA_ROOT = str(tmp_path)
    settings.MEDIA_QUOTA_MB = 1
    (tmp_path / "already.bin").write_bytes(b"x" * 1_000_000)
    upload = SimpleUploadedFile("notes.txt", b"minutes of the meeting\n" * 3000)
    with pytest.raises(ValidationError) as excinfo:
        check_document(upload)
    assert excinfo.value.code == "quota"
