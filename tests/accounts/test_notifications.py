"""E-mails reach only the people allowed to see what they describe, with absolute links."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import translation

from carnet.accounts import domain as accounts
from carnet.accounts.enums import RoleKind
from carnet.accounts.notifications import recipients
from carnet.practices import domain as practices
from carnet.reports import domain as reports
from carnet.reports.enums import BuildStatus
from carnet.reports.models import Report, ReportVersion

from ..factories import MembershipFactory, RoleFactory, UserFactory
from ..practices.factories import make_sheet

BASE_URL = "https://carnet.example.org"


@pytest.fixture
def sheet(network, org_a, ana):
    return make_sheet(network=network, organisation=org_a, by=ana, title="Shelter in Shkodër")


def person(username, *roles):
    """A person with roles: (network, kind, organisation) each."""
    user = UserFactory(username=username)
    for network, kind, organisation in roles:
        RoleFactory(user=user, network=network, kind=kind, organisation=organisation)
    return user


def mailed():
    """The addresses of the e-mails sent (Django's test outbox, emptied before each test)."""
    return sorted(address for message in mail.outbox for address in message.to)


def test_a_member_who_facilitates_another_network_does_not_receive_the_draft_notice(
    sheet, ana, claire, farid, network, other_network
):
    person("vesna", (network, RoleKind.VIEWER, None), (other_network, RoleKind.FACILITATOR, None))
    practices.set_state(sheet, "submitted", by=ana, note="Names of the shelter's staff inside")
    assert mailed() == ["claire@example.org", "farid@example.org"]


def test_a_partner_of_another_organisation_does_not_receive_a_notice_about_ana_s_draft(
    sheet, ana, bora, claire, farid, network, other_network, org_a, org_b
):
    # Boris writes for B here, and for A in the other network (A is a member there too).
    MembershipFactory(network=other_network, organisation=org_a)
    person(
        "boris",
        (network, RoleKind.PARTNER_EDITOR, org_b),
        (other_network, RoleKind.PARTNER_EDITOR, org_a),
    )
    colleague = person("alba", (network, RoleKind.PARTNER_EDITOR, org_a))
    practices.set_state(sheet, "submitted", by=ana)
    practices.set_state(sheet, "in_review", by=farid, note="The victim's first name is in it")
    assert mailed() == [
        "alba@example.org",  # submitted: Ana's colleague and the organisers…
        "alba@example.org",  # in review: …then Ana and her colleague
        "ana@example.org",
        "claire@example.org",
        "claire@example.org",
        "farid@example.org",
    ]
    assert recipients(sheet, "practices.change_sheet") == [
        colleague,
        ana,
        claire,
        farid,
    ]


def test_recipients_leave_out_the_actor_and_people_without_an_address(sheet, ana, claire, farid):
    farid.email = ""
    farid.save()
    assert recipients(sheet, "practices.change_sheet", exclude=ana) == [claire]


def test_report_notices_go_to_the_organisations_partner_editors_in_this_network_only(
    network, other_network, org_a, org_b, ana, bora, farid
):
    # A partner editor elsewhere, viewer here, is not asked to answer for A.
    MembershipFactory(network=other_network, organisation=org_a)
    person(
        "nina", (network, RoleKind.VIEWER, None), (other_network, RoleKind.PARTNER_EDITOR, org_a)
    )
    report = Report.objects.create(network=network, title="Nine years")
    version = ReportVersion.objects.create(report=report, number=1, status=BuildStatus.READY)
    review = reports.send_for_review(version, by=farid, message="Please read.")
    assert mailed() == ["ana@example.org", "bora@example.org"]
    mail.outbox.clear()
    reports.decide(review, organisation=org_a, state="validated", by=ana)
    assert mailed() == ["farid@example.org"]  # the organisers hear of the answer
    mail.outbox.clear()
    assert reports.remind(review, by=farid) == 1
    assert mailed() == ["bora@example.org"]


def test_every_link_in_every_e_mail_is_absolute_on_the_site_s_address(
    settings, sheet, network, org_a, org_b, ana, bora, claire, farid
):
    settings.BASE_URL = BASE_URL
    accounts.invite(network, email="new@caritas.al", kind="viewer", by=claire)
    for state, by in [
        ("submitted", ana),
        ("in_review", farid),
        ("changes_requested", farid),
        ("resubmitted", ana),
        ("in_review", farid),
        ("approved", farid),
        ("validated", ana),
    ]:
        practices.set_state(sheet, state, by=by)
    report = Report.objects.create(network=network, title="Nine years")
    version = ReportVersion.objects.create(report=report, number=1, status=BuildStatus.READY)
    review = reports.send_for_review(version, by=farid)
    reports.remind(review, by=farid)

    assert len(mail.outbox) > 10
    for message in mail.outbox:
        # Every address or path of the site in the body, whatever comes before it.
        links = re.findall(r"\S*/(?:euromed|accounts)/\S*", message.body)
        assert links, message.body
        assert all(link.startswith(f"{BASE_URL}/") for link in links), message.body


def test_each_recipient_is_written_to_in_the_language_they_use_carnet_in(sheet, ana, claire, farid):
    claire.language = "fr"
    claire.save()
    farid.languages = "de, sq, fr"  # never signed in: the first interface language they speak
    farid.save()
    with translation.override("en"):
        practices.set_state(sheet, "submitted", by=ana)
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects == {
        "claire@example.org": "Shelter in Shkodër : Soumise",
        "farid@example.org": "Shelter in Shkodër: Dërguar",  # German is not one (yet)
    }


def test_signing_in_remembers_the_language_the_person_uses(client, ana):
    ana.set_password("a long enough password")
    ana.save()
    client.post(
        "/accounts/login/",
        {"username": ana.username, "password": "a long enough password"},
        headers={"accept-language": "fr"},
    )
    ana.refresh_from_db()
    assert ana.language == "fr"


def test_a_suggestion_tells_the_organisation_that_answers_it(sheet, ana, farid, claire):
    colleague = person("alba", (sheet.network, RoleKind.PARTNER_EDITOR, sheet.organisation))
    practices.suggest(sheet, by=farid, field="context", replacement="Shorter context.")
    assert mailed() == sorted(["ana@example.org", colleague.email])
    assert mail.outbox[0].subject == "A suggestion on “Shelter in Shkodër”"


def test_a_comment_tells_those_who_edit_the_sheet_and_whom_it_answers(
    sheet, ana, bora, claire, farid
):
    sheet.open_to_peers = True
    sheet.save()
    practices.set_state(sheet, "submitted", by=ana)  # peers read it once it leaves draft
    question = practices.add_comment(sheet, by=bora, text="Which cities?")  # a peer's question
    mail.outbox.clear()
    practices.add_comment(sheet, by=ana, text="Tirana and Shkodër.", parent=question)
    assert mailed() == ["bora@example.org", "claire@example.org", "farid@example.org"]


def test_a_rejected_suggestion_tells_its_author_why(sheet, ana, farid):
    suggestion = practices.suggest(sheet, by=farid, field="context", replacement="Shorter.")
    mail.outbox.clear()
    practices.reject(suggestion, by=ana, reason="The names must stay.")
    assert mailed() == ["farid@example.org"]
    assert "The names must stay." in mail.outbox[0].body


def test_a_proposed_key_moment_tells_the_organisers_only(network, ana, bora, claire, farid):
    from carnet.timeline import domain as timeline
    from carnet.timeline.models import Milestone

    moment = Milestone(
        network=network,
        title="First joint training",
        start_date=datetime.date(2015, 1, 1),
        start_precision="year",
    )
    timeline.propose(moment, by=ana)
    assert mailed() == ["claire@example.org", "farid@example.org"]
    assert mail.outbox[0].subject == "A key moment is proposed: First joint training"
