"""A vote round scheduled for a later day: nobody votes and nobody is told until it opens,
when `carnet reminders` runs on or after that day; the facilitators see it as scheduled."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from carnet.accounts.waiting import count_for, waiting_for
from carnet.timeline import domain
from carnet.timeline.models import VoteRound

from .factories import MilestoneFactory

TALLY = "/euromed/timeline/moments/tally/"
OPEN = "/euromed/timeline/moments/round/"
MOMENTS = "/euromed/timeline/moments/"


def _days(n):
    return datetime.timedelta(days=n)


@pytest.fixture
def members(network, org_a, org_b):
    network.memberships.filter(organisation=org_b).update(left_on=None)
    MilestoneFactory(network=network, slug="founding", title="Founding meeting")
    return [org_a, org_b]


@pytest.fixture
def scheduled(network, farid, ana, bora, claire, members):
    today = timezone.localdate()
    return domain.start_round(
        network, by=farid, opens_on=today + _days(3), closes_on=today + _days(10)
    )


def kinds(user):
    return [item.kind for g in waiting_for(user) for item in g.items]


def test_an_organiser_schedules_a_round_and_nobody_is_told_yet(client, network, farid, members):
    today = timezone.localdate()
    client.force_login(farid)
    response = client.post(
        OPEN,
        {
            "opens_on": (today + _days(3)).isoformat(),
            "closes_on": (today + _days(10)).isoformat(),
            "target": "10",
        },
    )
    assert response.status_code == 302
    round = VoteRound.objects.get(network=network)
    assert (round.opens_on, round.announced_at) == (today + _days(3), None)
    assert mail.outbox == []
    html = client.get(TALLY).content.decode()
    assert "Vote round scheduled: it opens on" in html
    assert "A vote round is scheduled" in client.get(OPEN).content.decode()


def test_until_it_opens_partners_do_not_see_it_open_nor_vote(client, network, ana, scheduled):
    assert domain.open_round(network) is None
    assert "vote_round" not in kinds(ana)
    client.force_login(ana)
    html = client.get(MOMENTS).content.decode()
    assert "Vote round open until" not in html
    assert "Vote round scheduled" in html
    with pytest.raises(domain.TransitionRefused):
        domain.vote(
            scheduled.network.milestones.get(),
            organisation=ana.roles.get().organisation,
            weight=2,
            by=ana,
        )


def test_it_opens_and_its_e_mail_goes_out_once_when_reminders_run_on_its_day(
    network, ana, bora, scheduled
):
    assert domain.send_round_reminders(today=scheduled.opens_on - _days(1)) == 0
    assert mail.outbox == []
    domain.send_round_reminders(today=scheduled.opens_on)
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "bora@example.org"]
    assert "Vote on the key moments by" in mail.outbox[0].subject
    domain.send_round_reminders(today=scheduled.opens_on)
    domain.send_round_reminders(today=scheduled.opens_on + _days(1))
    assert len(mail.outbox) == 2  # once


def test_the_reminders_command_opens_a_round_whose_day_has_passed(
    network, ana, bora, scheduled, monkeypatch
):
    # Scheduled three days ago for today.
    VoteRound.objects.filter(pk=scheduled.pk).update(
        opens_on=timezone.localdate(), opened_at=timezone.now() - _days(3)
    )
    call_command("reminders")
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "bora@example.org"]
    assert "vote_round" in kinds(ana)
    assert count_for(ana) == len(kinds(ana))


def test_an_opening_date_in_the_past_is_refused(network, farid, members):
    today = timezone.localdate()
    with pytest.raises(domain.TransitionRefused):
        domain.start_round(network, by=farid, opens_on=today - _days(1), closes_on=today)
