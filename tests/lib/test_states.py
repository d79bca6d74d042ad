"""move(): a state change made once, whoever asks for it with a stale copy."""

import pytest

from carnet.lib.states import move
from carnet.timeline.models import Milestone

from ..timeline.factories import MilestoneFactory


class Refused(Exception):
    pass


def test_a_stale_copy_asking_for_the_same_move_does_nothing(network):
    first = MilestoneFactory(network=network)
    stale = Milestone.objects.get(pk=first.pk)
    assert move(first, to="accepted", refused=Refused()) is True
    assert move(stale, to="accepted", refused=Refused()) is False
    assert stale.state == "accepted"


def test_a_stale_copy_asking_for_another_move_is_refused(network):
    first = MilestoneFactory(network=network)
    stale = Milestone.objects.get(pk=first.pk)
    move(first, to="accepted", also={"title": "Kept"}, refused=Refused())
    with pytest.raises(Refused):
        move(stale, to="merged", refused=Refused())
    assert Milestone.objects.values_list("state", "title").get() == ("accepted", "Kept")
