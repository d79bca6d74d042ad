"""Safe uploads: size limits, type from content (never the name), images re-encoded.

Every image is decoded and encoded again with Pillow: what comes out carries no
metadata at all (EXIF with GPS position, XMP, IPTC, comments), is turned upright,
and is at most MAX_SIDE pixels wide or high, with smaller copies for phones.
"""

import io
import secrets
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename, slugify
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from carnet.lib.diskspace import check_room_for

MAX_IMAGE_BYTES = 15 * 1024 * 1024
MAX_DOCUMENT_BYTES = 40 * 1024 * 1024
MAX_PIXELS = 60_000_000  # refuse decompression bombs before decoding them
MAX_SIDE = 1600
VARIANT_WIDTHS = (480, 960)

IMAGE_KINDS = {"jpeg", "png", "gif", "webp"}
DOCUMENT_KINDS = {"pdf", "docx", "odt", "txt"}

# What each kind is called in messages and which extension the stored file gets.
EXTENSIONS = {
    "jpeg": "jpg",
    "png": "png",
    "gif": "gif",
    "webp": "webp",
    "pdf": "pdf",
    "docx": "docx",
    "odt": "odt",
    "txt": "txt",
    "xlsx": "xlsx",
}


class UploadRefused(ValidationError):
    pass


def sniff(head, read_all=None):
    """The kind of a file from its first bytes (and, for zip files, its members)."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04") and read_all is not None:
        try:
            with zipfile.ZipFile(io.BytesIO(read_all())) as archive:
                names = set(archive.namelist())
                if "word/document.xml" in names:
                    return "docx"
                if "xl/workbook.xml" in names:
                    return "xlsx"
                if "mimetype" in names:
                    mimetype = archive.read("mimetype").strip()
                    if mimetype == b"application/vnd.oasis.opendocument.text":
                        return "odt"
        except zipfile.BadZipFile:
            return None
        return None
    if head and b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # not just a character cut at the end
                return None
        return "txt"
    return None


def kind_of(uploaded):
    uploaded.seek(0)
    head = uploaded.read(4096)
    uploaded.seek(0)

    def read_all():
        uploaded.seek(0)
        data = uploaded.read()
        uploaded.seek(0)
        return data

    return sniff(head, read_all)


def _check_size(uploaded, limit):
    if uploaded.size > limit:
        raise UploadRefused(
            _("The file is too big (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            code="too_big",
        )
    if uploaded.size == 0:
        raise UploadRefused(_("The file is empty."), code="empty")
    check_room_for(uploaded.size)  # the media quota and the free-space floor


def _names(kinds):
    return ", ".join(sorted(EXTENSIONS[k].upper() for k in kinds))


def safe_name(original, extension):
    stem = slugify(PurePath(original or "file").stem)[:60] or "file"
    return get_valid_filename(f"{stem}.{extension}")


@dataclass
class CleanImage:
    content: ContentFile
    width: int
    height: int
    variants: dict = field(default_factory=dict)  # width -> ContentFile


def _encode(image, kind):
    buffer = io.BytesIO()
    if kind == "png":
        image.save(buffer, "PNG", optimize=True)
    else:
        image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()


def _too_many_pixels(width, height):
    return UploadRefused(
        _("The image is too large (%(w)s × %(h)s pixels).") % {"w": width, "h": height},
        code="too_many_pixels",
    )


def clean_image(uploaded, *, max_bytes=MAX_IMAGE_BYTES):
    """Check and re-encode an uploaded image. Raises UploadRefused with a clear message."""
    _check_size(uploaded, max_bytes)
    kind = kind_of(uploaded)
    if kind not in IMAGE_KINDS:
        raise UploadRefused(
            _("This file is not an image we accept (%(kinds)s).") % {"kinds": _names(IMAGE_KINDS)},
            code="wrong_type",
        )
    try:
        uploaded.seek(0)
        with Image.open(uploaded) as probe:
            if probe.width * probe.height > MAX_PIXELS:
                raise _too_many_pixels(probe.width, probe.height)
            probe.verify()
        uploaded.seek(0)
        with Image.open(uploaded) as original:
            original.load()
            image = ImageOps.exif_transpose(original)
    except UploadRefused:
        raise
    except Image.DecompressionBombError:
        # Pillow refuses to open images of more than twice its own pixel limit.
        raise UploadRefused(
            _("The image has too many pixels to be opened safely."), code="too_many_pixels"
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise UploadRefused(
            _("The image is damaged or incomplete and cannot be read."), code="corrupt"
        ) from None
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    out_kind = "png" if has_alpha else "jpeg"
    # A new image holds pixels only: no EXIF, XMP, ICC comments or text chunks survive.
    pixels = image.convert("RGBA" if has_alpha else "RGB")
    clean = Image.new(pixels.mode, pixels.size)
    clean.paste(pixels)
    clean.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    name = safe_name(getattr(uploaded, "name", "image"), EXTENSIONS[out_kind])
    variants = {}
    for width in VARIANT_WIDTHS:
        if clean.width > width:
            copy = clean.copy()
            copy.thumbnail((width, MAX_SIDE), Image.Resampling.LANCZOS)
            variants[width] = ContentFile(_encode(copy, out_kind), name=name)
    return CleanImage(
        content=ContentFile(_encode(clean, out_kind), name=name),
        width=clean.width,
        height=clean.height,
        variants=variants,
    )


def check_document(uploaded, *, kinds=DOCUMENT_KINDS, max_bytes=MAX_DOCUMENT_BYTES):
    """Check a document's size and type from its content; return its kind.

    Images among the accepted kinds are re-encoded by the caller with clean_image().
    """
    _check_size(uploaded, max_bytes)
    kind = kind_of(uploaded)
    if kind not in kinds:
        raise UploadRefused(
            _("This file's content is not one we accept (%(kinds)s).") % {"kinds": _names(kinds)},
            code="wrong_type",
        )
    return kind


def random_path(directory, name):
    """directory/<random>/name: an address nobody can guess."""
    return f"{directory}/{secrets.token_urlsafe(12)}/{name}"


def variant_name(name, width):
    path = PurePath(name)
    return str(path.with_name(f"{path.stem}-{width}w{path.suffix}"))


def store_image(clean, storage, directory):
    """Save a CleanImage and its variants; return the stored name of the main image."""
    name = storage.save(random_path(directory, clean.content.name), clean.content)
    for width, content in clean.variants.items():
        storage.save(variant_name(name, width), content)
    return name
