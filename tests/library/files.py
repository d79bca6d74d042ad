"""Real files of each kind, made in memory for the tests and the demo's tests."""

import io
import zipfile

import docx
import typst
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def pdf_bytes(text):
    return typst.compile(text.encode())


def docx_bytes(text):
    document = docx.Document()
    for paragraph in text.split("\n"):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def odt_bytes(text):
    paragraphs = "".join(f"<text:p>{line}</text:p>" for line in text.split("\n"))
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:text>{paragraphs}</office:text></office:body>"
        "</office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "#1f6f8b").save(buffer, "PNG")
    return buffer.getvalue()


def upload(name, data):
    return SimpleUploadedFile(name, data)
