"""The chapters a new report starts with, following the source case's report."""

from django.utils.translation import gettext as _

from .enums import ChapterKind


def default_chapters():
    return [
        (
            ChapterKind.TEXT,
            "",
            _("Introduction"),
            _("Why the network capitalised its experience, and how this report was written."),
        ),
        (ChapterKind.BLOCK, "methodology", _("Methodology"), ""),
        (ChapterKind.BLOCK, "participation", _("Participation"), ""),
        (ChapterKind.BLOCK, "membership", _("The network over time"), ""),
        (ChapterKind.BLOCK, "timeline", _("Key moments"), ""),
        (ChapterKind.BLOCK, "reasons", _("Why join, stay and leave"), ""),
        (ChapterKind.BLOCK, "practices_results", _("Results"), ""),
        (ChapterKind.BLOCK, "learnings", _("Learnings"), ""),
        (ChapterKind.BLOCK, "advice", _("Advice to organisations wishing to build a network"), ""),
        (ChapterKind.BLOCK, "quotes", _("Quotes"), ""),
        (ChapterKind.BLOCK, "sheets_annex", _("Annex: the good-practice sheets"), ""),
    ]
