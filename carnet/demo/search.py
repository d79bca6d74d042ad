"""The demo network's search: its index written again once every step has added its content.

Saving content indexes it (carnet.search.index); writing it again here also covers the
rows that earlier steps put in with bulk_create or UPDATE (which send no signal).
Idempotent: the network's rows are replaced.
"""

from carnet.search import index


def load(ctx):
    ctx["search_entries"] = index.rebuild(ctx["network"])
