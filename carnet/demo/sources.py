"""Key moments and sheets of the demo cite the documents of the library they rest on."""

from carnet.library.models import Document
from carnet.practices.models import Sheet
from carnet.timeline.models import Milestone

MOMENTS = {
    "geneva-advocacy": ["Joint statement at the United Nations in Geneva"],
    "ministry-action-research": [
        "Memorandum with the Ministry of Security",
        "Action-research report",
    ],
    "first-training": ["Training report: identification of victims"],
}
SHEETS = {
    "joint-action-research-with-the-ministry-of-security": [
        "Memorandum with the Ministry of Security",
        "Action-research report",
    ],
}


def _cite(item, titles):
    if item is not None and not item.documents.exists():
        item.documents.set(Document.objects.filter(network=item.network, title__in=titles))


def load(ctx):
    network = ctx["network"]
    for slug, titles in MOMENTS.items():
        _cite(Milestone.objects.filter(network=network, slug=slug).first(), titles)
    for slug, titles in SHEETS.items():
        _cite(Sheet.objects.filter(network=network, slug=slug).first(), titles)
