"""The euromed report: chapters as in the source, version 1 sent with feedback,
version 2 sent and validated by most partners, so the matrix shows who is missing."""

import datetime

from django.utils import timezone

from carnet.reports import domain
from carnet.reports.enums import ChapterKind, DecisionState, FeedbackKind
from carnet.reports.models import Report

RESULTS = """\
Partners name five kinds of results.

- **Knowledge transfer** on trafficking: trainings, new knowledge, and its dissemination
  inside each Caritas.
- **New activities**: better identification of victims, stronger prevention, more support
  to victims.
- **Links with new actors** thanks to a stronger visibility, at national, regional and
  international level.
- **International advocacy** against trafficking, such as joint advocacy at the United
  Nations in Geneva.
- **Joint projects**, such as the two action-research projects planned, consulted and
  conducted jointly by Caritas Bosnia and Herzegovina and the Ministry of Security.
"""

LEARNINGS = """\
## Coordination
No system is better than another, but flexibility is appreciated.

## Decision-making
A democratic and participatory decision-making system matters: common decisions on the
priority theme, the activities and the way the network is managed.

## Communication
Many tools, for internal and external communication.

## The method
A preparatory interview with each partner explained the process, let partners think ahead
about what they wanted to put forward, and presented the tools. A participatory, listening
approach placed the facilitators in a guiding role and strengthened ownership.
"""

ADVICE = """\
## Developing the network
- Start from the needs and the motivation of the base.
- Members may change; members without a national project are more likely to leave.

## Links between members
- Good professional and personal relations.
- Clear roles and responsibilities.

## Activities
- Use the network for international advocacy built on national experience.
- Develop themes jointly and adapt them to each country.
- Involve the authorities and civil society.
- Use the network's strength for national visibility.
"""

CHAPTERS = [
    (
        ChapterKind.TEXT,
        "",
        "Introduction",
        "In 2019–2020 the network capitalised nine years of work with two facilitators. "
        "13 partners took part, including partners who had left the network years before.",
    ),
    (ChapterKind.BLOCK, "methodology", "Methodology", ""),
    (ChapterKind.BLOCK, "participation", "Participation", ""),
    (ChapterKind.BLOCK, "membership", "The network over time", ""),
    (ChapterKind.BLOCK, "timeline", "Key moments", ""),
    (ChapterKind.BLOCK, "reasons", "Why join, stay and leave", ""),
    (ChapterKind.TEXT, "", "Results", RESULTS),
    (ChapterKind.BLOCK, "practices_results", "Practices and their results", ""),
    (ChapterKind.TEXT, "", "Learnings", LEARNINGS),
    (ChapterKind.BLOCK, "learnings", "Learnings with their evidence", ""),
    (ChapterKind.TEXT, "", "Advice to organisations wishing to build a network", ADVICE),
    (ChapterKind.BLOCK, "advice", "Advice in the partners' words", ""),
    (ChapterKind.BLOCK, "quotes", "Quotes", ""),
    (ChapterKind.BLOCK, "sheets_annex", "Annex: the good-practice sheets", ""),
]

FEEDBACK = [
    (
        "ana",
        "Results",
        FeedbackKind.SUGGESTION,
        "Add the trainings for border police we ran with the network's material in 2016.",
    ),
    (
        "bora",
        "Why join, stay and leave",
        FeedbackKind.COMMENT,
        "The Syrian-Armenian families we supported are a reason why we stayed: "
        "please mention them.",
    ),
    ("ana", None, FeedbackKind.COMMENT, "Thank you: the report reads well."),
]

# Organisations that answered version 2, by their key in carnet.demo.core.
VALIDATED_V2 = [
    "sccf",
    "albania",
    "armenia",
    "bosnia",
    "kosovo",
    "lebanon",
    "serbia",
    "greece",
    "georgia",
    "moldova",
]
CHANGES_V2 = ["ukraine"]


