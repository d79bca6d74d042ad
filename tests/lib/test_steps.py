"""The step indicator: a workflow's path read from its declaration, the current step marked
aria-current="step", done steps ticked; used on the sheet, key-moment, report-version and
exercise pages."""

import re
from types import SimpleNamespace

import pytest
from django.template import Context, Template

from carnet.capitalisation import domain as capitalisation
from carnet.capitalisation.enums import PhaseStatus
from carnet.practices.enums import SHEETS, SheetState
from carnet.reports import domain as reports
from carnet.timeline.enums import MILESTONES, MilestoneState
from tests.practices.factories import make_sheet
from tests.timeline.factories import MilestoneFactory


def items(html):
    """Each step as (its words, aria-current or the class)."""
    found = re.findall(
        r'<li class="(\w+)"( aria-current="step")?>.*?<span class="label">(.*?)</li>', html
    )
    return [
        (re.sub(r"<[^>]+>", "", label).strip(), "current" if cur else cls)
        for cls, cur, label in found
    ]


def test_a_sheet_in_review_has_its_earlier_steps_done():
    steps = SHEETS.steps(SheetState.IN_REVIEW)
    assert [(str(label), status) for _state, label, status in steps] == [
        ("Draft", "done"),
        ("Submitted", "done"),
        ("In review", "current"),
        ("Approved", "todo"),
        ("Validated by the partner", "todo"),
        ("Published", "todo"),
    ]


def test_changes_requested_counts_as_the_review_step():
    assert [
        s for s, _label, status in SHEETS.steps(SheetState.CHANGES_REQUESTED) if status == "current"
    ] == [SheetState.IN_REVIEW]
    assert SHEETS.steps(SheetState.RESUBMITTED) == SHEETS.steps(SheetState.IN_REVIEW)


def test_a_merged_key_moment_shows_no_steps():
    assert MILESTONES.steps(MilestoneState.MERGED) == []
    html = Template('{% steps "timeline.MILESTONES" m %}').render(
        Context({"m": SimpleNamespace(state=MilestoneState.MERGED)})
    )
    assert "<ol" not in html


def test_the_indicator_is_an_ordered_list_with_the_current_step_and_the_detour_named():
    html = Template('{% steps "practices.SHEETS" sheet label="Where the sheet stands" %}').render(
        Context({"sheet": SimpleNamespace(state=SheetState.CHANGES_REQUESTED)})
    )
    assert '<ol class="steps" aria-label="Where the sheet stands">' in html
    assert html.count('aria-current="step"') == 1
    assert items(html) == [
        ("Draft (done)", "done"),
        ("Submitted (done)", "done"),
        ("In review (Changes requested) (now)", "current"),
        ("Approved", "todo"),
        ("Validated by the partner", "todo"),
        ("Published", "todo"),
    ]
    assert html.count("#check") == 2  # done steps ticked


def test_phases_show_done_ones_ticked_and_the_one_in_progress_current():
    phases = [
        SimpleNamespace(name="Understand the network", status=PhaseStatus.DONE),
        SimpleNamespace(name="Understand the expectations", status=PhaseStatus.IN_PROGRESS),
        SimpleNamespace(name="Workshop", status=PhaseStatus.PLANNED),
    ]
    html = Template("{% phase_steps phases %}").render(Context({"phases": phases}))
    assert items(html) == [
        ("Understand the network (done)", "done"),
        ("Understand the expectations (now)", "current"),
        ("Workshop", "todo"),
    ]


@pytest.mark.django_db
def test_the_four_pages_show_their_steps(client, network, org_a, claire, farid, ana):
    client.force_login(claire)
    sheet = make_sheet(network=network, organisation=org_a, by=ana)
    page = client.get(sheet.get_absolute_url()).content.decode()
    assert 'aria-label="Where the sheet stands"' in page
    moment = MilestoneFactory(network=network, slug="geneva", title="Advocacy in Geneva")
    page = client.get(moment.get_absolute_url()).content.decode()
    assert ("Proposed (now)", "current") in items(page)
    exercise = capitalisation.create_exercise(network=network, title="Nine years")
    page = client.get(f"/euromed/exercises/{exercise.pk}/").content.decode()
    assert 'aria-label="Where the exercise stands"' in page
    assert len(items(page)) == exercise.phases.count()
    from carnet.reports.models import Report

    report = Report.objects.create(network=network, title="Nine years")
    version = reports.build_now(report, by=farid)[0]
    page = client.get(version.get_absolute_url()).content.decode()
    assert items(page) == [("Not published (now)", "current"), ("Published", "todo")]
