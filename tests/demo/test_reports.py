from carnet.demo.loader import load
from carnet.reports.enums import DecisionState
from carnet.reports.models import (
    Decision,
    Feedback,
    ReportVersion,
    ReviewRound,
    ValidationRound,
)
from carnet.reports.validations import matrix


def test_the_demo_report_has_two_versions_feedback_and_missing_validations(db):
    ctx = load()
    load()  # idempotent
    assert ReportVersion.objects.count() == 3
    # Version 3 is the Albanian edition: the parts translated in Albanian, the rest in
    # English, and it says which.
    albanian = ReportVersion.objects.get(number=3)
    assert albanian.language == "sq" and albanian.content["lang"] == "sq"
    assert albanian.content["title"].startswith("Kapitalizimi")
    assert albanian.content["chapters"][0]["title"] == "Hyrje"
    assert "edition" in albanian.content and albanian.content["edition"]["lines"]
    assert ReviewRound.objects.count() == 2
    assert Feedback.objects.count() == 3
    latest = ReviewRound.objects.order_by("-sent_at", "-id").first()
    states = sorted(Decision.objects.filter(round=latest).values_list("state", flat=True))
    assert states.count(DecisionState.VALIDATED) == 10
    assert states.count(DecisionState.CHANGES_REQUESTED) == 1
    _orgs, _deliverables, _cells, rows = matrix(ctx["network"])
    names = {o.pk: o.name for o in ctx["organisations"].values()}
    missing = sorted(
        names[r.organisation_id]
        for r in rows
        if r.deliverable == "Report" and r.state == DecisionState.PENDING
    )
    assert missing == ["Caritas Bulgaria", "Caritas Morocco"]
    # The partners were asked to validate their sheets and images by a date (one round).
    (validation_round,) = ValidationRound.objects.filter(network=ctx["network"])
    assert validation_round.due_on > validation_round.sent_at.date()
