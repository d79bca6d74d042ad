"""Markdown written by partners, rendered to HTML that cannot carry script.

Text pasted from Word arrives with odd characters; clean_pasted() tidies it
before it is stored. render() turns Markdown into sanitised HTML.
"""

import html
import re

import nh3
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "del", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}


# A line with no Markdown in it: it starts with a letter (so it opens no list, heading,
# quotation, code or table), holds no character that marks inline Markdown, HTML or an
# entity (nh3 writes a no-break space as one), and does not end with a space (a hard
# line break, or stripped).
_PLAIN_LINE = re.compile(r"[^\W\d_][^\x00-\x1f\x7f-\xa0*_`\[\]<>&\\~|\"]*(?<!\s)")


def _plain_html(text):
    """The HTML of text that has no Markdown at all (most moments' and sheets' text):
    exactly what markdown-it and nh3 make of it, about twenty times faster; None for any
    other text."""
    paragraphs, lines = [], []
    for line in text.split("\n"):
        if not line:
            if lines:
                paragraphs.append(lines)
                lines = []
        elif _PLAIN_LINE.fullmatch(line):
            lines.append(line)
        else:
            return None
    if lines:
        paragraphs.append(lines)
    return "".join("<p>" + "\n".join(lines) + "</p>\n" for lines in paragraphs)


def render(text):
    """Markdown -> safe HTML (a SafeString for templates)."""
    if not text:
        return mark_safe("")
    plain = _plain_html(text)
    if plain is not None:
        return mark_safe(plain)  # noqa: S308 - nothing in it but words, see _PLAIN_LINE
    return mark_safe(_render_markdown(text))


def _render_markdown(text):
    """Any Markdown -> sanitised HTML."""
    html = _md.render(text)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return clean


# HTML that Carnet generates and stores (the published synthesis, report charts), shown as
# is: what those templates and carnet.lib.svgcharts / svgbars write, and nothing else.
STORED_TAGS = ALLOWED_TAGS | {
    "section", "aside", "small", "figure", "figcaption", "details", "summary", "caption", "span",
    "div", "svg", "title", "desc", "g", "line", "rect", "text",
}  # fmt: skip
STORED_ATTRIBUTES = {
    "*": {"class", "id", "role", "aria-labelledby", "aria-label", "lang", "dir"},
    "a": {"href", "title"},
    "th": {"align", "scope"},
    "td": {"align"},
    "svg": {"xmlns", "viewBox", "width", "height"},
    "line": {"x1", "y1", "x2", "y2", "stroke", "stroke-width"},
    "rect": {"x", "y", "width", "height", "rx", "fill"},
    "text": {"x", "y", "font-size", "fill", "text-anchor"},
}


def clean_html(html):
    """Stored HTML (not Markdown) sanitised: kept when Carnet wrote it, script and event
    handlers gone whoever wrote it (e.g. an archive from elsewhere). Cleaning its own
    output changes nothing, so Carnet stores HTML in this form."""
    clean = nh3.clean(
        html or "",
        tags=STORED_TAGS,
        attributes=STORED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )
    return clean.replace("&nbsp;", "\u00a0")  # the same, and also valid XML (SVG for Typst)


def to_text(text):
    """Markdown -> plain text (for search, PDFs, the library's cards and the sensitive-content
    scan): "A & B", not the "A &amp; B" of the HTML it is read from. Whoever writes it into
    HTML escapes it (as templates do); a PDF, the index and the scan take it as it is."""
    return html.unescape(nh3.clean(_md.render(text or ""), tags=set())).strip()


_PASTE_FIXES = [
    ("\r\n", "\n"),
    ("\r", "\n"),
    ("\u00a0", " "),  # no-break space
    ("\u200b", ""),  # zero-width space
    ("\ufeff", ""),  # byte order mark
    ("\u2028", "\n"),
    ("\u2029", "\n\n"),
    ("\u2022\t", "- "),  # Word's bullet followed by a tab
    ("\u00ad", ""),  # soft hyphen
]


