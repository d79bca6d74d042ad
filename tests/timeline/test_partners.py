"""Partners find where to propose and vote on key moments (issue 14, item 6)."""

import pytest

from carnet.timeline.models import Milestone

from .factories import MilestoneFactory

PROPOSE = "/euromed/timeline/moments/new/"
VOTE = "/euromed/timeline/moments/"


def test_a_partner_editor_sees_propose_and_vote_on_the_timeline(client, ana):
    client.force_login(ana)
    page = client.get("/euromed/timeline/").content.decode()
    assert f'href="{PROPOSE}"' in page
    assert "Propose a key moment" in page
    assert f'href="{VOTE}"' in page
    assert "Vote on the proposed key moments" in page


def test_a_partner_editor_sees_propose_and_vote_on_the_network_page(client, ana):
    client.force_login(ana)
    page = client.get("/euromed/").content.decode()
    assert f'href="{PROPOSE}"' in page
    assert f'href="{VOTE}"' in page


@pytest.mark.parametrize("who", ["vera", "anonymous"])
def test_who_may_not_propose_sees_no_link(client, personas, who):
    if who != "anonymous":
        client.force_login(personas[who])
    for url in ("/euromed/timeline/", "/euromed/"):
        page = client.get(url).content.decode()
        assert PROPOSE not in page
        assert "Vote on the proposed key moments" not in page


def test_a_partner_editor_follows_the_link_and_votes(client, ana, org_a, network):
    client.force_login(ana)
    moment = MilestoneFactory(network=network, slug="geneva", title="Advocacy in Geneva")
    listing = client.get(VOTE)
    assert listing.status_code == 200
    assert 'action="/euromed/timeline/moments/geneva/vote/"' in listing.content.decode()
    response = client.post(
        "/euromed/timeline/moments/geneva/vote/", {"geneva-weight": "3", "next": "list"}
    )
    assert response.status_code == 302
    assert [(v.organisation, v.weight) for v in moment.votes.all()] == [(org_a, 3)]
    assert Milestone.objects.count() == 1


@pytest.mark.parametrize(
    ("typed", "date", "precision"),
    [
        ("October 2016", "2016-10-01", "month"),
        ("octobre 2016", "2016-10-01", "month"),
        ("septembre 2016", "2016-09-01", "month"),
        ("2016-10", "2016-10-01", "month"),
        ("10/2016", "2016-10-01", "month"),
        ("2016", "2016-01-01", "year"),
        ("12/10/2016", "2016-10-12", "day"),
    ],
)
def test_a_key_moment_starts_when_people_say_it_did(client, ana, org_a, typed, date, precision):
    client.force_login(ana)
    response = client.post(
        PROPOSE,
        {"title": "Joint advocacy", "text": "In Geneva.", "start": typed, "importance": "3",
         "organisations": [org_a.pk], "consent_scope": "none"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()
    milestone = Milestone.objects.get()
    assert (milestone.start_date.isoformat(), milestone.start_precision) == (date, precision)


def test_the_start_field_has_no_maxlength_that_would_cut_a_month_name(client, ana):
    client.force_login(ana)
    page = client.get(PROPOSE).content.decode()
    start = page.split('name="start"')[1].split(">")[0]
    assert "maxlength" not in start
