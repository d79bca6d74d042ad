"""A sheet as print-ready PDF (Typst) and as DOCX (python-docx)."""

import io
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Cm, Pt, RGBColor
from markdown_it import MarkdownIt

from carnet.lib import typst, worddoc
from carnet.lib.languages import direction
from carnet.lib.markdown import to_text

from .enums import Level

TEMPLATE = Path(__file__).resolve().parent / "sheet.typ"
_md = MarkdownIt("commonmark")
QUOTE_KEYS = {"quote", "quote_speaker", "quote_role"}


def blocks(markdown):
    """Markdown -> [{"kind": "p" | "li", "text": plain text}]."""
    out, in_item = [], 0
    for token in _md.parse(markdown or ""):
        if token.type == "list_item_open":
            in_item += 1
        elif token.type == "list_item_close":
            in_item -= 1
        elif token.type == "inline":
            text = to_text(token.content)
            if text:
                out.append({"kind": "li" if in_item else "p", "text": text})
        elif token.type in ("fence", "code_block") and token.content.strip():
            out.append({"kind": "p", "text": token.content.strip()})
    return out


def _photo(sheet, internal):
    for photo in sheet.photos.all():
        if internal or photo.may_publish:
            return photo
    return None


def _quote(sheet, internal):
    text = sheet.content.get("quote", "").strip()
    if not text or not (internal or sheet.may_publish):
        return None
    return {
        "text": to_text(text),
        "speaker": sheet.content.get("quote_speaker", ""),
        "role": sheet.content.get("quote_role", ""),
    }


def pdf_data(sheet, *, internal=False, photo_name=None, language=None, note=None):
    """language: the labels' (the edition asked for; default the sheet's own); note: what the
    edition says at its top (e.g. that the sheet is not translated into it yet)."""
    labels = language or sheet.language
    with translation.override(labels):
        sections = [
            {"label": str(spec.label), "blocks": blocks(sheet.content.get(spec.key, ""))}
            for spec in sheet.field_specs
            if spec.key not in QUOTE_KEYS and sheet.content.get(spec.key, "").strip()
        ]
        tags = " · ".join([str(Level(sheet.level).label)] + sheet.theme_labels())
        footer = f"{sheet.network.name} — {_('Good-practice sheet')}"
        if internal and not sheet.is_published:
            footer += f" — {_('internal, not published')} ({sheet.get_state_display()})"
        photo = _photo(sheet, internal)
        return {
            "lang": sheet.language,
            "dir": direction(sheet.language),
            "labels_lang": labels,
            "labels_dir": direction(labels),
            "note": note or "",
            "kicker": str(_("Good-practice sheet")),
            "title": sheet.title,
            "organisation": sheet.organisation.name,
            "country": str(sheet.country.name),
            "tags": tags,
            "footer": footer,
            "sections": sections,
            "quote": _quote(sheet, internal),
            "photo": (
                {"file": photo_name, "caption": photo.caption, "credit": photo.credit}
                if photo and photo_name
                else None
            ),
        }, photo


def sheet_pdf(sheet, *, internal=False, fmt="pdf", ppi=None, language=None, note=None):
    photo = _photo(sheet, internal)
    files, name = {}, None
    if photo:
        name = "photo" + Path(photo.image.name).suffix
        with photo.image.open("rb") as handle:
            files[name] = handle.read()
    data, _photo_obj = pdf_data(
        sheet, internal=internal, photo_name=name, language=language, note=note
    )
    return typst.render(TEMPLATE, data, files=files, fmt=fmt, ppi=ppi)


def sheet_docx(sheet, *, internal=False, language=None, note=None):
    document = worddoc.Styled(Document())
    worddoc.a4(document, margin_cm=2)
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Noto Sans", Pt(10)
    with translation.override(language or sheet.language):
        worddoc.header_and_footer(
            document,
            header=f"{sheet.network.name} — {_('Good-practice sheet')}",
            page_of=_("Page {page} of {pages}"),
        )
        document.core_properties.title = sheet.title
        document.core_properties.author = sheet.organisation.name
        if note:
            document.add_paragraph().add_run(note).italic = True
        document.add_heading(sheet.title, level=0)
        meta = document.add_paragraph()
        meta.add_run(f"{sheet.organisation.name} · {sheet.country.name}").bold = True
        tags = [str(Level(sheet.level).label)] + sheet.theme_labels()
        document.add_paragraph(" · ".join(tags))
        photo = _photo(sheet, internal)
        if photo:
            with photo.image.open("rb") as handle:
                document.add_picture(io.BytesIO(handle.read()), width=Cm(12))
            if photo.caption or photo.credit:
                document.add_paragraph(" — ".join(filter(None, [photo.caption, photo.credit])))
        for spec in sheet.field_specs:
            text = sheet.content.get(spec.key, "").strip()
            if spec.key in QUOTE_KEYS or not text:
                continue
            document.add_heading(str(spec.label), level=1)
            for block in blocks(text):
                style_name = "List Bullet" if block["kind"] == "li" else None
                document.add_paragraph(block["text"], style=style_name)
        quote = _quote(sheet, internal)
        if quote:
            paragraph = document.add_paragraph(style="Intense Quote")
            run = paragraph.add_run(f"“{quote['text']}”")
            run.italic = True
            signature = document.add_paragraph(
                "— " + ", ".join(filter(None, [quote["speaker"], quote["role"]]))
            )
            signature.runs[0].font.color.rgb = RGBColor(0x1F, 0x6F, 0x8B)
    if direction(sheet.language) == "rtl":
        from carnet.reports.outputs import right_to_left

        right_to_left(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