def clean_pasted(text):
    """Tidy text pasted from a word processor, keeping every word."""
    if not text:
        return text
    for old, new in _PASTE_FIXES:
        text = text.replace(old, new)
    text = re.sub(r"^[ \t]*[\u2022\u25cf\u25aa\u2013·]\s+", "- ", text, flags=re.M)
    text = re.sub(r"[ \t]+$", "", text, flags=re.M)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")


# Markdown -> document blocks, for outputs that are not HTML (PDF with Typst, DOCX).
# A block is a dict: {"t": "h", "level", "text"}, {"t": "p", "runs"}, {"t": "list",
# "ordered", "items": [[block, ...], ...]}, {"t": "quote", "blocks"}, {"t": "table",
# "head", "rows"}, {"t": "code", "text"}; a run is {"text", "b", "i", "code", "href"}.

SAFE_SCHEMES = ("http://", "https://", "mailto:")


def _runs(inline_token):
    runs, bold, italic, href = [], 0, 0, []
    for child in inline_token.children or []:
        kind = child.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            target = child.attrs.get("href", "")
            href.append(target if str(target).startswith(SAFE_SCHEMES) else None)
        elif kind == "link_close":
            href.pop()
        elif kind in ("text", "code_inline", "softbreak", "hardbreak"):
            text = {"softbreak": " ", "hardbreak": "\n"}.get(kind, child.content)
            run = {"text": text, "b": bold > 0, "i": italic > 0, "code": kind == "code_inline"}
            if href and href[-1]:
                run["href"] = href[-1]
            if runs and {k: v for k, v in runs[-1].items() if k != "text"} == {
                k: v for k, v in run.items() if k != "text"
            }:
                runs[-1]["text"] += text
            else:
                runs.append(run)
    return [run for run in runs if run["text"]]


def to_blocks(text, *, min_level=2):
    """Markdown -> a list of blocks (see above). Headings are at least min_level deep
    (level 1 is the chapter's own title)."""
    tokens = _md.parse(text or "")
    root = []
    stack = [root]  # containers being filled
    pending_row = None
    for token in tokens:
        kind = token.type
        container = stack[-1]
        if kind == "heading_open":
            level = min(max(int(token.tag[1]), min_level), 6)
            container.append({"t": "h", "level": level, "text": ""})
        elif kind == "inline":
            last = container[-1] if container else None
            if isinstance(last, dict) and last["t"] == "h" and not last["text"]:
                last["text"] = "".join(run["text"] for run in _runs(token))
            elif pending_row is not None:
                pending_row.append("".join(run["text"] for run in _runs(token)))
            else:
                container.append({"t": "p", "runs": _runs(token)})
        elif kind in ("bullet_list_open", "ordered_list_open"):
            block = {"t": "list", "ordered": kind == "ordered_list_open", "items": []}
            container.append(block)
            stack.append(block["items"])
        elif kind == "list_item_open":
            item = []
            container.append(item)
            stack.append(item)
        elif kind in ("list_item_close", "bullet_list_close", "ordered_list_close"):
            stack.pop()
        elif kind == "blockquote_open":
            block = {"t": "quote", "blocks": []}
            container.append(block)
            stack.append(block["blocks"])
        elif kind == "blockquote_close":
            stack.pop()
        elif kind in ("fence", "code_block"):
            container.append({"t": "code", "text": token.content.rstrip("\n")})
        elif kind == "table_open":
            container.append({"t": "table", "head": [], "rows": []})
        elif kind == "tr_open":
            pending_row = []
        elif kind == "tr_close":
            table = container[-1]
            if not table["head"] and not table["rows"]:
                table["head"] = pending_row
            else:
                table["rows"].append(pending_row)
            pending_row = None
        elif kind == "hr":
            continue
    return root
