"""Marks in rendered text: where a quoted passage stands, for notes in the margin.

`anchor(html, quotes)` takes HTML that carnet.lib.markdown.render() made (sanitised) and
{key: quoted passage}. It finds each passage in the text nodes (never in tags or attribute
values; whitespace runs count as one space, a passage may cross inline tags such as <em>) and
wraps it in <mark class="anchor">, then cuts the HTML into its top-level blocks (paragraphs,
lists, tables...) so that notes can stand under or beside their block. Text is re-escaped on
the way out, so no quote can inject markup. Passages not found are returned apart: the text
changed since, they are "no longer in the text".
"""

import re
from html import escape
from html.parser import HTMLParser

from django.utils.safestring import mark_safe

from .markdown import to_text

VOID = {"br", "hr", "img"}
_SPACE = re.compile(r"\s+")


class _Tokens(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens = []  # ("start"|"end"|"text", value, depth before)
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("start", self.get_starttag_text(), self.depth))
        if tag not in VOID:
            self.depth += 1

    def handle_startendtag(self, tag, attrs):
        self.tokens.append(("start", self.get_starttag_text(), self.depth))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        self.depth -= 1
        self.tokens.append(("end", f"</{tag}>", self.depth))

    def handle_data(self, data):
        self.tokens.append(("text", data, self.depth))


def _normalise(text):
    """text with whitespace runs as one space, and for each kept character its index."""
    out, where = [], []
    space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not space:
                out.append(" ")
                where.append(i)
            space = True
        else:
            out.append(ch)
            where.append(i)
            space = False
    return "".join(out), where


def _find(haystack, where, quote):
    """(start, end) of quote in the original text, or None."""
    for candidate in (quote, to_text(quote)):
        needle = _SPACE.sub(" ", candidate or "").strip()
        if not needle:
            continue
        at = haystack.find(needle)
        if at >= 0:
            return where[at], where[at + len(needle) - 1] + 1
    return None


def anchor(html, quotes):
    """-> ([(block_html, [keys whose passage starts in it])], {keys not found}).

    A key whose quote is empty (a note on the whole field) goes with the first block."""
    parser = _Tokens()
    parser.feed(str(html or ""))
    parser.close()
    tokens = parser.tokens
    text = "".join(value for kind, value, _depth in tokens if kind == "text")
    haystack, where = _normalise(text)
    spans, missing, whole = {}, set(), []
    for key, quote in quotes.items():
        if not (quote or "").strip():
            whole.append(key)
            continue
        found = _find(haystack, where, quote)
        if found is None:
            missing.add(key)
        else:
            spans[key] = found

    blocks, parts, starts = [], [], []
    offset = 0
    opened = set()  # keys whose first piece was written (its id given)
    for kind, value, depth in tokens:
        if kind == "text":
            parts.append(_marked(value, offset, spans, opened, starts))
            offset += len(value)
        else:
            parts.append(value)
        closes_block = kind == "end" and depth == 0
        if closes_block or (kind == "start" and depth == 0 and value.startswith("<hr")):
            blocks.append(["".join(parts), starts])
            parts, starts = [], []
    rest = "".join(parts)
    if rest.strip():
        blocks.append([rest, starts])
    elif blocks:
        blocks[-1][0] += rest
    if not blocks:
        blocks.append(["", []])
    blocks[0][1][:0] = whole
    return [(mark_safe(body), keys) for body, keys in blocks], missing


def _marked(value, offset, spans, opened, starts):
    """One text node, escaped, with <mark> around the parts inside a span."""
    end = offset + len(value)
    cuts = {offset, end}
    for start, stop in spans.values():
        if start < end and stop > offset:
            cuts.update({max(start, offset), min(stop, end)})
    cuts = sorted(cuts)
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = escape(value[a - offset : b - offset], quote=False)
        keys = [k for k, (start, stop) in spans.items() if start <= a and b <= stop]
        if not keys or not piece.strip():
            out.append(piece)
            continue
        first = [k for k in keys if k not in opened]
        opened.update(first)
        starts.extend(first)
        ident = f' id="mark-{first[0]}"' if first else ""
        out.extend(f'<span id="mark-{k}"></span>' for k in first[1:])
        notes = " ".join(keys)
        out.append(f'<mark class="anchor"{ident} data-notes="{notes}">{piece}</mark>')
    return "".join(out)
