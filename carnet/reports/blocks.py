"""The generated chapters of a report: each turns the network's live data into blocks.

A block function takes the network and the report's exercise (None: the current one) and
returns (blocks, assets). What belongs to an exercise (its phases, interviews, workshops and
attendance, learnings) is read for that exercise only, as capitalisation.exports does; what
belongs to the network (members, reasons, sheets, timeline) is read whole. Blocks are as in
carnet.lib.markdown.to_blocks, plus {"t": "figure", "src": NAME, "caption", "alt"}
whose SVG is assets[NAME], and {"t": "image", "src": MEDIA NAME, "caption",
"credit", "alt"} for uploaded images. Add a block: write the function and list it
in BLOCKS.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from carnet.capitalisation import synthesis
from carnet.capitalisation.enums import InterviewStatus
from carnet.capitalisation.models import Attendance, Exercise, in_exercise
from carnet.lib.markdown import to_blocks, to_text
from carnet.networks.domain import membership_chart, reasons_by_kind
from carnet.practices.enums import SheetState
from carnet.practices.models import Sheet
from carnet.timeline.models import Milestone
from carnet.translations import editions
from carnet.vocabulary import domain as vocabulary
from carnet.vocabulary.enums import TermKind
from carnet.vocabulary.models import Term


def text(value, **style):
    return {"text": str(value), "b": False, "i": False, "code": False, **style}


def para(*runs):
    return {"t": "p", "runs": [text(r) if isinstance(r, str) else r for r in runs]}


def heading(value, level=2):
    return {"t": "h", "level": level, "text": str(value)}


def bullets(items):
    return {"t": "list", "ordered": False, "items": [[para(*item)] for item in items]}


def table(head, rows, caption=""):
    return {
        "t": "table",
        "head": [str(h) for h in head],
        "rows": [[str(c) for c in row] for row in rows],
        "caption": str(caption),
    }


def _month(day):
    return date_format(day, "F Y") if day else "…"


def the_exercise(network, exercise):
    """The exercise a block reads: the one given, else the network's current one (None when
    the network has none yet: then every row is without one, see in_exercise)."""
    return exercise or Exercise.objects.current(network)


def methodology(network, exercise=None):
    exercise = the_exercise(network, exercise)
    if exercise is None:
        return [para(_("No capitalisation exercise has been set up yet."))], {}
    edition = editions.current()
    blocks = []
    if exercise.description:
        lang = edition.untranslatable(_("Description of the exercise"), exercise)
        blocks += editions.mark([para(exercise.description)], lang)
    for phase in exercise.phases.all():
        start = phase.actual_start or phase.planned_start
        end = phase.actual_end or phase.planned_end
        name, lang = edition.text(phase, "name", part=_("Phase"))
        blocks += editions.mark([heading(f"{phase.number}. {name}", 2)], lang)
        blocks.append(
            para(
                text(
                    _("%(start)s to %(end)s") % {"start": _month(start), "end": _month(end)}, i=True
                ),
                text(f" — {phase.get_status_display()}", i=True),
            )
        )
        if phase.goal:
            goal, lang = edition.text(phase, "goal", part=_("Goal of a phase"), title=phase.name)
            blocks += editions.mark([para(goal)], lang)
    return blocks, {}


def participation(network, exercise=None):
    """The members and the sheets are the network's; interviews and the workshop, the
    exercise's."""
    exercise = the_exercise(network, exercise)
    counts = network.memberships.aggregate(
        total=Count("id"), current=Count("id", filter=Q(left_on__isnull=True))
    )
    rows = [
        (_("Organisations that have been members"), counts["total"]),
        (_("Members today"), counts["current"]),
        (_("Former members"), counts["total"] - counts["current"]),
    ]
    interviews = network.interviews.filter(in_exercise(exercise)).aggregate(
        done=Count("id", filter=Q(status=InterviewStatus.DONE)),
        organisations=Count("organisation", filter=Q(status=InterviewStatus.DONE), distinct=True),
    )
    attendance = Attendance.objects.filter(
        in_exercise(exercise, "workshop__"), workshop__network=network
    ).aggregate(
        attended=Count("organisation", filter=Q(present=True), distinct=True),
        missed=Count("organisation", filter=Q(present=False), distinct=True),
    )
    sheets = Sheet.objects.filter(network=network, translation_of__isnull=True)
    rows += [
        (_("Interviews done"), interviews["done"]),
        (_("Organisations interviewed"), interviews["organisations"]),
        (_("Organisations at the workshop"), attendance["attended"]),
        (_("Organisations absent from part of the workshop"), attendance["missed"]),
        (_("Good-practice sheets written"), sheets.count()),
        (_("Organisations that wrote a sheet"), sheets.values("organisation").distinct().count()),
    ]
    return [table([_("Figure"), _("Number")], rows, _("Participation"))], {}


