"""Occasional partners answer a review round from the e-mail, without a password: a link of
their own, for one answer on one thing, once, until it expires."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from carnet.accounts.enums import Verb
from carnet.accounts.models import Action, Role
from carnet.answers.models import AnswerLink
from carnet.reports import domain
from carnet.reports.enums import DecisionState

LINK = re.compile(r"https?://\S+/answer/[\w-]+/")


@pytest.fixture
def sent(version, farid, ana, bora):
    domain.send_for_review(version, by=farid, message="Please read chapter 2.")
    return version.rounds.get()


def link_of(person):
    (message,) = [m for m in mail.outbox if m.to == [person.email]]
    (link,) = LINK.findall(message.body)
    return link.split("://", 1)[1].split("/", 1)[1]  # the path


def decision_of(review, organisation):
    return review.decisions.get(organisation=organisation)


def test_each_partner_editor_gets_a_link_of_their_own(sent, ana, bora):
    assert link_of(ana) != link_of(bora)
    assert AnswerLink.objects.count() == 2


def test_ana_validates_for_her_organisation_in_one_click_recorded_as_her(
    client, sent, ana, org_a, org_b
):
    page = client.get("/" + link_of(ana))
    assert page.status_code == 200
    assert "Please read chapter 2." in page.content.decode()
    response = client.post(
        "/" + link_of(ana), {"answer": DecisionState.VALIDATED, "note": "Fine for us."}
    )
    assert response.status_code == 200 and "Thank you" in response.content.decode()
    decision = decision_of(sent, org_a)
    assert (decision.state, decision.by, decision.note) == (
        DecisionState.VALIDATED,
        ana,
        "Fine for us.",
    )
    assert decision_of(sent, org_b).state == DecisionState.PENDING
    assert Action.objects.filter(verb=Verb.STATE, actor=ana).exists()
    assert "_auth_user_id" not in client.session  # nobody was logged in


def test_a_link_works_once(client, sent, ana):
    path = "/" + link_of(ana)
    client.post(path, {"answer": DecisionState.CHANGES_REQUESTED})
    again = client.post(path, {"answer": DecisionState.VALIDATED})
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    assert client.get(path).status_code == 410


def test_an_expired_link_is_refused(client, sent, ana):
    path = "/" + link_of(ana)
    AnswerLink.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.post(path, {"answer": DecisionState.VALIDATED})
    assert response.status_code == 410
    assert decision_of(sent, ana.organisation_in(sent.network)).state == DecisionState.PENDING


def test_a_link_stops_working_when_its_person_loses_the_role(client, sent, ana, org_a):
    path = "/" + link_of(ana)
    Role.objects.filter(user=ana).delete()
    assert client.post(path, {"answer": DecisionState.VALIDATED}).status_code == 403
    assert decision_of(sent, org_a).state == DecisionState.PENDING


def test_a_link_to_a_superseded_version_is_refused(client, sent, ana, report, farid):
    path = "/" + link_of(ana)
    newer = domain.build_now(report, by=farid)[0]
    domain.send_for_review(newer, by=farid)
    assert client.get(path).status_code == 403


def test_the_link_opens_the_version_s_pdf_and_nothing_else(client, sent, ana):
    path = "/" + link_of(ana)
    response = client.get(path + "file/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Referrer-Policy"] == "same-origin"
    assert client.get("/euromed/report/").status_code in (302, 404)  # no session was opened


def test_an_answer_not_offered_is_refused_and_changes_nothing(client, sent, ana, org_a):
    response = client.post("/" + link_of(ana), {"answer": "published"})
    assert response.status_code == 200  # the form again
    assert decision_of(sent, org_a).state == DecisionState.PENDING
    assert AnswerLink.objects.filter(used_at__isnull=False).count() == 0


def test_only_a_hash_of_the_token_is_stored(sent, ana):
    token = link_of(ana).rstrip("/").rsplit("/", 1)[1]
    assert not AnswerLink.objects.filter(token_hash__contains=token).exists()


def test_a_reminder_carries_a_fresh_link(sent, ana, farid):
    mail.outbox.clear()
    domain.remind(sent, by=farid)
    assert LINK.findall(mail.outbox[0].body)
    assert AnswerLink.objects.count() == 4
