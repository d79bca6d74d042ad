"""The blocks of the synthesis, as functions the synthesis page and the report share.

Each block takes the network and runs a fixed number of queries, whatever the number
of learnings (see tests/capitalisation/test_synthesis.py).
"""

from collections import Counter, OrderedDict

from django.db.models import Count, Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from carnet.lib.languages import direction
from carnet.lib.svgbars import Row, bars
from carnet.networks.domain import membership_chart
from carnet.networks.enums import ReasonKind
from carnet.networks.models import MembershipReason
from carnet.translations import editions
from carnet.vocabulary import domain as vocabulary
from carnet.vocabulary.enums import TermKind

from . import evidence as registry
from .enums import InterviewStatus
from .models import Attendance, Evidence, Learning, in_exercise

ALL = object()  # learnings_with_evidence: every exercise of the network

# Participation counts other apps add (e.g. sheets per organisation):
# callable(network) -> {organisation id: count}, with a label.
PARTICIPATION = OrderedDict()


def register_participation(key, *, label, counts):
    PARTICIPATION[key] = (label, counts)


def learnings_with_evidence(network, exercise=ALL):
    """The network's learnings (of one exercise when given), each with .evidence_list (sources
    attached): 3 queries + 1 per kind of source."""
    scope = Q() if exercise is ALL else in_exercise(exercise)
    learnings = list(
        Learning.objects.filter(scope, network=network).order_by("category", "-strength", "id")
    )
    learning_scope = Q() if exercise is ALL else in_exercise(exercise, prefix="learning__")
    items = list(
        Evidence.objects.filter(learning_scope, learning__network=network)
        .select_related("organisation")
        .order_by("learning_id", "id")
    )
    registry.attach_sources(items)
    by_learning = {}
    for item in items:
        item.source_url = registry.url_of(item.source_object) if item.source_object else ""
        item.source_label = registry.label_of(item.source_object) if item.source_object else ""
        by_learning.setdefault(item.learning_id, []).append(item)
    for learning in learnings:
        learning.network = network  # no query per learning for its address
        learning.evidence_list = by_learning.get(learning.pk, [])
        learning.organisations = sorted(
            {str(e.organisation) for e in learning.evidence_list if e.organisation}
        )
    return learnings


def by_category(learnings):
    """Learnings grouped in the vocabulary's order, with the organisations behind each group."""
    if not learnings:
        return []
    network = learnings[0].network
    # In the network's order, in the reader's language (the synthesis is built per language).
    words = vocabulary.labels(network, TermKind.LEARNING_CATEGORY, language=get_language())
    groups = OrderedDict((category, []) for category in words)
    for learning in learnings:
        groups.setdefault(learning.category, []).append(learning)
    result = []
    for category, items in groups.items():
        if not items:
            continue
        organisations = {
            e.organisation_id for item in items for e in item.evidence_list if e.organisation_id
        }
        result.append(
            {
                "category": category,
                "label": vocabulary.label_of(words, category),
                "learnings": items,
                "organisation_count": len(organisations),
            }
        )
    return result


def strongest_quotes(learnings, limit=6):
    """The passages cited for the strongest learnings, one per learning."""
    quotes = []
    ranked = sorted(learnings, key=lambda item: (-item.strength, -len(item.evidence_list), item.pk))
    for learning in ranked:
        passage = next((e for e in learning.evidence_list if e.passage), None)
        if passage:
            quotes.append({"learning": learning, "evidence": passage})
        if len(quotes) == limit:
            break
    return quotes


def reasons_chart(network):
    """Join / stay / leave reasons, per category, as bars; and the rows for the table."""
    counts = (
        MembershipReason.objects.filter(membership__network=network)
        .values("kind", "category")
        .annotate(n=Count("membership__organisation", distinct=True))
        .order_by("kind", "-n", "category")
    )
    labels = vocabulary.labels(network, TermKind.REASON_CATEGORY, language=get_language())
    rows = []
    for kind in ReasonKind:
        for item in counts:
            if item["kind"] == kind:
                rows.append((kind.label, vocabulary.label_of(labels, item["category"]), item["n"]))
    chart = bars(
        [Row(f"{kind} — {label}", (n,)) for kind, label, n in rows],
        title=_("Why organisations join, stay and leave"),
        description=_("Number of organisations giving each reason, by kind of reason."),
        label_width=330,
    )
    return {"svg": chart, "rows": rows}


