"""Every move of every declared workflow tells the people concerned, once, in their own
language, with an absolute link; or is declared silent on purpose, with a reason."""

import pytest
from django.conf import settings
from django.core import mail

from carnet.capitalisation.enums import SYNTHESIS, VIDEOS
from carnet.capitalisation.models import PublishedSynthesis
from carnet.lib.workflow import moved
from carnet.notices.models import Notice
from carnet.practices.enums import SHEETS
from carnet.reports.enums import DECISIONS, REPORT_VERSIONS, BuildStatus
from carnet.reports.models import Decision, Report, ReportVersion, ReviewRound
from carnet.timeline.enums import MILESTONES

from ..capitalisation.factories import VideoFactory
from ..practices.factories import make_sheet
from ..timeline.factories import MilestoneFactory

WORKFLOWS = [SHEETS, MILESTONES, DECISIONS, REPORT_VERSIONS, VIDEOS, SYNTHESIS]
MOVES = [
    pytest.param(workflow, move, id=f"{workflow.name}:{move.source}->{move.target}")
    for workflow in WORKFLOWS
    for move in workflow.moves
]


def make(workflow, *, network, org_a, ana, claire, state):
    """An object of the workflow, of organisation A where it has an owner, in `state`."""
    if workflow is SHEETS:
        obj = make_sheet(network=network, organisation=org_a, by=ana)
    elif workflow is MILESTONES:
        obj = MilestoneFactory(network=network, organisation=org_a, proposed_by=ana)
    elif workflow is VIDEOS:
        obj = VideoFactory(network=network, organisation=org_a)
    elif workflow is SYNTHESIS:
        obj = PublishedSynthesis.objects.create(network=network, pages={"en": "<p>"})
    else:
        report = Report.objects.create(network=network, title="Nine years")
        obj = ReportVersion.objects.create(report=report, number=1, status=BuildStatus.READY)
        if workflow is DECISIONS:
            review = ReviewRound.objects.create(version=obj, sent_by=claire)
            obj = Decision.objects.create(round=review, organisation=org_a)
    setattr(obj, workflow.field, state)
    obj.save()
    return obj


@pytest.mark.parametrize(("workflow", "move"), MOVES)
def test_every_move_tells_someone_or_says_why_not(
    workflow, move, network, org_a, org_b, ana, bora, claire, farid, vera, oscar
):
    obj = make(workflow, network=network, org_a=org_a, ana=ana, claire=claire, state=move.source)
    # The person who makes it: the one its rule names (a decision: Ana answers for A).
    by = ana if workflow is DECISIONS else claire
    if not move.tell:
        assert len(str(move.silent)) > 20  # a reason, in words
        moved(workflow, obj, source=move.source, target=move.target, by=by)
        assert Notice.objects.count() == 0
        return
    moved(workflow, obj, source=move.source, target=move.target, by=by)
    told = sorted(Notice.objects.values_list("recipient__username", flat=True))
    assert told, "nobody was told"
    assert len(told) == len(set(told)), "somebody was told twice"
    assert by.username not in told
    assert "oscar" not in told  # another network's coordinator never hears of it
    if workflow.owner is None:  # what belongs to A is never told to B's editor
        assert "bora" not in told
    assert sorted(address.split("@")[0] for m in mail.outbox for address in m.to) == told
    assert all(f"{settings.BASE_URL}/euromed/" in m.body for m in mail.outbox)  # absolute links


def test_key_moment_accepted_tells_the_proposer_s_organisation_not_the_others(
    network, org_a, org_b, ana, bora, claire, farid
):
    from carnet.timeline import domain

    moment = MilestoneFactory(network=network, organisation=org_a, proposed_by=ana)
    domain.set_state(moment, "accepted", by=farid)
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    assert "Accept for the timeline" in mail.outbox[0].body


def test_a_merged_proposal_tells_its_organisation_once(network, org_a, ana, claire, farid):
    from carnet.timeline import domain

    duplicate = MilestoneFactory(network=network, organisation=org_a, proposed_by=ana)
    kept = MilestoneFactory(network=network, title="The founding meeting")
    with __import__("django").test.TestCase.captureOnCommitCallbacks(execute=True):
        domain.merge(duplicate, into=kept, by=farid)
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    assert "The founding meeting" in mail.outbox[0].body


def test_a_sheet_s_move_tells_each_person_once(network, org_a, ana, claire, farid):
    from carnet.practices import domain

    sheet = make_sheet(network=network, organisation=org_a, by=ana)
    domain.set_state(sheet, "submitted", by=ana)
    assert sorted(address for m in mail.outbox for address in m.to) == [
        "claire@example.org",
        "farid@example.org",
    ]
    assert Notice.objects.count() == 2


def test_an_organisation_s_answer_on_the_report_tells_the_organisers(
    network, org_a, ana, claire, farid, vera
):
    from carnet.reports import domain

    report = Report.objects.create(network=network, title="Nine years")
    version = ReportVersion.objects.create(report=report, number=2, status=BuildStatus.READY)
    review = domain.send_for_review(version, by=claire)
    mail.outbox.clear()
    domain.decide(review, organisation=org_a, state="changes_requested", by=ana, note="Chapter 3")
    assert sorted(address for m in mail.outbox for address in m.to) == [
        "claire@example.org",
        "farid@example.org",
    ]
    assert "Chapter 3" in mail.outbox[0].body


def test_the_text_of_a_move_is_in_the_recipient_s_language(network, org_a, ana, farid):
    from carnet.timeline import domain

    ana.language = "fr"
    ana.save()
    moment = MilestoneFactory(network=network, organisation=org_a, proposed_by=ana, title="X")
    domain.set_state(moment, "accepted", by=farid)
    assert mail.outbox[0].subject == "X : Accepté"
    assert mail.outbox[0].body.startswith("Farid — Accepter pour la frise : « X » est maintenant")
