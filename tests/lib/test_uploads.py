import io
import struct
import zipfile
import zlib

import docx
import openpyxl
import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, PngImagePlugin

from carnet.lib.uploads import (
    MAX_SIDE,
    UploadRefused,
    check_document,
    clean_image,
    store_image,
    variant_name,
)


def upload(data, name="file.bin"):
    return SimpleUploadedFile(name, data)


def jpeg_with_gps(size=(800, 600), orientation=None):
    image = Image.new("RGB", size, "#3366aa")
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.ImageDescription] = "Ana Leka at the shelter"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (41.0, 19.0, 48.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (19.0, 49.0, 12.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, comment=b"secret comment")
    return buffer.getvalue()


def png_bytes(mode="RGBA", size=(300, 200), text=None):
    image = Image.new(mode, size, (10, 200, 30, 128) if mode == "RGBA" else (10, 200, 30))
    info = PngImagePlugin.PngInfo()
    for key, value in (text or {}).items():
        info.add_text(key, value)
        info.add_itxt(key + "-i", value)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def png_header_only(width, height):
    """A PNG that claims width x height pixels and holds almost nothing."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def test_jpeg_with_gps_comes_out_with_no_metadata_at_all():
    original = jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as before:
        assert before.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the input does carry GPS
    clean = clean_image(upload(original, "IMG_0001.JPG"))
    data = clean.content.read()
    assert b"Exif" not in data
    assert b"PhoneMaker" not in data and b"Ana Leka" not in data
    assert b"secret comment" not in data
    with Image.open(io.BytesIO(data)) as after:
        assert after.format == "JPEG"
        assert dict(after.getexif()) == {}
        assert after.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
        assert "exif" not in after.info and "comment" not in after.info
        assert "icc_profile" not in after.info
    assert clean.content.name == "img_0001.jpg"


def test_jpeg_is_turned_upright_by_its_orientation_before_stripping():
    clean = clean_image(upload(jpeg_with_gps(size=(400, 200), orientation=6), "p.jpg"))
    assert (clean.width, clean.height) == (200, 400)


def test_png_text_chunks_are_stripped_and_transparency_kept():
    original = png_bytes(text={"Author": "Ana Leka", "Location": "41.33, 19.82"})
    assert b"Ana Leka" in original
    data = clean_image(upload(original, "logo.png")).content.read()
    assert b"Ana Leka" not in data and b"41.33" not in data
    assert b"tEXt" not in data and b"iTXt" not in data and b"zTXt" not in data
    with Image.open(io.BytesIO(data)) as after:
        assert (after.format, after.mode) == ("PNG", "RGBA")
        assert after.text == {}


def test_opaque_png_is_stored_as_jpeg():
    clean = clean_image(upload(png_bytes(mode="RGB"), "photo.png"))
    assert clean.content.name == "photo.jpg"
    assert clean.content.read()[:3] == b"\xff\xd8\xff"


def test_large_images_are_resized_with_smaller_copies(tmp_path):
    buffer = io.BytesIO()
    Image.new("RGB", (3200, 1600), "white").save(buffer, "JPEG")
    clean = clean_image(upload(buffer.getvalue(), "wide.jpg"))
    assert (clean.width, clean.height) == (MAX_SIDE, 800)
    assert sorted(clean.variants) == [480, 960]
    storage = FileSystemStorage(location=tmp_path)
    name = store_image(clean, storage, "photos")
    assert name.startswith("photos/") and name.endswith("/wide.jpg")
    assert len(name.split("/")[1]) == 16  # the random part
    with storage.open(variant_name(name, 480)) as small, Image.open(small) as image:
        assert image.size == (480, 240)


def test_too_big_file_is_refused_with_its_size():
    with pytest.raises(UploadRefused) as refusal:
        clean_image(upload(jpeg_with_gps(), "a.jpg"), max_bytes=1000)
    assert refusal.value.code == "too_big"
    assert refusal.value.messages[0].startswith("The file is too big (")
    assert refusal.value.messages[0].endswith("; the limit is 1000\xa0bytes.")


def test_empty_file_is_refused():
    with pytest.raises(UploadRefused) as refusal:
        clean_image(upload(b"", "a.jpg"))
    assert refusal.value.messages == ["The file is empty."]


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "holiday.jpg"),
        (b"<html><script>alert(1)</script></html>", "image.png"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "x.svg"),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", "photo.gif"),
    ],
)
def test_wrong_type_is_refused_whatever_the_name_says(data, name):
    with pytest.raises(UploadRefused) as refusal:
        clean_image(upload(data, name))
    assert refusal.value.code == "wrong_type"
    assert refusal.value.messages == ["This file is not an image we accept (GIF, JPG, PNG, WEBP)."]


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xd8\xff\xe0" + b"\x00garbage" * 50,
        png_bytes()[:60],
        b"GIF89a" + b"\x00" * 5,
    ],
    ids=["jpeg-garbage", "png-truncated", "gif-header-only"],
)
def test_corrupt_image_is_refused(data):
    with pytest.raises(UploadRefused) as refusal:
        clean_image(upload(data, "broken.jpg"))
    assert refusal.value.code == "corrupt"
    assert refusal.value.messages == ["The image is damaged or incomplete and cannot be read."]


def test_decompression_bomb_is_refused_before_decoding():
    with pytest.raises(UploadRefused) as refusal:
        clean_image(upload(png_header_only(10_000, 7_000), "bomb.png"))
    assert refusal.value.code == "too_many_pixels"
    assert refusal.value.messages == ["The image is too large (10000 × 7000 pixels)."]


def test_huge_decompression_bomb_is_refused_too():
    with pytest.raises(UploadRefused) as refusal:
        clean_image(upload(png_header_only(100_000, 100_000), "bomb.png"))
    assert refusal.value.code == "too_many_pixels"
    assert refusal.value.messages == ["The image has too many pixels to be opened safely."]


def docx_bytes():
    document = docx.Document()
    document.add_paragraph("Good practice")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes():
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


def zip_bytes(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "report.docx", "pdf"),
        (docx_bytes(), "sheet.pdf", "docx"),
        (
            zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": ""}),
            "notes.odt",
            "odt",
        ),
        ("Notes de l’entretien, été 2019\n".encode(), "notes.pdf", "txt"),
    ],
)
def test_document_kind_comes_from_the_content(data, name, kind):
    assert check_document(upload(data, name)) == kind


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (xlsx_bytes(), "sheet.docx"),
        (zip_bytes({"evil.exe": "MZ"}), "report.docx"),
        (b"PK\x03\x04not really a zip", "report.docx"),
        (b"MZ\x90\x00\x03\x00\x00\x00", "report.pdf"),
        (b"\x00\x01\x02\x03binary", "notes.txt"),
    ],
)
def test_other_documents_are_refused(data, name):
    with pytest.raises(UploadRefused) as refusal:
        check_document(upload(data, name))
    assert refusal.value.code == "wrong_type"
    assert refusal.value.messages == [
        "This file's content is not one we accept (DOCX, ODT, PDF, TXT)."
    ]


def test_spreadsheets_are_accepted_where_asked_for():
    assert check_document(upload(xlsx_bytes(), "x.bin"), kinds={"xlsx"}) == "xlsx"