# The report's title and a few chapters in Albanian: the Albanian edition (version 3) prints
# them, the rest in English, and its note says which parts.
ALBANIAN = {
    "report": {
        "title": "Kapitalizimi i nëntë vjetëve të rrjetit Euro-Mediterranean",
        "subtitle": "Metodologjia, rezultatet dhe mësimet",
    },
    "Introduction": {
        "title": "Hyrje",
        "body": "Në vitet 2019–2020 rrjeti kapitalizoi nëntë vjet pune me dy lehtësues. Morën "
        "pjesë 13 partnerë, përfshirë partnerë që e kishin lënë rrjetin vite më parë.",
    },
    "Methodology": {"title": "Metodologjia"},
    "Participation": {"title": "Pjesëmarrja"},
    "Key moments": {"title": "Momentet kyçe"},
    "Why join, stay and leave": {"title": "Pse të bashkohesh, të qëndrosh dhe të largohesh"},
}


def albanian_edition(report, chapters, *, by):
    """The Albanian texts of the report (carnet.translations), then its Albanian edition."""
    from carnet.demo.translations import _translate

    network = report.network
    for field, text in ALBANIAN["report"].items():
        _translate(network, "report", report, field, "sq", text, None, by=by)
    for title, fields in ALBANIAN.items():
        if title in chapters:
            for field, text in fields.items():
                _translate(network, "chapters", chapters[title], field, "sq", text, None, by=by)
    return domain.build_now(report, by=by, language="sq")[0]


def load(ctx):
    network, people, orgs = ctx["network"], ctx["people"], ctx["organisations"]
    existing = Report.objects.filter(network=network).first()
    if existing is not None:
        ctx["report"] = existing
        return
    farid, claire = people["farid"], people["claire"]
    report = Report.objects.create(
        network=network,
        title="Capitalisation of nine years of the Euro-Mediterranean network",
        subtitle="Methodology, results and learnings",
    )
    chapters = {}
    for kind, block, title, body in CHAPTERS:
        chapters[title] = domain.add_chapter(
            report, by=farid, kind=kind, block=block, title=title, body=body
        )
    v1 = domain.build_now(report, by=farid)[0]
    round1 = domain.send_for_review(v1, by=farid, message="Please send your suggestions.")
    for username, chapter, kind, text in FEEDBACK:
        domain.add_feedback(
            round1,
            by=people[username],
            text=text,
            kind=kind,
            chapter=chapters[chapter] if chapter else None,
        )
    domain.decide(
        round1,
        organisation=orgs["albania"],
        state=DecisionState.CHANGES_REQUESTED,
        by=people["ana"],
        note="See our suggestion on the results.",
    )
    results = chapters["Results"]
    results.body += (
        "\nPartners also trained others: Caritas Albania trained border police with the "
        "network's material.\n"
    )
    results.save()
    v2 = domain.build_now(report, by=farid)[0]
    round2 = domain.send_for_review(
        v2,
        by=farid,
        message="Version 2 includes your suggestions.",
        due_on=timezone.localdate() + datetime.timedelta(days=14),  # reminders before and after
    )
    for key in VALIDATED_V2:
        domain.decide(
            round2,
            organisation=orgs[key],
            state=DecisionState.VALIDATED,
            by=claire,
            note="Agreed during the follow-up call.",
        )
    for key in CHANGES_V2:
        domain.decide(
            round2,
            organisation=orgs[key],
            state=DecisionState.CHANGES_REQUESTED,
            by=claire,
            note="Wants the 2015 crisis described.",
        )
    # The partners are asked to validate their sheets and the images that show them, by a
    # date (each editor's e-mail lists their items with one-click links; reminders follow).
    domain.send_validation_round(
        network,
        by=farid,
        message="Please check the sheets and the images that show your organisation.",
        due_on=timezone.localdate() + datetime.timedelta(days=10),
    )
    albanian_edition(report, chapters, by=farid)
    ctx["report"] = report
