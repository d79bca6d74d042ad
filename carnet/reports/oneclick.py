"""A report version sent for review can be answered from the e-mail, in one click: each
partner editor gets a link of their own to validate it for their organisation or ask for
changes (carnet.answers)."""

from django.utils.translation import gettext as _

from carnet.answers import domain as answers
from carnet.answers.registry import Answerable

from .enums import DecisionState


def choices():
    return [
        (DecisionState.VALIDATED, _("We validate this version")),
        (DecisionState.CHANGES_REQUESTED, _("We ask for changes")),
    ]


def allowed(decision, person):
    from .domain import current_round

    return decision.round == current_round(decision.round.version.report) and person.has_perm(
        "reports.decide_decision", decision
    )


def answer(decision, person, value, note):
    from .domain import ReportError, decide

    try:
        decide(
            decision.round, organisation=decision.organisation, state=value, by=person, note=note
        )
    except ReportError as exc:
        raise ValueError(str(exc)) from None


def describe(decision):
    version = decision.round.version
    return {
        "network": version.report.network.name,
        "title": _("Version %(n)s of “%(title)s”, for %(organisation)s")
        % {
            "n": version.number,
            "title": version.report.title,
            "organisation": decision.organisation,
        },
        "text": decision.round.message,
        "file": version.pdf or None,
    }


ANSWERABLE = Answerable(choices=choices, allowed=allowed, answer=answer, describe=describe)


def links_for(decisions, network):
    """personal(person) for notify(): the person's own one-click link for their organisation's
    decision, in the e-mail they receive at once."""
    by_organisation = {decision.organisation_id: decision for decision in decisions}

    def personal(person):
        organisation = person.organisation_in(network)
        decision = by_organisation.get(organisation.pk) if organisation else None
        if decision is None:
            return ""
        return _(
            "Answer in one click, without a password: %(link)s\n(This link is yours alone; it "
            "works once.)"
        ) % {"link": answers.issue(person, decision)}

    return personal


# ---------------------------------------------------------------- sheets, images and videos
# The items of the validation matrix: each organisation validates its own sheets and the
# images and videos that show it. A link is for one item, answered for the person's own
# organisation; it is refused once the item changed since it was sent (its fingerprint).


def item_network(item):
    return item.sheet.network if hasattr(item, "sheet") else item.network


def item_choices():
    return [
        (DecisionState.VALIDATED, _("We validate it")),
        (DecisionState.CHANGES_REQUESTED, _("We ask for changes")),
    ]


def item_allowed(item, person):
    """The person still answers for an organisation that is asked to validate this item
    (the matrix's own test: its editors, its items; a sheet once the facilitators approved
    it)."""
    from .validations import answerable_item, answering_for

    network = item_network(item)
    organisation = answering_for(person, network)
    return organisation is not None and answerable_item(network, organisation, item)


def item_answer(item, person, value, note):
    from .domain import ReportError, answer_item

    network = item_network(item)
    try:
        answer_item(
            item,
            organisation=person.organisation_in(network),
            state=value,
            by=person,
            note=note,
            network=network,
        )
    except ReportError as exc:
        raise ValueError(str(exc)) from None


def item_describe(item):
    from carnet.capitalisation.models import Video
    from carnet.lib.markdown import render
    from carnet.practices.models import Sheet, SheetPhoto

    network = item_network(item)
    about = {
        "network": network.name,
        "text": "",
        "file": None,
        "login_text": _("Or log in to see everything your organisation is asked to validate."),
    }
    if isinstance(item, Sheet):
        about["title"] = _("Your sheet “%(title)s”") % {"title": item.title}
        about["sections"] = [
            (spec.label, render(item.content.get(spec.key, "")))
            for spec in item.field_specs
            if str(item.content.get(spec.key) or "").strip()
        ]
    elif isinstance(item, SheetPhoto):
        about["title"] = _("A photo of the sheet “%(title)s”") % {"title": item.sheet.title}
        about["text"] = " · ".join(part for part in (item.caption, item.credit) if part)
        about["file"], about["image"] = item.image, item.caption
    elif isinstance(item, Video):
        about["title"] = _("The video “%(title)s”") % {"title": item.title}
        about["text"] = item.speaker
        about["file"] = item.file or None
        about["file_label"] = _("Watch the video")
        about["link"] = item.link
    else:  # a key moment's image
        about["title"] = _("The image of the key moment “%(title)s”") % {"title": item.title}
        about["text"] = item.caption
        about["file"], about["image"] = item.image, item.alt_text
    return about


def item_fingerprint(item):
    from .domain import fingerprint

    return fingerprint(item)


ITEM_ANSWERABLE = Answerable(
    choices=item_choices,
    allowed=item_allowed,
    answer=item_answer,
    describe=item_describe,
    fingerprint=item_fingerprint,
)


def item_links_for(waiting, network):
    """personal(person) for notify(): one line per item the person's organisation is asked to
    validate, each with the person's own link. `waiting`: {organisation id: [item]}."""

    def personal(person):
        organisation = person.organisation_in(network)
        items = waiting.get(organisation.pk, []) if organisation else []
        if not items:
            return ""
        lines = [
            _("Answer in one click, without a password (each link is yours alone and works once):")
        ]
        lines += [f"- {item_label(item)}: {answers.issue(person, item)}" for item in items]
        return "\n".join(lines)

    return personal


def item_label(item):
    from carnet.capitalisation.models import Video
    from carnet.practices.models import Sheet, SheetPhoto

    if isinstance(item, Sheet):
        return _("Sheet “%(title)s”") % {"title": item.title}
    if isinstance(item, SheetPhoto):
        return _("Photo “%(caption)s”") % {"caption": item}
    if isinstance(item, Video):
        return _("Video “%(title)s”") % {"title": item.title}
    return _("Image of “%(title)s”") % {"title": item.title}
