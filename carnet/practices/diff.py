"""An inline word diff of two texts, as segments a template renders with ins/del."""

import difflib
import re

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def word_diff(old, new):
    """[(op, text)] with op in "same", "del", "ins"."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    segments = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(("del", "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(("ins", "".join(b[j1:j2])))
    return segments


def compare(specs, old, new):
    """Field by field: [(spec, changed, segments)] for two version contents."""
    rows = []
    for spec in specs:
        before, after = old.get(spec.key, ""), new.get(spec.key, "")
        if before or after:
            rows.append((spec, before != after, word_diff(before, after)))
    return rows
