"""Size limits of `carnet archive import` (zip bombs): refused before anything is imported."""

import json
import os
import struct
import zipfile

import pytest

from carnet.archive.schema import FORMAT
from carnet.lib import zipguard

from .test_archive import refused

DOCUMENT = json.dumps(
    {"format": FORMAT, "schema_version": 1, "network": "bomb", "models": [], "files": {}}
)
MB = 1024 * 1024


def make_zip(path, members, *, compression=zipfile.ZIP_DEFLATED):
    """A zip holding archive.json (a valid, empty document unless given) and `members`."""
    members = {"archive.json": DOCUMENT, **members}
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return path


def lie_about_size(path, name, size):
    """Make the zip declare `size` bytes for member `name`, in its local header and its
    central directory, whatever it really holds."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        local = archive.getinfo(name).header_offset
        central = archive.start_dir
    assert data[local : local + 4] == b"PK\x03\x04"
    struct.pack_into("<I", data, local + 22, size)
    while data[central : central + 4] == b"PK\x01\x02":
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", data, central + 28)
        if data[central + 46 : central + 46 + name_length].decode() == name:
            struct.pack_into("<I", data, central + 24, size)
            break
        central += 46 + name_length + extra_length + comment_length
    else:
        raise AssertionError(f"{name} not in the central directory")
    path.write_bytes(data)
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo(name).file_size == size
    return path


def test_an_archive_larger_than_the_limit_is_refused(db, tmp_path, settings):
    settings.ARCHIVE_MAX_MB = 1
    path = make_zip(
        tmp_path / "big.zip",
        {"files/a.bin": os.urandom(600 * 1024), "files/b.bin": os.urandom(600 * 1024)},
    )
    assert refused(path) == (
        f"{path}: with files/b.bin, the archive is larger than 1.0\xa0MB once uncompressed, "
        "the most this Carnet imports (CARNET_ARCHIVE_MAX_MB): refused"
    )


def test_a_member_with_an_absurd_compression_ratio_is_refused(db, tmp_path):
    path = make_zip(tmp_path / "bomb.zip", {"files/zeros.bin": bytes(20 * MB)})
    message = refused(path)
    assert message.startswith(f"{path}: files/zeros.bin expands ")
    assert message.endswith(
        " times once uncompressed, more than the 200 times this Carnet accepts "
        "(CARNET_ARCHIVE_MAX_RATIO): refused"
    )


def test_small_members_may_compress_well(db, tmp_path):
    """Below 1 MiB the ratio is not checked: the archive goes on to the next checks."""
    path = make_zip(tmp_path / "small.zip", {"files/zeros.bin": bytes(MB)})
    assert refused(path) == "The archive holds no network"


def test_archive_json_larger_than_its_limit_is_refused(db, tmp_path, settings):
    settings.ARCHIVE_MAX_DATA_MB = 1
    padded = DOCUMENT[:-1] + ', "padding": "' + os.urandom(MB).hex() + '"}'
    path = make_zip(tmp_path / "data.zip", {"archive.json": padded})
    assert refused(path) == (
        f"{path}: archive.json is larger than 1.0\xa0MB once uncompressed, the most this "
        "Carnet reads (CARNET_ARCHIVE_MAX_DATA_MB): refused"
    )


def test_too_many_members_are_refused(db, tmp_path, settings):
    settings.ARCHIVE_MAX_MEMBERS = 5
    path = make_zip(tmp_path / "many.zip", {f"files/{n}.txt": "x" for n in range(5)})
    assert refused(path) == (
        f"{path} holds 6 files, more than the 5 this Carnet imports "
        "(CARNET_ARCHIVE_MAX_MEMBERS): refused"
    )


def test_files_that_would_fill_the_media_disk_are_refused(db, tmp_path, settings):
    settings.MEDIA_MIN_FREE_MB = 1024 * 1024 * 1024  # a petabyte: never free
    path = make_zip(tmp_path / "files.zip", {"files/a.bin": os.urandom(2 * MB)})
    assert refused(path) == (
        f"{path}: its files (2.0\xa0MB) would leave less than 1.0\xa0PB free on the media disk "
        "(CARNET_MEDIA_MIN_FREE_MB): nothing imported"
    )


def test_files_past_the_media_quota_are_refused(db, tmp_path, settings):
    settings.MEDIA_QUOTA_MB = 1
    path = make_zip(tmp_path / "files.zip", {"files/a.bin": os.urandom(2 * MB)})
    assert refused(path) == (
        f"{path}: its files (2.0\xa0MB) do not fit in the space left for files on this site "
        "(CARNET_MEDIA_QUOTA_MB, 1.0\xa0MB): nothing imported"
    )


def test_a_member_declaring_a_small_size_but_inflating_past_the_limit_is_refused(
    db, tmp_path, settings
):
    settings.ARCHIVE_MAX_MB = 1
    path = make_zip(tmp_path / "liar.zip", {"files/liar.bin": bytes(3 * MB)})
    lie_about_size(path, "files/liar.bin", 1000)
    # The directory's sizes pass every limit; reading stops at the declared size (nothing
    # past it is ever produced) and the checksum then refuses the member.
    assert refused(path) == f"{path} is damaged: files/liar.bin does not match its checksum"


@pytest.mark.parametrize(
    ("content", "max_mb", "expected", "most_read"),
    [
        (os.urandom(2 * MB), 1, "the archive is larger than 1.0\xa0MB once uncompressed", MB),
        (bytes(20 * MB), 20 * 1024, "files/big.bin expands ", 5 * MB),
    ],
    ids=["total", "ratio"],
)
def test_the_bytes_read_are_counted_whatever_the_directory_says(
    db, tmp_path, settings, monkeypatch, content, max_mb, expected, most_read
):
    """With the directory's check left out (as if its sizes lied), reading stops at the
    limit."""
    settings.ARCHIVE_MAX_MB = max_mb
    monkeypatch.setattr(zipguard, "check_directory", lambda *args: None)
    read = []
    real_stream = zipguard.stream

    def counting(*args, **kwargs):
        for chunk in real_stream(*args, **kwargs):
            read.append(len(chunk))
            yield chunk

    monkeypatch.setattr(zipguard, "stream", counting)
    path = make_zip(tmp_path / "streamed.zip", {"files/big.bin": content})
    assert expected in refused(path)
    assert sum(read) <= most_read  # stopped at the limit, long before the end


def set_header_field(path, name, *, flag_bits=0, method=None):
    """Set general-purpose flag bits (bit 0: encrypted) or the compression method of member
    `name`, in its local header and its central directory."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        local = archive.getinfo(name).header_offset
        central = archive.start_dir
    offsets = [(local, 6, 8)]
    while data[central : central + 4] == b"PK\x01\x02":
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", data, central + 28)
        if data[central + 46 : central + 46 + name_length].decode() == name:
            offsets.append((central, 8, 10))
        central += 46 + name_length + extra_length + comment_length
    for start, flags_at, method_at in offsets:
        (flags,) = struct.unpack_from("<H", data, start + flags_at)
        struct.pack_into("<H", data, start + flags_at, flags | flag_bits)
        if method is not None:
            struct.pack_into("<H", data, start + method_at, method)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "change", [{"flag_bits": 0x1}, {"method": 99}], ids=["encrypted", "unknown-compression"]
)
def test_an_encrypted_or_oddly_compressed_member_gets_one_line(db, tmp_path, change):
    path = make_zip(tmp_path / "odd.zip", {"files/a.bin": b"some bytes"})
    set_header_field(path, "files/a.bin", **change)
    assert refused(path) == (
        f"{path} cannot be read: files/a.bin is encrypted or compressed in an unknown way"
    )
