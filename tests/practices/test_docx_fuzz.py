"""Property-based: whatever a .docx upload holds, the upload check and the DOCX reader either
read it or refuse it with their own exception (UploadRefused, DocxUnreadable); never
another exception."""

import contextlib
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carnet.lib.uploads import UploadRefused, check_document
from carnet.practices.docximport import DocxUnreadable, Imported, read_docx
from carnet.practices.fields import DEFAULT_FIELDS
from tests.lib.bombs import docx_bytes

FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
VALID = docx_bytes("Context\nWe met the ministry.")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TAGS = ["p", "r", "t", "tbl", "tr", "tc", "pPr", "pStyle", "rPr", "b", "ins", "del", "sdt"]
TAGS += ["sdtContent", "hyperlink", "br", "tab", "body", "document", "sectPr"]
TEXT = st.text(max_size=12).map(
    lambda t: t.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
)


@st.composite
def element(draw, children):
    tag = draw(st.sampled_from(TAGS))
    attributes = draw(st.dictionaries(st.sampled_from(["val", "id", "type"]), TEXT, max_size=2))
    attrs = "".join(f' w:{key}="{value}"' for key, value in attributes.items())
    inner = "".join(draw(st.lists(children, max_size=3)))
    return f"<w:{tag}{attrs}>{inner}</w:{tag}>"


XML = st.recursive(TEXT, lambda children: element(children), max_leaves=12).map(
    lambda body: f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
)


def members():
    with zipfile.ZipFile(io.BytesIO(VALID)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def zipped(contents):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@st.composite
def docx_like(draw):
    kind = draw(st.sampled_from(["document", "part", "flip", "truncate", "bytes"]))
    if kind == "document":  # a well-formed package around odd or broken XML
        xml = draw(XML | st.text(max_size=200))
        return zipped({**members(), "word/document.xml": xml.encode("utf-8", "surrogatepass")})
    if kind == "part":  # another part replaced by garbage
        contents = members()
        name = draw(st.sampled_from(sorted(contents)))
        return zipped({**contents, name: draw(st.binary(max_size=200))})
    if kind == "flip":
        data = bytearray(VALID)
        for _ in range(draw(st.integers(1, 8))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(data)
    if kind == "truncate":
        return VALID[: draw(st.integers(0, len(VALID)))]
    return b"PK\x03\x04" + draw(st.binary(max_size=300))


@FUZZ
@given(data=docx_like())
def test_the_docx_reader_reads_or_refuses_whatever_it_is_given(data):
    with contextlib.suppress(UploadRefused):  # the web form shows its message
        check_document(SimpleUploadedFile("fuzz.docx", data), kinds={"docx"})
    try:
        imported = read_docx(io.BytesIO(data))
    except DocxUnreadable:
        return
    assert isinstance(imported, Imported)
    title, content = imported.to_sheet(DEFAULT_FIELDS)
    assert isinstance(title, str) and isinstance(content, dict)
