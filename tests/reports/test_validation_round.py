"""The organisers ask the partners to validate their sheets and the images and videos that show
them by a date, from the validation matrix; those who have not answered are reminded before and
after it (carnet reminders, each reminder once), and the matrix marks who is late."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from carnet.accounts.waiting import waiting_for
from carnet.capitalisation.models import Video
from carnet.practices.enums import SheetState
from carnet.practices.models import Sheet
from carnet.reports import domain
from carnet.reports.enums import DecisionState
from carnet.reports.models import ValidationRound
from tests.practices.factories import make_sheet

MATRIX = "/euromed/validations/"
ASK = "/euromed/validations/ask/"
TODAY = timezone.localdate()


@pytest.fixture
def items(network, org_a, org_b, ana):
    sheet = make_sheet(network=network, organisation=org_a, by=ana, title="Training judges")
    Sheet.objects.filter(pk=sheet.pk).update(state=SheetState.APPROVED)
    video = Video.objects.create(network=network, organisation=org_b, title="Armenia's testimony")
    return Sheet.objects.get(pk=sheet.pk), video


def ask(network, farid, due_on=TODAY + datetime.timedelta(days=7)):
    return domain.send_validation_round(network, by=farid, message="", due_on=due_on)


@pytest.mark.parametrize("who", ["farid", "claire"])
def test_organisers_ask_the_partners_from_the_matrix(client, personas, items, who):
    client.force_login(personas[who])
    assert f'href="{ASK}"' in client.get(MATRIX).content.decode()
    page = client.get(ASK).content.decode()
    assert "The partner editors of 2 organisations will receive by e-mail" in page
    due = TODAY + datetime.timedelta(days=10)
    response = client.post(ASK, {"message": "Before the meeting.", "due_on": due.isoformat()})
    assert response["Location"] == MATRIX
    validation_round = ValidationRound.objects.get()
    assert (validation_round.due_on, validation_round.sent_by) == (due, personas[who])
    assert len(mail.outbox) == 2
    matrix = client.get(MATRIX).content.decode()
    assert "Answers due by" in matrix


@pytest.mark.parametrize("who", ["ana", "vera"])
def test_partners_and_viewers_do_not_start_a_round(client, personas, items, who):
    client.force_login(personas[who])
    assert f'href="{ASK}"' not in client.get(MATRIX).content.decode()
    assert client.post(ASK).status_code == 403
    assert not ValidationRound.objects.exists()


def test_a_due_date_in_the_past_is_refused_with_the_form_kept(client, farid, items):
    client.force_login(farid)
    yesterday = TODAY - datetime.timedelta(days=1)
    response = client.post(ASK, {"message": "Kept.", "due_on": yesterday.isoformat()})
    assert response.status_code == 400
    assert "The due date cannot be in the past." in response.content.decode()
    assert "Kept." in response.content.decode()
    assert not ValidationRound.objects.exists()


def test_the_confirmation_names_the_organisations_nobody_would_receive(
    client, farid, network, org_a, org_b, ana
):
    make_sheet(network=network, organisation=org_b, by=farid, title="Bora's sheet")
    Sheet.objects.update(state=SheetState.APPROVED)
    client.force_login(farid)
    page = client.get(ASK).content.decode()
    assert "1 organisation has nobody to receive this: invite them." in page
    assert str(org_b) in page


def test_partners_are_reminded_before_and_after_the_due_date_once_each(
    network, farid, ana, bora, items
):
    ask(network, farid, due_on=TODAY + datetime.timedelta(days=2))
    mail.outbox.clear()
    assert domain.send_due_reminders(today=TODAY) == 1
    assert sorted(m.to[0] for m in mail.outbox) == [ana.email, bora.email]
    assert "Reminder" in mail.outbox[0].subject
    assert domain.send_due_reminders(today=TODAY) == 0  # once
    mail.outbox.clear()
    after = TODAY + datetime.timedelta(days=3)
    assert domain.send_due_reminders(today=after) == 1
    assert domain.send_due_reminders(today=after) == 0


def test_only_organisations_that_have_not_answered_are_reminded(
    network, farid, ana, bora, org_a, items
):
    sheet, _video = items
    ask(network, farid, due_on=TODAY)
    domain.answer_item(
        sheet, organisation=org_a, state=DecisionState.VALIDATED, by=ana, network=network
    )
    mail.outbox.clear()
    call_command("reminders", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [[bora.email]]


def test_nobody_is_reminded_once_everyone_answered(network, farid, ana, bora, org_a, org_b, items):
    sheet, video = items
    ask(network, farid, due_on=TODAY)
    domain.answer_item(
        sheet, organisation=org_a, state=DecisionState.VALIDATED, by=ana, network=network
    )
    domain.answer_item(
        video, organisation=org_b, state=DecisionState.CHANGES_REQUESTED, by=bora, network=network
    )
    assert domain.send_due_reminders(today=TODAY + datetime.timedelta(days=1)) == 0


def test_the_matrix_marks_late_organisations(client, network, farid, ana, org_a, items):
    sheet, _video = items
    ask(network, farid, due_on=TODAY)
    domain.answer_item(
        sheet, organisation=org_a, state=DecisionState.VALIDATED, by=ana, network=network
    )
    client.force_login(farid)
    assert 'class="badge late"' not in client.get(MATRIX).content.decode()  # due today
    ValidationRound.objects.update(due_on=TODAY - datetime.timedelta(days=1))
    page = client.get(MATRIX).content.decode()
    assert page.count('class="badge late"') == 1
    assert domain.late_organisations(network) == {items[1].organisation_id}


def test_waiting_for_you_says_by_when(network, farid, ana, items):
    due = TODAY + datetime.timedelta(days=5)
    ask(network, farid, due_on=due)
    (group,) = waiting_for(ana)
    (line,) = [item for item in group.items if item.kind == "sheet_approved"]
    assert line.due == due
