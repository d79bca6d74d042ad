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
