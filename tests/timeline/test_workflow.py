"""A key moment moves only as MILESTONES declares, by whom its rules allow."""

import pytest

from carnet.lib.workflow import MoveForbidden, MoveRefused
from carnet.timeline import domain
from carnet.timeline.enums import MilestoneState
from carnet.timeline.models import Milestone

from .factories import MilestoneFactory


def test_a_move_not_declared_is_refused(network, claire):
    milestone = MilestoneFactory(network=network)
    with pytest.raises(MoveRefused):
        domain.set_state(milestone, MilestoneState.PUBLISHED, by=claire)
    assert Milestone.objects.get().state == MilestoneState.PROPOSED


def test_a_partner_may_not_accept_a_proposal(network, ana):
    milestone = MilestoneFactory(network=network)
    with pytest.raises(MoveForbidden):
        domain.set_state(milestone, MilestoneState.ACCEPTED, by=ana)
    assert Milestone.objects.get().state == MilestoneState.PROPOSED


def test_only_the_coordinator_publishes_a_moment(network, farid):
    network.is_published = True
    network.save()
    milestone = MilestoneFactory(network=network, state=MilestoneState.ACCEPTED)
    with pytest.raises(MoveForbidden):
        domain.set_state(milestone, MilestoneState.PUBLISHED, by=farid)
    assert Milestone.objects.get().state == MilestoneState.ACCEPTED
