"""Two clicks at once on a moment's workflow: the move is made and logged once."""

import pytest
from django.urls import reverse

from carnet.accounts.enums import Verb
from carnet.accounts.models import Action
from carnet.timeline.models import Milestone

from ..races import post_twice_at_once, racing
from .factories import MilestoneFactory, VoteFactory


@racing
@pytest.mark.django_db(transaction=True)
def test_two_clicks_at_once_on_accept_log_one_move(network, farid):
    moment = MilestoneFactory(network=network)
    url = reverse("timeline:state", args=["euromed", moment.slug])
    results = post_twice_at_once(farid, url, {"state": "accepted"})
    assert [r.status_code for r in results] == [302, 302]
    assert Milestone.objects.get(pk=moment.pk).state == "accepted"
    assert Action.objects.filter(verb=Verb.STATE, object_id=str(moment.pk)).count() == 1


@racing
@pytest.mark.django_db(transaction=True)
def test_two_clicks_at_once_on_merge_move_the_votes_once(network, farid, org_a, org_b):
    keep = MilestoneFactory(network=network)
    duplicate = MilestoneFactory(network=network)
    VoteFactory(milestone=keep, organisation=org_a, weight=1)
    VoteFactory(milestone=duplicate, organisation=org_b, weight=2)
    url = reverse("timeline:merge", args=["euromed", duplicate.slug])
    results = post_twice_at_once(farid, url, {"into": keep.slug})
    assert [r.status_code for r in results] == [302, 302]
    assert sorted(keep.votes.values_list("organisation", "weight")) == [
        (org_a.pk, 1),
        (org_b.pk, 2),
    ]
    assert Action.objects.filter(verb=Verb.STATE, object_id=str(duplicate.pk)).count() == 1
    assert Action.objects.filter(verb=Verb.CHANGE, object_id=str(keep.pk)).count() == 1


def test_a_second_click_on_a_state_button_says_it_is_done_and_logs_nothing(client, network, farid):
    moment = MilestoneFactory(network=network)
    client.force_login(farid)
    url = reverse("timeline:state", args=["euromed", moment.slug])
    client.post(url, {"state": "accepted"}, follow=True)
    html = client.post(url, {"state": "accepted"}, follow=True).content.decode()
    assert "The moment is now “Accepted”." in html
    assert Action.objects.filter(verb=Verb.STATE, object_id=str(moment.pk)).count() == 1
