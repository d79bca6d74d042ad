"""Safe uploads: size limits, type from content (never the name), images re-encoded.

Every image is decoded and encoded again with Pillow: what comes out carries no
metadata at all (EXIF with GPS position, XMP, IPTC, comments), is turned upright,
and is at most MAX_SIDE pixels wide or high, with smaller copies for phones.
"""

import io
import secrets
from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename, slugify
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from carnet.lib import zipguard
from carnet.lib.diskspace import check_room_for

MAX_IMAGE_BYTES = 15 * 1024 * 1024
MAX_DOCUMENT_BYTES = 40 * 1024 * 1024
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


def sniff(head):
    """The kind of a file from its first bytes ("zip" for any zip: see office_kind)."""
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
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head and b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # not just a character cut at the end
                return None
        return "txt"
    return None


def zip_refusal(exc):
    """An UploadRefused saying, for people, why zipguard refused a document."""
    if exc.reason in ("damaged", "encrypted"):
        return UploadRefused(
            _("The file is damaged or encrypted and cannot be read."), code="corrupt"
        )
    if exc.reason == "members":
        message = _("The file holds %(found)s parts, more than the %(limit)s Carnet reads.")
    elif exc.reason == "ratio":
        message = _(
            "The file expands %(found)s times once uncompressed, more than the %(limit)s "
            "times Carnet accepts: it may be a “zip bomb”."
        )
    else:
        message = _(
            "The file is larger than %(limit)s once uncompressed, the most Carnet reads: it "
            "may be a “zip bomb”."
        )
    limit = filesizeformat(exc.limit) if exc.reason in ("total", "member") else exc.limit
    return UploadRefused(message % {"found": exc.found, "limit": limit}, code="zip_bomb")


def office_kind(uploaded):
    """docx, xlsx or odt (or None) for a zip, once zipguard has checked all of it: its
    declared and its real sizes. Raises UploadRefused for a zip bomb or a damaged zip."""
    try:
        with zipguard.open_checked(uploaded, zipguard.Limits.for_documents()) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    mimetype = member.read(100).strip()
                if mimetype == b"application/vnd.oasis.opendocument.text":
                    return "odt"
        return None
    except zipguard.ZipRefused as exc:
        if exc.reason == "not_zip":
            return None  # a file that starts like a zip but is none: of no kind we accept
        raise zip_refusal(exc) from None
    finally:
        uploaded.seek(0)


def kind_of(uploaded):
    uploaded.seek(0)
    head = uploaded.read(4096)
    uploaded.seek(0)
    kind = sniff(head)
    return office_kind(uploaded) if kind == "zip" else kind


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


def decoded_bytes(image):
    """The memory Pillow takes to hold `image` decoded, and as RGB(A) when it must be
    converted: width × height × bytes per pixel (Pillow keeps 3 or 4 bands in 4 bytes)."""
    mode = image.mode
    per_pixel = 1 if mode in ("1", "L", "P") else 2 if mode.startswith("I;16") else 4
    if mode not in ("RGB", "RGBA"):
        per_pixel += 4
    return image.width * image.height * per_pixel


def check_image_cost(image):
    """Refuse an opened image, before its pixels are decoded, when it has more pixels than
    CARNET_IMAGE_MAX_MEGAPIXELS or would take more than CARNET_IMAGE_MAX_DECODED_MB."""
    if image.width * image.height > settings.IMAGE_MAX_MEGAPIXELS * 1_000_000:
        raise _too_many_pixels(image.width, image.height)
    if decoded_bytes(image) > settings.IMAGE_MAX_DECODED_MB * 1024 * 1024:
        raise UploadRefused(
            _(
                "The image would take more than %(limit)s of memory once decoded (%(w)s × "
                "%(h)s pixels): it may be a “decompression bomb”. Send a smaller image."
            )
            % {
                "limit": filesizeformat(settings.IMAGE_MAX_DECODED_MB * 1024 * 1024),
                "w": image.width,
                "h": image.height,
            },
            code="too_many_pixels",
        )


def _decode(uploaded):
    """The image of an upload, decoded at most at the size we keep: a JPEG is decoded at
    1/2, 1/4 or 1/8 of its size when that is enough (draft). Its cost is checked before any
    pixel is decoded."""
    uploaded.seek(0)
    with Image.open(uploaded) as probe:
        check_image_cost(probe)
        probe.verify()
    uploaded.seek(0)
    with Image.open(uploaded) as original:
        scale = max(original.width, original.height) / MAX_SIDE
        if scale > 1:  # a JPEG decodes at the smallest scale still covering the size kept
            original.draft(None, (int(original.width / scale), int(original.height / scale)))
        check_image_cost(original)
        alpha = has_alpha(original)
        image = original
        if image.mode not in ("RGB", "RGBA"):  # palette or grey: resized well only as RGB(A)
            image = original.convert("RGBA" if alpha else "RGB")
        # Down to the largest size kept before anything else: one full-size copy at most.
        image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
        return ImageOps.exif_transpose(image), alpha


def has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
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
        image, alpha = _decode(uploaded)
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
    out_kind = "png" if alpha else "jpeg"
    # A new image holds pixels only: no EXIF, XMP, ICC comments or text chunks survive.
    pixels = image.convert("RGBA" if alpha else "RGB")
    clean = Image.new(pixels.mode, pixels.size)
    clean.paste(pixels)
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


# ------------------------------------------------------------------ sound and moving images

MAX_AUDIO_BYTES = 100 * 1024 * 1024
MAX_VIDEO_BYTES = 500 * 1024 * 1024
AUDIO_KINDS = {"mp3", "ogg", "wav", "flac", "m4a"}
VIDEO_KINDS = {"mp4", "webm", "ogv"}
PLAYER_EXTENSIONS = {
    "mp3": "mp3",
    "ogg": "ogg",
    "wav": "wav",
    "flac": "flac",
    "m4a": "m4a",
    "mp4": "mp4",
    "webm": "webm",
    "ogv": "ogv",
}


def sniff_player(head, *, video=False):
    """The kind of a sound or video file from its first bytes, or None.

    An Ogg file is "ogv" when asked for a video (Theora and Vorbis share the container).
    """
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head.startswith(b"fLaC"):
        return "flac"
    if head.startswith(b"OggS"):
        return "ogv" if video else "ogg"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"
    if head[4:8] == b"ftyp":
        return "m4a" if head[8:12] in (b"M4A ", b"M4B ") else "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    return None


def check_player_file(uploaded, *, video=False):
    """Check a sound (or, video=True, a video) file's size and type from its content; return
    its kind ("mp3", "webm"…). Raises UploadRefused with a clear message."""
    kinds, limit = (VIDEO_KINDS, MAX_VIDEO_BYTES) if video else (AUDIO_KINDS, MAX_AUDIO_BYTES)
    _check_size(uploaded, limit)
    uploaded.seek(0)
    head = uploaded.read(32)
    uploaded.seek(0)
    kind = sniff_player(head, video=video)
    if video and kind == "m4a":
        kind = None
    if not video and kind == "mp4":
        kind = "m4a"  # an MP4 container holding sound only is played by <audio> alike
    if kind not in kinds:
        names = ", ".join(sorted(PLAYER_EXTENSIONS[k].upper() for k in kinds))
        message = (
            _("This file is not a video we accept (%(kinds)s).")
            if video
            else _("This file is not a sound file we accept (%(kinds)s).")
        )
        raise UploadRefused(message % {"kinds": names}, code="wrong_type")
    return kind
