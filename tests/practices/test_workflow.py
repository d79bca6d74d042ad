"""A sheet moves only as SHEETS declares, by whom its rules allow: one refusal for both."""

import pytest

from carnet.lib.workflow import MoveForbidden, MoveRefused, state_changed
from carnet.practices import domain
from carnet.practices.enums import SheetState
from carnet.practices.models import Sheet

from .factories import make_sheet


@pytest.fixture
def sheet(network, org_a, ana):
    return make_sheet(network=network, organisation=org_a, by=ana)


def test_a_move_not_declared_is_refused(sheet, claire):
    with pytest.raises(MoveRefused):
        domain.set_state(sheet, SheetState.PUBLISHED, by=claire)
    assert Sheet.objects.get().state == SheetState.DRAFT


def test_another_organisation_may_not_submit_the_sheet(sheet, bora):
    with pytest.raises(MoveForbidden):
        domain.set_state(sheet, SheetState.SUBMITTED, by=bora)
    assert Sheet.objects.get().state == SheetState.DRAFT


def test_the_facilitator_may_not_approve_in_the_partners_place(sheet, ana, farid):
    for state in (SheetState.SUBMITTED, SheetState.IN_REVIEW, SheetState.APPROVED):
        domain.set_state(sheet, state, by=ana if state == SheetState.SUBMITTED else farid)
    with pytest.raises(MoveForbidden):
        domain.set_state(sheet, SheetState.VALIDATED, by=farid)
    domain.set_state(sheet, SheetState.VALIDATED, by=ana)
    assert Sheet.objects.get().state == SheetState.VALIDATED


def test_a_move_made_sends_state_changed_once(sheet, ana):
    heard = []

    def listener(sender, obj, source, target, by, **kwargs):
        heard.append((sender, obj.pk, source, target, by))

    state_changed.connect(listener)
    try:
        domain.set_state(sheet, SheetState.SUBMITTED, by=ana)
        domain.set_state(sheet, SheetState.SUBMITTED, by=ana)  # a double click
    finally:
        state_changed.disconnect(listener)
    assert heard == [(Sheet, sheet.pk, SheetState.DRAFT, SheetState.SUBMITTED, ana)]


def test_the_buttons_read_the_declaration(sheet, ana, bora):
    assert domain.allowed_transitions(sheet, ana) == [SheetState.SUBMITTED]
    assert str(domain.move_label(sheet, SheetState.SUBMITTED)) == "Submit for review"
    assert domain.allowed_transitions(sheet, bora) == []
