"""Review beside the text: each open suggestion and comment stands next to its passage.

The sheet's fields are rendered (carnet.lib.markdown) and cut into blocks; each passage that
a suggestion or a comment quotes is marked in the text (carnet.lib.anchors) and the note goes
with the block where its mark starts: in the margin on wide screens, under the block on
phones. A note on a whole field goes with the field's first block. A note whose passage is
no longer in the text is not dropped: it is listed apart ("no longer in the text").
"""

from dataclasses import dataclass, field

from carnet.lib.anchors import anchor
from carnet.lib.markdown import render


def note_key(item):
    kind = "suggestion" if item.__class__.__name__ == "Suggestion" else "comment"
    return f"{kind}-{item.pk}"


@dataclass
class Margin:
    blocks: dict = field(default_factory=dict)  # field key -> [(html, [notes])]
    detached: list = field(default_factory=list)  # notes whose passage is gone
    elsewhere: list = field(default_factory=list)  # notes on a field not shown in the text
    placed: set = field(default_factory=set)  # keys of the notes in the text


def build(texts, notes):
    """texts: [(field key, Markdown)] as shown; notes: suggestions and comments (with
    .field and .passage). Each note gets .key and .kind ("suggestion" or "comment")."""
    margin = Margin()
    by_field = {}
    for note in notes:
        note.key = note_key(note)
        note.kind = note.key.split("-")[0]
        by_field.setdefault(note.field, []).append(note)
    shown = set()
    for key, text in texts:
        shown.add(key)
        mine = {n.key: n for n in by_field.get(key, [])}
        blocks, missing = anchor(render(text), {k: n.passage for k, n in mine.items()})
        margin.blocks[key] = [(html, [mine[k] for k in keys]) for html, keys in blocks]
        for k, note in mine.items():
            if k in missing:
                margin.detached.append(note)
            else:
                margin.placed.add(k)
    for key, items in by_field.items():
        if key not in shown:
            margin.elsewhere.extend(items)
    return margin
