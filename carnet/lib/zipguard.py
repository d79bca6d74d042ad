"""Zip files checked before anything parses them: DOCX, ODT and XLSX files are zips, and so
are Carnet's network archives. A zip's directory can lie, and a 1 MB zip can expand to 1 GB.

check() refuses a zip, before any parser (python-docx, ElementTree, openpyxl) sees it, when

1. its directory declares too many members, a member or a total larger than the limits, or a
   member that expands more than `ratio` times (a zip bomb); then
2. the bytes actually read pass those limits: every member is decompressed once, chunk by
   chunk, counted, and reading stops as soon as a limit is passed (its checksum is verified
   on the way). Nothing is held in memory but one chunk.

ZipRefused says which limit, on which member; callers word it for their readers (a form
error, a command's one line).
"""

import zipfile
import zlib
from dataclasses import dataclass, field

from django.conf import settings

CHUNK = 1024 * 1024
MB = 1024 * 1024
RATIO_FROM = MB  # members smaller than this may compress as well as they like
DOCUMENT_MEMBERS = 10_000  # a long Word document holds a few hundred parts


class ZipRefused(Exception):
    """reason: "not_zip", "members", "member", "ratio", "total", "damaged" or "encrypted";
    name: the member concerned; found and limit: numbers (bytes, times or members)."""

    def __init__(self, reason, *, name="", found=0, limit=0):
        self.reason, self.name, self.found, self.limit = reason, name, found, limit
        super().__init__(f"{reason}: {name[:80]} ({found} > {limit})" if name else reason)


@dataclass(frozen=True)
class Limits:
    total: int  # bytes: every member, uncompressed
    ratio: int  # times a member larger than RATIO_FROM may expand
    members: int  # how many members
    caps: dict = field(default_factory=dict)  # member name -> bytes, for members read in memory

    @classmethod
    def for_documents(cls):
        """For office documents (CARNET_DOCUMENT_MAX_UNZIPPED_MB, CARNET_DOCUMENT_MAX_RATIO)."""
        return cls(
            total=settings.DOCUMENT_MAX_UNZIPPED_MB * MB,
            ratio=settings.DOCUMENT_MAX_RATIO,
            members=DOCUMENT_MEMBERS,
        )

    def check_member(self, info, size):
        """Refuse the member once `size` bytes of it (declared or read) pass a limit."""
        cap = self.caps.get(info.filename)
        if cap is not None and size > cap:
            raise ZipRefused("member", name=info.filename, found=size, limit=cap)
        if size > RATIO_FROM and size > self.ratio * max(info.compress_size, 1):
            found = size // max(info.compress_size, 1)
            raise ZipRefused("ratio", name=info.filename, found=found, limit=self.ratio)

    def check_total(self, info, total):
        """Refuse once `total` bytes (up to and with this member) pass the limit."""
        if total > self.total:
            raise ZipRefused("total", name=info.filename, found=total, limit=self.total)


def check_directory(archive, limits):
    """Check the sizes the zip's directory declares, before reading any member."""
    infos = archive.infolist()
    if len(infos) > limits.members:
        raise ZipRefused("members", found=len(infos), limit=limits.members)
    total = 0
    for info in infos:
        limits.check_member(info, info.file_size)
        total += info.file_size
        limits.check_total(info, total)


def stream(archive, info, limits, *, before=0):
    """A member's bytes, chunk by chunk, refused as soon as they pass a limit: the bytes read
    are counted, whatever the directory says. `before`: bytes of the zip read before this
    member, for the limit on the whole."""
    size = 0
    try:
        with archive.open(info) as source:
            while chunk := source.read(CHUNK):
                size += len(chunk)
                limits.check_member(info, size)
                limits.check_total(info, before + size)
                yield chunk
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
        raise ZipRefused("damaged", name=info.filename) from None
    except (RuntimeError, NotImplementedError):  # encrypted, or an unknown compression
        raise ZipRefused("encrypted", name=info.filename) from None


def verify(archive, limits):
    """Read every member once (checksums), counting the bytes; return the total read."""
    total = 0
    for info in archive.infolist():
        if info.is_dir():
            continue
        for chunk in stream(archive, info, limits, before=total):
            total += len(chunk)
    return total


def open_checked(file, limits):
    """The open ZipFile of `file` (a path or a binary file object), once its directory and
    its bytes are within `limits`. Raises ZipRefused."""
    if hasattr(file, "seek"):
        file.seek(0)
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        raise ZipRefused("not_zip") from None
    try:
        check_directory(archive, limits)
        verify(archive, limits)
    except BaseException:
        archive.close()
        raise
    return archive


def check(file, limits=None):
    """Refuse `file` (a path or a binary file object) unless it is a zip within `limits`
    (those of office documents by default). Raises ZipRefused."""
    open_checked(file, limits or Limits.for_documents()).close()
    if hasattr(file, "seek"):
        file.seek(0)