def membership(network, exercise=None):
    memberships = list(network.memberships.select_related("organisation").order_by("joined_on"))
    svg = str(membership_chart(memberships))
    rows = [
        (
            m.organisation.name,
            m.organisation.country.name,
            m.joined_on.year,
            m.left_on.year if m.left_on else "—",
        )
        for m in memberships
    ]
    return [
        {
            "t": "figure",
            "src": "membership.svg",
            "caption": _("Who joined and left when"),
            "alt": _("Membership over time, one bar per organisation."),
        },
        table([_("Organisation"), _("Country"), _("Joined"), _("Left")], rows),
    ], {"membership.svg": svg}


def _category_labels(network, kind):
    """{reference label: label in the edition's language} of the network's terms of kind."""
    edition = editions.current()
    result = {}
    for term in Term.objects.of(network, kind):
        result[term.label] = edition.text(term, "label", part=_("Category"))[0]
    return result


def reasons(network, exercise=None):
    """The members' reasons, in their own words (a reason is not translated: an edition in
    another language says so), under their categories in the edition's language."""
    edition = editions.current()
    labels = _category_labels(network, TermKind.REASON_CATEGORY) if edition.translated else {}
    blocks = []
    for group in reasons_by_kind(network):
        blocks.append(heading(f"{group['kind'].label} ({group['total']})", 2))
        if not group["categories"]:
            blocks.append(para(_("None recorded yet.")))
            continue
        lang = edition.untranslatable(_("Reasons, in the members' own words"), group["kind"].label)
        for category in group["categories"]:
            category["label"] = labels.get(category["label"], category["label"])
        blocks.append(
            bullets(
                [
                    (
                        text(category["label"], b=True),
                        " — "
                        + ngettext("%(n)s organisation", "%(n)s organisations", category["count"])
                        % {"n": category["count"]}
                        + ": "
                        + " ".join(
                            f"“{r.statement}” ({r.membership.organisation})"
                            for r in category["reasons"]
                        ),
                    )
                    for category in group["categories"]
                ]
            )
        )
        editions.mark(blocks[-1:], lang)
    return blocks, {}


def learnings(network, exercise=None):
    """The exercise's learnings by category, each with the organisations behind it."""
    edition = editions.current()
    terms = _terms(network, TermKind.LEARNING_CATEGORY)
    blocks = []
    items = synthesis.learnings_with_evidence(network, the_exercise(network, exercise))
    for group in synthesis.by_category(items):
        items = group["learnings"]
        organisations = sorted({name for item in items for name in item.organisations})
        blocks += _category_heading(terms, group["category"], group["label"])
        if organisations:
            blocks.append(
                para(text(_("Said by: %(names)s") % {"names": ", ".join(organisations)}, i=True))
            )
        blocks += _statements(
            edition,
            items,
            lambda item: f" ({', '.join(item.organisations)})" if item.organisations else "",
        )
    return blocks or [para(_("No learning recorded yet."))], {}


def _terms(network, kind):
    return {term.key: term for term in Term.objects.of(network, kind)}


def _category_heading(terms, key, label):
    """A category's heading in the edition's language (its reference label, noted, else)."""
    term = terms.get(key)
    if term is None:
        return [heading(label, 2)]
    if not editions.current().translated:
        return [heading(label, 2)]
    text, lang = editions.current().text(term, "label", part=_("Category"))
    return editions.mark([heading(text, 2)], lang)