def participation(network, exercise=ALL):
    """Per organisation: interviews done, workshop days attended (in one exercise when
    given), and registered counts."""
    scope = Q() if exercise is ALL else in_exercise(exercise)
    workshop_scope = Q() if exercise is ALL else in_exercise(exercise, prefix="workshop__")
    memberships = list(
        network.memberships.select_related("organisation").order_by("organisation__name")
    )
    interviews = dict(
        network.interviews.filter(scope, status=InterviewStatus.DONE)
        .values("organisation")
        .annotate(n=Count("id"))
        .values_list("organisation", "n")
    )
    attended = dict(
        Attendance.objects.filter(workshop_scope, workshop__network=network)
        .values("organisation")
        .annotate(n=Count("id", filter=Q(present=True)))
        .values_list("organisation", "n")
    )
    extra = [(label, counts(network)) for label, counts in PARTICIPATION.values()]
    series = [_("Interviews done"), _("Workshops attended"), *[str(label) for label, _c in extra]]
    rows = []
    seen = set()
    for membership in memberships:
        org = membership.organisation
        if org.pk in seen:
            continue
        seen.add(org.pk)
        values = (
            interviews.get(org.pk, 0),
            attended.get(org.pk, 0),
            *[counts.get(org.pk, 0) for _label, counts in extra],
        )
        rows.append((str(org), values))
    chart = bars(
        [Row(label, values) for label, values in rows],
        title=_("Participation per organisation"),
        description=_("Interviews done and workshops attended by each organisation."),
        series=series,
    )
    return {"svg": chart, "rows": rows, "series": series}


def membership(network):
    memberships = list(
        network.memberships.select_related("organisation").order_by("joined_on", "id")
    )
    return {"svg": membership_chart(memberships), "memberships": memberships}


def synthesis(network, exercise=ALL):
    """Every block of the synthesis page (the learnings of one exercise when given)."""
    learnings = learnings_with_evidence(network, exercise=exercise)
    organisations = Counter(
        e.organisation_id for item in learnings for e in item.evidence_list if e.organisation_id
    )
    return {
        "learnings": learnings,
        "groups": by_category(learnings),
        "quotes": strongest_quotes(learnings),
        "organisation_count": len(organisations),
        "membership": membership(network),
        "reasons": reasons_chart(network),
        # Members and their reasons belong to the network; interviews and workshops to
        # the exercise.
        "participation": participation(network, exercise),
    }


def public_synthesis(network, exercise=ALL):
    """The blocks of the synthesis that may leave the network.

    Learnings with the organisations behind them, and the charts; passages only from
    sources that are themselves published (a published sheet, a published key moment),
    never from interview notes, documents or workshop sessions.
    """
    blocks = synthesis(network, exercise=exercise)
    for learning in blocks["learnings"]:
        learning.evidence_list = [
            e
            for e in learning.evidence_list
            if e.source_object and registry.is_public(e.source_object)
        ]
    blocks["quotes"] = strongest_quotes(blocks["learnings"])
    # The statements in the edition's language (publish_synthesis builds one per language):
    # a reviewed translation made from today's statement, else the statement itself, marked
    # with its language and listed in the note at the top.
    edition = editions.current()
    for learning in blocks["learnings"]:
        shown, lang = edition.page_text(learning, "statement", learning.statement)
        learning.__dict__.setdefault("_localised", {})["statement"] = shown
        learning.statement_lang, learning.statement_dir = lang, direction(lang) if lang else ""
    blocks["edition_note"] = editions.page_note(edition)
    return blocks


def publication_texts(blocks):
    """What the sensitive-content check reads before the synthesis is published (the
    statements as the blocks' language shows them: a translation is checked too)."""
    texts = {}
    for learning in blocks["learnings"]:
        texts[f"learning {learning.pk}"] = learning.statement
        shown = learning.tr.statement
        if shown != learning.statement:
            texts[f"learning {learning.pk} ({get_language()})"] = shown
    for quote in blocks["quotes"]:
        texts[f"quote {quote['evidence'].pk}"] = quote["evidence"].passage
    return texts
