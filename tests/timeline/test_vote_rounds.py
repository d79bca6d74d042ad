"""Key-moment vote rounds: opened by an organiser with a closing date and a target, told to
every partner editor, reminded to those who have not voted, closed with its result (issue 14,
items 3 and 4)."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from carnet.accounts.waiting import count_for, waiting_for
from carnet.timeline import domain
from carnet.timeline.models import Vote, VoteRound

from .factories import MilestoneFactory

MOMENTS = "/euromed/timeline/moments/"
TALLY = "/euromed/timeline/moments/tally/"
OPEN = "/euromed/timeline/moments/round/"
CLOSE = "/euromed/timeline/moments/round/close/"


@pytest.fixture
def members(network, org_a, org_b):
    """Both organisations are current members (org_b's fixture left the network in 2016)."""
    network.memberships.filter(organisation=org_b).update(left_on=None)
    return [org_a, org_b]


@pytest.fixture
def moments(network):
    return [
        MilestoneFactory(network=network, slug="founding", title="Founding meeting"),
        MilestoneFactory(network=network, slug="geneva", title="Advocacy in Geneva"),
        MilestoneFactory(network=network, slug="campaign", title="Prevention campaign"),
    ]


@pytest.fixture
def round(network, farid, ana, bora, claire, members, moments):
    opened = domain.start_round(network, by=farid, closes_on=timezone.localdate() + _days(10))
    mail.outbox.clear()
    return opened


def _days(n):
    return datetime.timedelta(days=n)


def _long(day):
    return date_format(day, "DATE_FORMAT")


def lines(user):
    return [
        (item.kind, item.text, item.url, item.due) for g in waiting_for(user) for item in g.items
    ]


# ---------------------------------------------------------------- opening


def test_an_organiser_opens_a_round_and_every_partner_editor_is_told_with_a_link(
    client, network, farid, claire, ana, bora, members, moments
):
    closes_on = timezone.localdate() + _days(10)
    client.force_login(farid)
    assert "Open a vote round" in client.get(TALLY).content.decode()
    response = client.post(
        OPEN, {"closes_on": closes_on.isoformat(), "target": "10", "message": "Before we meet."}
    )
    assert response.status_code == 302
    assert response["Location"] == TALLY
    round = VoteRound.objects.get(network=network)
    assert (round.opens_on, round.closes_on, round.target, round.opened_by) == (
        timezone.localdate(),
        closes_on,
        10,
        farid,
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "bora@example.org"]
    message = mail.outbox[0]
    assert message.subject.endswith(f"Vote on the key moments by {_long(closes_on)}")
    assert "Before we meet." in message.body
    assert "The partners choose the 10 key moments" in message.body
    assert message.body.endswith(f"\n\n{settings.BASE_URL}/euromed/timeline/moments/")


def test_a_past_closing_date_is_refused_and_the_form_kept(client, network, farid, members):
    client.force_login(farid)
    yesterday = timezone.localdate() - _days(1)
    response = client.post(
        OPEN, {"closes_on": yesterday.isoformat(), "target": "8", "message": "Kept as typed"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The closing date has passed: choose a later one." in page
    assert 'value="8"' in page
    assert "Kept as typed" in page
    assert VoteRound.objects.count() == 0
    assert mail.outbox == []


def test_only_one_round_is_open_per_network(client, network, farid, round):
    with pytest.raises(domain.TransitionRefused, match="already open"):
        domain.start_round(network, by=farid, closes_on=timezone.localdate() + _days(3))
    client.force_login(farid)
    page = client.get(OPEN).content.decode()
    assert f"A vote round is already open, until {_long(round.closes_on)}." in page
    assert VoteRound.objects.count() == 1


# ---------------------------------------------------------------- voting


def test_before_any_round_votes_are_taken_at_any_time_and_belong_to_none(
    network, ana, org_a, moments
):
    item = domain.vote(moments[0], organisation=org_a, weight=3, by=ana)
    assert (item.weight, item.round) == (3, None)


def test_votes_cast_in_an_open_round_belong_to_it_and_the_tally_counts_only_them(
    network, ana, bora, org_a, org_b, members, moments, farid
):
    domain.vote(moments[1], organisation=org_b, weight=3, by=bora)  # before the round
    opened = domain.start_round(network, by=farid, closes_on=timezone.localdate() + _days(5))
    item = domain.vote(moments[0], organisation=org_a, weight=2, by=ana)
    assert item.round == opened
    rows, columns = domain.tallies(network, opened)
    assert [(r.milestone.slug, r.points) for r in rows][:1] == [("founding", 2)]
    assert columns == [org_a]
    assert [o.name for o in domain.not_voted(opened)] == ["Caritas Armenia"]


def test_once_a_round_is_closed_votes_wait_for_the_next_one(
    client, network, ana, org_a, farid, round, moments
):
    domain.close_round(round, by=farid)
    with pytest.raises(domain.TransitionRefused, match="The vote round is closed"):
        domain.vote(moments[0], organisation=org_a, weight=3, by=ana)
    client.force_login(ana)
    page = client.get(MOMENTS).content.decode()
    assert "/vote/" not in page
    assert "The vote round closed on" in page


def test_the_proposals_page_shows_the_round_and_how_many_moments_the_organisation_voted_for(
    client, network, ana, org_a, round, moments
):
    client.force_login(ana)
    page = client.get(MOMENTS).content.decode()
    assert f"Vote round open until {_long(round.closes_on)}" in page
    assert "The partners choose 10 key moments." in page
    assert "Caritas Albania has voted for 0 key moments." in page
    response = client.post(
        "/euromed/timeline/moments/geneva/vote/", {"geneva-weight": "3", "next": "list"}
    )
    assert response["Location"] == MOMENTS
    page = client.get(MOMENTS).content.decode()
    assert "Caritas Albania has voted for 1 key moment." in page
    assert Vote.objects.get(organisation=org_a).round == round


def test_the_timeline_and_the_network_page_lead_partners_to_the_open_round(client, ana, round):
    client.force_login(ana)
    for url in ("/euromed/timeline/", "/euromed/"):
        page = client.get(url).content.decode()
        assert f"Vote on the key moments by {_long(round.closes_on)}" in page


# ---------------------------------------------------------------- reminders and closing


def test_reminders_go_two_days_before_and_on_the_closing_day_once_to_who_has_not_voted(
    network, ana, bora, org_b, round, moments
):
    domain.vote(moments[0], organisation=org_b, weight=1, by=bora)
    closes = round.closes_on
    assert domain.send_round_reminders(today=closes - _days(3)) == 0
    assert domain.send_round_reminders(today=closes - _days(2)) == 1
    assert domain.send_round_reminders(today=closes - _days(1)) == 0  # sent once
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    assert mail.outbox[0].subject.endswith(
        f"Reminder: vote on the key moments of Euro-Mediterranean network by {_long(closes)}"
    )
    assert domain.send_round_reminders(today=closes) == 1
    assert domain.send_round_reminders(today=closes) == 0
    assert [m.to for m in mail.outbox] == [["ana@example.org"], ["ana@example.org"]]


def test_the_reminders_command_closes_a_round_past_its_day_and_tells_the_organisers_the_result(
    network, ana, bora, org_a, org_b, farid, claire, round, moments
):
    domain.vote(moments[1], organisation=org_a, weight=3, by=ana)
    domain.vote(moments[0], organisation=org_a, weight=1, by=ana)
    domain.send_round_reminders(today=round.closes_on + _days(1))
    round.refresh_from_db()
    assert round.closed_at is not None and round.closed_by is None
    assert round.result == [
        {"slug": "geneva", "title": "Advocacy in Geneva", "points": 3, "organisations": 1},
        {"slug": "founding", "title": "Founding meeting", "points": 1, "organisations": 1},
    ]
    assert sorted(m.to[0] for m in mail.outbox) == ["claire@example.org", "farid@example.org"]
    body = mail.outbox[0].body
    assert "1. Advocacy in Geneva (3 points)\n2. Founding meeting (1 point)" in body
    assert "1 organisation did not vote: Caritas Armenia." in body
    assert domain.close_round(round, by=farid) is False  # closed once
    assert len(mail.outbox) == 2


def test_closing_now_asks_to_confirm_and_says_who_has_not_voted_then_closes(
    client, network, farid, claire, round
):
    client.force_login(farid)
    page = client.get(CLOSE).content.decode()
    assert "Close the vote round now?" in page
    assert "2 organisations have not voted:" in page
    round.refresh_from_db()
    assert round.closed_at is None
    response = client.post(CLOSE)
    assert response["Location"] == TALLY
    round.refresh_from_db()
    assert round.closed_by == farid
    assert [m.to for m in mail.outbox] == [["claire@example.org"]]  # not the one who closed it
    page = client.get(TALLY).content.decode()
    assert "The vote round closed on" in page
    assert page.count('<span class="badge warning">late</span>') == 2
    assert "Open a new vote round" in page


def test_the_tally_shows_who_has_not_voted_while_the_round_is_open(
    client, farid, ana, org_a, round, moments
):
    domain.vote(moments[2], organisation=org_a, weight=2, by=ana)
    client.force_login(farid)
    page = client.get(TALLY).content.decode()
    assert "1 organisation has not voted yet:" in page
    assert "<li>Caritas Armenia</li>" in page
    assert "Close the round now" in page


# ---------------------------------------------------------------- waiting for you


def test_waiting_lists_the_round_for_partners_who_have_not_voted_by_its_closing_date(
    network, ana, bora, org_b, farid, claire, round, moments
):
    domain.vote(moments[0], organisation=org_b, weight=2, by=bora)
    text = f"Vote on the key moments by {_long(round.closes_on)}"
    assert lines(ana) == [("vote_round", text, MOMENTS, round.closes_on)]
    assert lines(bora) == []
    not_voted = (
        "not_voted",
        "1 organisation has not voted on the key moments yet: Caritas Albania",
        TALLY,
    )
    assert [line[:3] for line in lines(farid) if line[0] == "not_voted"] == [not_voted]
    for person in (ana, bora, farid, claire):
        person.forget_roles()
        assert count_for(person) == len(lines(person))


def test_the_opening_e_mail_is_written_in_each_recipients_language(
    network, farid, ana, bora, members, moments
):
    ana.language = "fr"
    ana.save(update_fields=["language"])
    domain.start_round(network, by=farid, closes_on=datetime.date(2099, 6, 15))
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["ana@example.org"].endswith("Votez sur les moments clés d’ici le 15 juin 2099")
    assert subjects["bora@example.org"].endswith("Vote on the key moments by June 15, 2099")


# ---------------------------------------------------------------- in a browser


@pytest.mark.browser
def test_ana_follows_the_e_mail_link_on_a_phone_votes_and_sees_her_count(
    live_server, browser, network, farid, ana, bora, members, moments
):
    """At 360 px: from the e-mail's link to her organisation's count, in four clicks."""
    domain.start_round(network, by=farid, closes_on=timezone.localdate() + _days(10))
    message = next(m for m in mail.outbox if m.to == ["ana@example.org"])
    link = message.body.rsplit("\n", 1)[-1]
    assert link == f"{settings.BASE_URL}/euromed/timeline/moments/"
    clicks = 0
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(link.replace(settings.BASE_URL, live_server.url))  # 1: the link in the e-mail
    clicks += 1
    page.get_by_label("Username").fill("ana")
    page.get_by_label("Password").fill("secret-pass-123")
    page.get_by_role("button", name="Log in").click()
    clicks += 1
    page.wait_for_url(f"{live_server.url}/euromed/timeline/moments/")
    expect(page.get_by_text("Caritas Albania has voted for 0 key moments.")).to_be_visible()
    page.wait_for_load_state("load")  # carnet.js (deferred) listens before the choice
    page.get_by_label("How much “Advocacy in Geneva” matters to your organisation").select_option(
        "3"
    )
    clicks += 1  # the choice sends the vote: no "Vote" button with JavaScript
    expect(page.get_by_text("Caritas Albania has voted for 1 key moment.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert [(v.milestone.slug, v.weight, v.round_id) for v in Vote.objects.all()] == [
        ("geneva", 3, VoteRound.objects.get().pk)
    ]
    assert clicks == 3
    context.close()