def _statements(edition, items, tail=lambda item: ""):
    """Learnings as bullets in the edition's language: translated ones together, then
    those in the reference language (marked as such: a list has one language)."""
    shown, fallen = [], []
    for item in items:
        statement, lang = edition.text(item, "statement", part=_("Learning"))
        (fallen if lang else shown).append((statement, tail(item)))
    blocks = [bullets(shown)] if shown else []
    if fallen:
        blocks += editions.mark([bullets(fallen)], edition.reference)
    return blocks


def validated_sheets(network):
    """The reference sheets partners validated (or published), with organisation and photos;
    in an edition, each sheet's validated copy in its language where there is one."""
    sheets = (
        Sheet.objects.references(network)
        .filter(state__in=(SheetState.VALIDATED, SheetState.PUBLISHED))
        .select_related("organisation", "template")
        .prefetch_related("photos", "translations__photos")
        .order_by("organisation__name", "title")
    )
    edition = editions.current()
    if not edition.translated:
        return list(sheets)
    return [edition.sheet(sheet) for sheet in sheets]


def practices_results(network, exercise=None):
    """Each validated practice with its summary and results."""
    edition = editions.current()
    blocks = []
    for sheet in validated_sheets(network):
        lang = edition.sheet_language(sheet)
        blocks += editions.mark([heading(f"{sheet.title} — {sheet.organisation}", 2)], lang)
        for key in ("summary", "results"):
            if sheet.content.get(key):
                blocks += editions.mark(to_blocks(sheet.content[key], min_level=3), lang)
    return blocks or [para(_("No sheet has been validated yet."))], {}


def advice_categories(network):
    """The network's learning categories of advice (their keys start with "advice"), in
    its order, with their labels."""
    words = vocabulary.labels(network, TermKind.LEARNING_CATEGORY, language=get_language())
    return [(key, label) for key, label in words.items() if key.startswith("advice")]


def advice(network, exercise=None):
    """Advice by category from the exercise's learnings, then each partner's own advice."""
    edition = editions.current()
    terms = _terms(network, TermKind.LEARNING_CATEGORY)
    blocks = []
    items = synthesis.learnings_with_evidence(network, the_exercise(network, exercise))
    for category, label in advice_categories(network):
        chosen = [item for item in items if item.category == category]
        if chosen:
            blocks += _category_heading(terms, category, label)
            blocks += _statements(edition, chosen)
    partners = [s for s in validated_sheets(network) if s.content.get("advice")]
    if partners:
        blocks.append(heading(_("In the partners' words"), 2))
        for sheet in partners:
            quote = {
                "t": "quote",
                "runs": [text(to_text(sheet.content["advice"]))],
                "by": str(sheet.organisation),
            }
            blocks += editions.mark([quote], edition.sheet_language(sheet))
    return blocks or [para(_("No advice recorded yet."))], {}


def _quote(sheet):
    by = ", ".join(
        part
        for part in (
            sheet.content.get("quote_speaker"),
            sheet.content.get("quote_role"),
            str(sheet.organisation),
        )
        if part
    )
    return {"t": "quote", "runs": [text(to_text(sheet.content["quote"]))], "by": by}


def quotes(network, exercise=None):
    """Quotes of the sheets, only those the person quoted agreed to publish."""
    edition = editions.current()
    chosen = [s for s in validated_sheets(network) if s.content.get("quote") and s.may_publish]
    blocks = [editions.mark([_quote(s)], edition.sheet_language(s))[0] for s in chosen]
    return blocks or [para(_("No quote with publication consent yet."))], {}


def sheets_annex(network, exercise=None):
    """The validated sheets in full: fields, quote (with consent), photos (with consent)."""
    edition = editions.current()
    blocks = []
    skip = {"title", "quote", "quote_speaker", "quote_role", "other"}
    for sheet in validated_sheets(network):
        blocks.append({"t": "pagebreak"})
        start = len(blocks)
        blocks.append(heading(sheet.title, 2))
        meta = [str(sheet.organisation), str(sheet.country.name), sheet.get_level_display()]
        blocks.append(para(text(" · ".join(part for part in meta if part), i=True)))
        for spec in sheet.specs:
            value = sheet.content.get(spec.key)
            if spec.key in skip or not value:
                continue
            blocks.append(heading(spec.label, 3))
            blocks += to_blocks(value, min_level=4) if spec.markdown else [para(value)]
        if sheet.content.get("quote") and sheet.may_publish:
            blocks.append(_quote(sheet))
        for photo in sheet.photos.all():
            if photo.may_publish and photo.image:
                blocks.append(
                    {
                        "t": "image",
                        "src": photo.image.name,
                        "caption": photo.caption,
                        "credit": photo.credit,
                        "alt": photo.caption,
                    }
                )
        editions.mark(blocks[start:], edition.sheet_language(sheet))
    return blocks or [para(_("No sheet has been validated yet."))], {}


