"""The review as partners meet it: the reviewer's note on the sheet, the owner organisation
deciding on suggestions, reasons for rejecting, resolved suggestions kept in sight, and
workflow buttons in plain words."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from carnet.accounts.models import Action
from carnet.practices import domain
from carnet.practices.enums import SheetState, SuggestionStatus
from carnet.practices.models import Sheet

from .factories import make_sheet


@pytest.fixture
def sheet(network, org_a, ana):
    return make_sheet(network=network, organisation=org_a, by=ana)


def detail(client, sheet):
    return client.get(reverse("practices:detail", args=["euromed", sheet.slug])).content.decode()


def ask_for_changes(sheet, ana, farid, note):
    domain.set_state(sheet, "submitted", by=ana)
    domain.set_state(sheet, "in_review", by=farid)
    domain.set_state(sheet, "changes_requested", by=farid, note=note)


def test_the_note_asking_for_changes_stays_on_the_sheet_until_resubmitted(sheet, ana, farid):
    ask_for_changes(sheet, ana, farid, "Please add the results of 2019.")
    stored = Sheet.objects.get(pk=sheet.pk)
    assert (stored.review_note, stored.review_note_by) == ("Please add the results of 2019.", farid)
    domain.set_state(stored, "resubmitted", by=ana)
    stored = Sheet.objects.get(pk=sheet.pk)
    assert (stored.review_note, stored.review_note_by, stored.review_note_at) == ("", None, None)


def test_the_sheet_shows_the_reviewers_note_above_the_suggestions(client, sheet, ana, farid):
    domain.suggest(sheet, by=farid, field="summary", passage="120", replacement="130")
    ask_for_changes(sheet, ana, farid, "Please add the results of 2019.")
    client.force_login(ana)
    html = detail(client, sheet)
    note = html.index("Please add the results of 2019.")
    assert html.index('id="review-note-h">Changes requested') < note < html.index('id="sugg-h"')
    assert "Asked by Farid" in html
    edit = client.get(reverse("practices:edit", args=["euromed", sheet.slug])).content.decode()
    assert "Please add the results of 2019." in edit
    domain.set_state(Sheet.objects.get(pk=sheet.pk), "resubmitted", by=ana)
    assert "Please add the results of 2019." not in detail(client, sheet)


def test_only_the_owner_organisation_decides_on_suggestions(sheet, ana, farid, claire):
    suggestion = domain.suggest(sheet, by=farid, field="summary", passage="120", replacement="130")
    for organiser in (farid, claire):
        with pytest.raises(PermissionDenied):
            domain.accept(suggestion, by=organiser)
        with pytest.raises(PermissionDenied):
            domain.reject(suggestion, by=organiser)
        with pytest.raises(PermissionDenied):
            domain.accept_all(sheet, by=organiser)
        with pytest.raises(PermissionDenied):
            domain.reject_all(sheet, by=organiser)
    assert Sheet.objects.get(pk=sheet.pk).suggestions.get().status == SuggestionStatus.OPEN
    domain.accept(suggestion, by=ana)
    assert "130 social workers" in Sheet.objects.get(pk=sheet.pk).content["summary"]


def test_the_facilitator_suggests_but_sees_no_button_to_accept(client, sheet, ana, farid):
    suggestion = domain.suggest(sheet, by=farid, field="summary", passage="120", replacement="130")
    client.force_login(farid)
    html = detail(client, sheet)
    assert "1 open suggestion" in html
    assert 'value="accept"' not in html and "Accept all" not in html
    assert "Caritas Albania accepts or rejects the suggestions on its sheet." in html
    url = reverse("practices:suggestion", args=["euromed", sheet.slug, suggestion.pk])
    assert client.post(url, {"action": "accept"}).status_code == 403
    client.force_login(ana)
    assert "Accept all" in detail(client, sheet)


def test_rejecting_keeps_the_reason_and_shows_it_among_resolved_suggestions(
    client, sheet, ana, farid
):
    kept = domain.suggest(sheet, by=farid, field="summary", passage="120", replacement="130")
    dropped = domain.suggest(sheet, by=farid, field="context", passage="Few", replacement="No")
    client.force_login(ana)
    url = reverse("practices:suggestion", args=["euromed", sheet.slug, dropped.pk])
    client.post(url, {"action": "reject", "reason": "Some professionals did know."})
    dropped.refresh_from_db()
    assert (dropped.status, dropped.resolved_by) == (SuggestionStatus.REJECTED, ana)
    assert dropped.reason == "Some professionals did know."
    assert Action.objects.get(data__to="rejected").data["reason"] == (
        "Some professionals did know."
    )
    domain.accept(kept, by=ana)
    client.force_login(farid)
    html = detail(client, sheet)
    resolved = html[html.index('id="resolved-suggestions"') :]
    assert "2 resolved suggestions" in resolved
    assert "Rejected" in resolved and "Accepted" in resolved
    assert "by Ana on" in resolved
    assert "Reason: Some professionals did know." in resolved


def test_reject_all_keeps_one_reason_for_each(sheet, ana, farid):
    domain.suggest(sheet, by=farid, field="summary", passage="120", replacement="130")
    domain.suggest(sheet, by=farid, field="context", passage="Few", replacement="No")
    domain.reject_all(sheet, by=ana, reason="We keep our words.")
    assert set(sheet.suggestions.values_list("status", "reason")) == {
        (SuggestionStatus.REJECTED, "We keep our words.")
    }


@pytest.mark.parametrize(
    ("state", "persona", "expected"),
    [
        ("draft", "ana", ["Submit for review"]),
        ("in_review", "farid", ["Ask for changes", "Accept the sheet"]),
        ("changes_requested", "ana", ["Submit the revised sheet"]),
        ("approved", "ana", ["Approve our sheet"]),
        ("approved", "farid", ["Undo acceptance"]),
    ],
)
def test_workflow_buttons_say_what_they_do_in_plain_words(
    client, sheet, personas, state, persona, expected
):
    Sheet.objects.filter(pk=sheet.pk).update(state=state)
    client.force_login(personas[persona])
    html = detail(client, sheet)
    buttons = re.findall(r'<button type="submit" name="state" value="\w+">([^<]+)</button>', html)
    assert buttons == expected
    assert "Move to" not in html


def test_every_move_of_the_workflow_has_its_words():
    moves = {(a, b) for a, targets in domain.TRANSITIONS.items() for b in targets}
    assert set(domain.MOVE_LABELS) == moves
    assert all(str(label) and "Move" not in str(label) for label in domain.MOVE_LABELS.values())
    assert SheetState.APPROVED.label not in {str(x) for x in domain.MOVE_LABELS.values()}
