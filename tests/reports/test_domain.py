import pytest
from django.core import mail

from carnet.reports import domain
from carnet.reports.blocks import BLOCKS, Block
from carnet.reports.enums import BuildStatus, ChapterKind, DecisionState, FeedbackKind
from carnet.reports.models import Decision


def test_compose_turns_text_and_generated_chapters_into_blocks(report):
    document = domain.compose(report)
    assert [c["title"] for c in document["chapters"]] == [
        "Introduction",
        "The network over time",
        "Methodology",
    ]
    intro = document["chapters"][0]["blocks"]
    assert intro[0]["runs"][1] == {"text": "capitalised", "b": False, "i": True, "code": False}
    assert intro[1] == {"t": "h", "level": 2, "text": "How"}
    chart = document["chapters"][1]["blocks"][0]
    assert chart["t"] == "figure"
    assert document["assets"][chart["src"]].startswith("<svg")
    assert document["chapters"][2]["blocks"] == [
        {
            "t": "p",
            "runs": [
                {
                    "text": "No capitalisation exercise has been set up yet.",
                    "b": False,
                    "i": False,
                    "code": False,
                }
            ],
        }
    ]


def test_chapters_can_be_reordered_and_removed(report, farid):
    intro, chart, method = report.chapters.all()
    domain.move_chapter(method, by=farid, up=True)
    assert [c.title for c in report.chapters.all()] == [
        "Introduction",
        "Methodology",
        "The network over time",
    ]
    domain.move_chapter(intro, by=farid, up=True)  # already first: nothing moves
    domain.remove_chapter(chart, by=farid)
    assert [c.title for c in report.chapters.all()] == ["Introduction", "Methodology"]


def test_builds_are_numbered_versions_with_a_content_hash(report, farid):
    first = domain.build_now(report, by=farid)[0]
    second = domain.build_now(report, by=farid)[0]
    assert (first.number, second.number) == (1, 2)
    assert first.status == second.status == BuildStatus.READY
    assert first.content_hash == second.content_hash and len(first.content_hash) == 64
    assert first.pdf.name != second.pdf.name
    report.chapters.filter(title="Introduction").update(body="Changed.")
    third = domain.build_now(report, by=farid)[0]
    assert third.content_hash != first.content_hash


def test_a_failed_build_names_the_chapter_and_item_and_keeps_earlier_versions(
    report, version, farid, monkeypatch
):
    def broken(network, exercise=None):
        return [
            {
                "t": "image",
                "src": "photos/missing.jpg",
                "caption": "Workshop in Prishtina",
                "alt": "",
                "credit": "",
            }
        ], {}

    monkeypatch.setitem(BLOCKS, "broken", Block("Broken", broken))
    domain.add_chapter(report, by=farid, kind=ChapterKind.BLOCK, block="broken", title="Photos")
    failed = domain.start_build(report, by=farid)
    failed.refresh_from_db()
    assert failed.status == BuildStatus.FAILED
    assert failed.error.startswith("Chapter “Photos”, item “Workshop in Prishtina”: image ")
    version.refresh_from_db()
    assert version.status == BuildStatus.READY and version.pdf


def test_two_builds_started_one_after_the_other_get_their_own_numbers(report, farid):
    a = domain.start_build(report, by=farid)
    b = domain.start_build(report, by=farid)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.number, b.number) == (1, 2)
    assert a.pdf.name != b.pdf.name
    assert domain.read_file(a.pdf)[:5] == domain.read_file(b.pdf)[:5] == b"%PDF-"


def test_sending_a_version_asks_every_member_and_mails_partner_editors(version, farid, ana, bora):
    review = domain.send_for_review(version, by=farid, message="Please read.")
    assert sorted(d.organisation.name for d in review.decisions.all()) == [
        "Caritas Albania",
        "Caritas Armenia",
    ]
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "bora@example.org"]
    body = mail.outbox[0].body
    assert body.startswith("Please read.\n\nhttp://127.0.0.1:8000/euromed/report/v/1/\n\n")
    assert "Answer in one click, without a password: http://127.0.0.1:8000/answer/" in body


