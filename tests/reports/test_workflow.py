"""Answers and publication of a report version move as DECISIONS and REPORT_VERSIONS say."""

import pytest

from carnet.lib.workflow import MoveForbidden, MoveRefused
from carnet.reports import domain
from carnet.reports.enums import DecisionState
from carnet.reports.models import Decision, ReportVersion


def test_a_partner_may_not_answer_for_another_organisation(version, farid, bora, org_a):
    review = domain.send_for_review(version, by=farid)
    with pytest.raises(MoveForbidden):
        domain.decide(review, organisation=org_a, state=DecisionState.VALIDATED, by=bora)
    assert Decision.objects.get(organisation=org_a).state == DecisionState.PENDING


def test_the_organisers_record_an_answer_given_another_way(version, farid, org_a):
    review = domain.send_for_review(version, by=farid)
    domain.decide(review, organisation=org_a, state=DecisionState.VALIDATED, by=farid)
    assert Decision.objects.get(organisation=org_a).state == DecisionState.VALIDATED


def test_only_the_coordinator_publishes_a_version(version, farid, claire):
    with pytest.raises(MoveRefused) as refused:
        domain.publish(version, by=farid)
    assert isinstance(refused.value, MoveForbidden)
    assert ReportVersion.objects.get().is_published is False
    domain.publish(version, by=claire)
    assert ReportVersion.objects.get().is_published is True
