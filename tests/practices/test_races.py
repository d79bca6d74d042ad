"""Two clicks at once on a sheet's workflow: applied once, logged once."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from carnet.accounts.enums import Verb
from carnet.accounts.models import Action
from carnet.practices import domain
from carnet.practices.enums import SuggestionStatus
from carnet.practices.models import Sheet

from ..races import race, racing
from .factories import make_sheet

ADDED = "120 social workers and 30 judges"  # still holds the passage: applying twice shows


def clients_of(user, n=2):
    clients = [Client() for _ in range(n)]
    for client in clients:
        client.force_login(user)
    return clients


def posting(client, url, data):
    return lambda: client.post(url, data)


@pytest.fixture
def sheet_with_suggestion(network, org_a, ana, farid):
    sheet = make_sheet(network=network, organisation=org_a, by=ana)
    suggestion = domain.suggest(
        sheet, by=farid, field="summary", passage="120 social workers", replacement=ADDED
    )
    return sheet, suggestion


def suggestion_url(sheet, suggestion):
    return reverse("practices:suggestion", args=["euromed", sheet.slug, suggestion.pk])


@racing
@pytest.mark.django_db(transaction=True)
def test_two_clicks_at_once_on_accept_apply_a_suggestion_once(sheet_with_suggestion, ana):
    sheet, suggestion = sheet_with_suggestion
    url = suggestion_url(sheet, suggestion)
    results = race(*(posting(c, url, {"action": "accept"}) for c in clients_of(ana)))
    assert [r.status_code for r in results] == [302, 302]
    sheet = Sheet.objects.get(pk=sheet.pk)
    assert sheet.content["summary"].count("30 judges") == 1
    assert sheet.versions.count() == 2
    assert Action.objects.filter(verb=Verb.STATE, object_id=str(suggestion.pk)).count() == 1


@racing
@pytest.mark.django_db(transaction=True)
def test_accept_and_reject_at_once_leave_one_answer(sheet_with_suggestion, ana):
    sheet, suggestion = sheet_with_suggestion
    url = suggestion_url(sheet, suggestion)
    accepting, rejecting = clients_of(ana)
    results = race(
        posting(accepting, url, {"action": "accept"}), posting(rejecting, url, {"action": "reject"})
    )
    assert [r.status_code for r in results] == [302, 302]
    suggestion.refresh_from_db()
    applied = "30 judges" in Sheet.objects.get(pk=sheet.pk).content["summary"]
    assert applied == (suggestion.status == SuggestionStatus.ACCEPTED)
    assert Action.objects.filter(verb=Verb.STATE, object_id=str(suggestion.pk)).count() == 1


@racing
@pytest.mark.django_db(transaction=True)
def test_two_clicks_at_once_on_submit_move_a_sheet_once(network, org_a, ana, farid):
    sheet = make_sheet(network=network, organisation=org_a, by=ana)
    url = reverse("practices:state", args=["euromed", sheet.slug])
    mail.outbox.clear()
    results = race(*(posting(c, url, {"state": "submitted"}) for c in clients_of(ana)))
    assert [r.status_code for r in results] == [302, 302]
    assert Sheet.objects.get(pk=sheet.pk).state == "submitted"
    assert Action.objects.filter(verb=Verb.STATE, object_id=str(sheet.pk)).count() == 1
    assert [m.to for m in mail.outbox] == [[farid.email]]


def test_a_second_click_on_a_state_button_says_it_is_done_and_logs_nothing(
    client, network, org_a, ana
):
    sheet = make_sheet(network=network, organisation=org_a, by=ana)
    client.force_login(ana)
    url = reverse("practices:state", args=["euromed", sheet.slug])
    client.post(url, {"state": "submitted"}, follow=True)
    html = client.post(url, {"state": "submitted"}, follow=True).content.decode()
    assert "The sheet is now “Submitted”." in html
    assert "This sheet cannot move to that state now." not in html
    assert Action.objects.filter(verb=Verb.STATE, object_id=str(sheet.pk)).count() == 1
