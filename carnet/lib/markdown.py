"""Markdown written by partners, rendered to HTML that cannot carry script.

Text pasted from Word arrives with odd characters; clean_pasted() tidies it
before it is stored. render() turns Markdown into sanitised HTML.
"""

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


def render(text):
    """Markdown -> safe HTML (a SafeString for templates)."""
    if not text:
        return mark_safe("")
    html = _md.render(text)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)


def to_text(text):
    """Markdown -> plain text (for search, PDFs and the sensitive-content scan)."""
    return nh3.clean(_md.render(text or ""), tags=set()).strip()


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
