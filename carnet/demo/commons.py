"""The demo's scanned document (read by OCR) and the public library.

A photocopy of the 2015 steering committee's hand-outs, as a PDF of images without a text
layer: its text comes from tesseract, page by page, as the worker reads any scan (run here
directly, as the demo reads its other documents). The public library needs nothing more:
euromed is published and stays in it, so its published sheets and key moments are listed.
"""

import datetime

from django.core.files.base import ContentFile

from carnet.lib.uploads import random_path
from carnet.library import domain as library
from carnet.library.enums import DocumentKind, ExtractionStatus
from carnet.library.models import Document

from . import scans

TITLE = "Steering committee hand-outs, Tirana 2015 (scan)"
PAGES = [
    [
        "Steering committee, Tirana, 12 May 2015",
        "Shelters and referral: what the partners agreed",
        "Each shelter names one person for referrals",
        "between countries of origin and destination.",
    ],
    [
        "Follow-up",
        "The coordination office sends the contact list",
        "to every partner before the next meeting.",
    ],
]


def load(ctx):
    network, people, orgs = ctx["network"], ctx["people"], ctx["organisations"]
    document = Document.objects.filter(network=network, title=TITLE).first()
    if document is None:
        document = Document(
            network=network,
            title=TITLE,
            date=datetime.date(2015, 5, 12),
            organisation=orgs["albania"],
            kind=DocumentKind.MINUTES,
            tags="scan, steering committee",
            file_kind="pdf",
            created_by=people["farid"],
        )
        document.file.save(
            random_path("documents", "hand-outs.pdf"), ContentFile(scans.pdf(*PAGES)), save=False
        )
        document.save()
    if document.extraction != ExtractionStatus.DONE:
        library.extract_text(document)
    ctx["scanned_document"] = document