def test_partners_comment_per_chapter_and_decide(version, farid, ana, org_a):
    review = domain.send_for_review(version, by=farid)
    chapter = version.report.chapters.get(title="Methodology")
    domain.add_feedback(
        review, by=ana, text="Add dates.", kind=FeedbackKind.SUGGESTION, chapter=chapter
    )
    decision = domain.decide(review, organisation=org_a, state=DecisionState.VALIDATED, by=ana)
    assert decision.state == DecisionState.VALIDATED
    assert list(review.feedback.values_list("chapter_title", "organisation__name", "text")) == [
        ("Methodology", "Caritas Albania", "Add dates.")
    ]


def test_the_coordinators_are_told_when_the_last_organisation_validates_the_version(
    version, claire, farid, ana, bora, org_a, org_b
):
    review = domain.send_for_review(version, by=farid)
    domain.decide(review, organisation=org_a, state=DecisionState.VALIDATED, by=ana)
    mail.outbox.clear()

    def publish_it():  # each answer is also told to the organisers, as DECISIONS declares
        return [m for m in mail.outbox if "every organisation validated" in m.subject]

    domain.decide(review, organisation=org_b, state=DecisionState.CHANGES_REQUESTED, by=bora)
    assert publish_it() == []  # not every organisation validated: nothing to publish yet
    domain.decide(review, organisation=org_b, state=DecisionState.VALIDATED, by=bora)
    (message,) = publish_it()
    assert message.to == ["claire@example.org"]  # the coordinator, who publishes
    assert message.subject.endswith(
        "Euro-Mediterranean network: every organisation validated version 1 of the report"
    )
    assert message.body.startswith(
        "Every member organisation has validated version 1 of the report: you may publish it."
        "\n\nhttp://127.0.0.1:8000/euromed/report/v/1/"
    )


def test_validating_a_superseded_version_is_refused(report, version, farid, ana, org_a):
    old = domain.send_for_review(version, by=farid)
    newer = domain.build_now(report, by=farid)[0]
    domain.send_for_review(newer, by=farid)
    with pytest.raises(domain.ReportError) as excinfo:
        domain.decide(old, organisation=org_a, state=DecisionState.VALIDATED, by=ana)
    assert str(excinfo.value) == (
        "Version 1 has been superseded by a newer version: validate the latest one."
    )
    assert Decision.objects.get(round=old, organisation=org_a).state == DecisionState.PENDING


def test_reminders_go_only_to_those_who_have_not_answered(version, farid, ana, bora, org_a):
    review = domain.send_for_review(version, by=farid)
    domain.decide(review, organisation=org_a, state=DecisionState.VALIDATED, by=ana)
    mail.outbox.clear()
    assert domain.remind(review, by=farid) == 1
    assert [m.to for m in mail.outbox] == [["bora@example.org"]]
    review.refresh_from_db()
    assert review.reminded_at is not None


def test_publishing_is_blocked_by_sensitive_content_until_checked(report, farid, claire):
    from carnet.safeguarding.domain import confirm, publish_blockers

    domain.add_chapter(
        report,
        by=farid,
        kind=ChapterKind.TEXT,
        title="Contacts",
        body="Write to maria@example.org.",
    )
    version = domain.build_now(report, by=farid)[0]
    with pytest.raises(domain.ReportError, match="1 sensitive-content flag"):
        domain.publish(version, by=claire)
    version.refresh_from_db()
    assert version.is_published is False
    [flag] = publish_blockers(version)
    assert (flag.kind, flag.text) == ("email", "maria@example.org")
    confirm(flag, by=claire)
    domain.publish(version, by=claire)
    assert version.is_published is True
