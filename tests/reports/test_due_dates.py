"""A review round may have a due date: partners see it, are reminded before and after it,
and the facilitators see who is late."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from carnet.accounts.waiting import waiting_for
from carnet.reports import domain
from carnet.reports.enums import DecisionState

TODAY = timezone.localdate()
DUE = TODAY + datetime.timedelta(days=10)


@pytest.fixture
def sent(version, farid, ana, bora):
    review = domain.send_for_review(version, by=farid, message="Please read.", due_on=DUE)
    mail.outbox.clear()
    return review


def day(offset):
    return DUE + datetime.timedelta(days=offset)


def test_the_e_mail_says_when_to_answer_by(version, farid, ana):
    domain.send_for_review(version, by=farid, message="Please read.", due_on=DUE)
    body = mail.outbox[0].body
    assert body.startswith("Please read.\n\nPlease answer by ")


def test_waiting_for_you_shows_the_due_date(sent, ana):
    (group,) = waiting_for(ana)
    (line,) = [item for item in group.items if item.kind == "report"]
    assert line.due == DUE


def test_one_reminder_two_days_before_and_one_the_day_after(sent, ana, bora, org_a):
    assert domain.send_due_reminders(today=day(-3)) == 0
    assert domain.send_due_reminders(today=day(-2)) == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "bora@example.org"]
    assert domain.send_due_reminders(today=day(-1)) == 0  # once before
    assert domain.send_due_reminders(today=day(0)) == 0
    domain.decide(sent, organisation=org_a, state=DecisionState.VALIDATED, by=ana)
    mail.outbox.clear()
    assert domain.send_due_reminders(today=day(1)) == 1
    assert [m.to[0] for m in mail.outbox] == ["bora@example.org"]  # only who has not answered
    assert domain.send_due_reminders(today=day(5)) == 0  # once after


def test_no_reminder_once_everyone_answered_or_for_a_superseded_round(
    sent, ana, bora, org_a, org_b, report, farid
):
    domain.decide(sent, organisation=org_a, state=DecisionState.VALIDATED, by=ana)
    domain.decide(sent, organisation=org_b, state=DecisionState.VALIDATED, by=bora)
    assert domain.send_due_reminders(today=day(1)) == 0
    newer = domain.build_now(report, by=farid)[0]
    domain.send_for_review(newer, by=farid)  # no due date: never reminded automatically
    assert domain.send_due_reminders(today=day(1)) == 0


def test_the_reminders_command_sends_what_is_due(sent, capsys, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: day(1))
    call_command("reminders")
    assert "1 reminder sent" in capsys.readouterr().out


def test_the_facilitators_see_who_is_late(client, sent, farid, monkeypatch):
    client.force_login(farid)
    html = client.get(sent.version.get_absolute_url()).content.decode()
    assert "Answers due by" in html and ">late<" not in html
    monkeypatch.setattr(timezone, "localdate", lambda *args: day(1))
    html = client.get(sent.version.get_absolute_url()).content.decode()
    assert html.count('<strong class="late">late</strong>') == 2


def test_a_due_date_in_the_past_is_refused_and_the_message_kept(client, version, farid):
    client.force_login(farid)
    url = f"/euromed/report/v/{version.number}/send/"
    yesterday = (TODAY - datetime.timedelta(days=1)).isoformat()
    response = client.post(url, {"message": "Kept as typed", "due_on": yesterday})
    assert response.status_code == 400
    html = response.content.decode()
    assert "The due date cannot be in the past." in html and "Kept as typed" in html
    assert not version.rounds.exists()
