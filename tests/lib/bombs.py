"""Hostile files, built in a streaming way so that the tests (and bench/hostile) stay light:
a 1 GB member of a zip is written 1 MiB at a time and takes about 1 MB on disk."""

import io
import struct
import zipfile
import zlib

import docx

MB = 1024 * 1024
ZEROS = bytes(MB)
SPACES = b" " * MB


def docx_bytes(text="A good practice"):
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_member(archive, name, head, size, filler):
    """Write member `name`: `head`, then `size` bytes of `filler` (1 MiB at a time)."""
    with archive.open(name, "w", force_zip64=True) as member:
        member.write(head)
        left = size
        while left > 0:
            member.write(filler[: min(left, len(filler))])
            left -= len(filler)


def docx_bomb(size, target=None, *, part="word/document.xml"):
    """A real DOCX whose `part` is followed by `size` bytes of spaces once uncompressed
    (whitespace after the root element: still well-formed XML), in `target` (a path) or in
    memory (bytes returned)."""
    sink = target if target is not None else io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx_bytes())) as source,
        zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == part:
                write_member(archive, part, data, size, SPACES)
            else:
                archive.writestr(info.filename, data)
    return sink.getvalue() if target is None else target


def odt_bomb(size):
    """An ODT whose content.xml is followed by `size` bytes of spaces once uncompressed."""
    content = (
        b'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        b"<office:text><text:p>Hello</text:p></office:text></office:body>"
        b"</office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        write_member(archive, "content.xml", content, size, SPACES)
    return buffer.getvalue()


def png_bomb(width, height, *, mode="RGB"):
    """A valid PNG of width × height black pixels (mode "RGB", or "1": one bit a pixel),
    compressed row by row: a 7700 × 7700 one-bit bomb takes about 7 KB on disk, and Pillow
    decodes it to 59 MB, 237 MB once made RGB."""

    def chunk(kind, data):
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    depth, colour, row_bytes = (1, 0, (width + 7) // 8) if mode == "1" else (8, 2, 3 * width)
    compressor = zlib.compressobj(9)
    row = bytes(1 + row_bytes)  # filter byte 0, then the pixels
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