DATE_FORMATS = {"year": "Y", "month": "F Y", "day": "j F Y"}


def moment_date(milestone):
    if milestone.display_date:
        return milestone.display_date
    label = date_format(milestone.start_date, DATE_FORMATS[milestone.start_precision])
    if milestone.end_date:
        label += " – " + date_format(milestone.end_date, DATE_FORMATS[milestone.end_precision])
    return label


def timeline(network, exercise=None):
    """The published key moments, in order, in the report's language where translated."""
    edition = editions.current()
    language = get_language()
    moments = (
        Milestone.objects.filter(network=network)
        .published()
        .chronological()
        .select_related("era")
        .prefetch_related("organisations", "translations")
    )
    tags = vocabulary.labels(network, TermKind.MOMENT_TAG)
    tag_terms = _terms(network, TermKind.MOMENT_TAG) if edition.translated else {}
    blocks = []
    for moment in moments:
        if edition.translated:
            item, lang = edition.moment(moment)
        else:
            item, lang = moment.translation(language) if language != "en" else None, ""

        def shown(name, item=item, moment=moment):
            return (getattr(item, name, "") if item is not None else "") or getattr(moment, name)

        title = f"{shown('display_date') if moment.display_date else moment_date(moment)}"
        blocks += editions.mark([heading(f"{title} — {shown('title')}", 2)], lang)
        meta = _moment_meta(edition, moment, tags, tag_terms)
        if meta:
            blocks.append(para(text(meta, i=True)))
        blocks += editions.mark(to_blocks(shown("text"), min_level=3), lang)
        if moment.image_is_public:
            blocks += editions.mark(
                [
                    {
                        "t": "image",
                        "src": moment.image.name,
                        "caption": shown("caption"),
                        "credit": moment.credit,
                        "alt": shown("alt_text"),
                    }
                ],
                lang,
            )
    return blocks or [para(_("No key moment has been published yet."))], {}


def _moment_meta(edition, moment, tags, tag_terms):
    """A moment's era, organisations and tags: one line. In an edition, the era's name and the
    tags' labels in its language (the reference ones, noted, where not translated); tag_terms
    {key: Term} only in an edition."""
    parts = []
    if moment.era_id:
        parts.append(edition.text(moment.era, "name", part=_("Era"))[0])
    organisations = ", ".join(str(o) for o in moment.organisations.all())
    if organisations:
        parts.append(organisations)
    labels = []
    for tag in moment.tag_list:
        term = tag_terms.get(vocabulary.tag_key(tag))
        if term is None:
            labels.append(vocabulary.label_of(tags, tag))
        else:
            labels.append(edition.text(term, "label", part=_("Tag"))[0])
    if labels:
        parts.append(" ".join(f"#{label}" for label in labels))
    return " · ".join(parts)


@dataclass(frozen=True)
class Block:
    label: str
    build: object


BLOCKS = {
    "methodology": Block(gettext_lazy("Methodology: the phases and what was done"), methodology),
    "participation": Block(gettext_lazy("Participation figures"), participation),
    "membership": Block(gettext_lazy("Membership chart"), membership),
    "timeline": Block(gettext_lazy("The timeline's key moments"), timeline),
    "reasons": Block(gettext_lazy("Why join, stay and leave"), reasons),
    "learnings": Block(gettext_lazy("Learnings by category, with who said them"), learnings),
    "practices_results": Block(gettext_lazy("Practices and results"), practices_results),
    "advice": Block(gettext_lazy("Advice by category"), advice),
    "quotes": Block(gettext_lazy("Quotes (with publication consent)"), quotes),
    "sheets_annex": Block(gettext_lazy("The validated sheets, in full (annex)"), sheets_annex),
}


def block_choices():
    return [(key, block.label) for key, block in BLOCKS.items()]
