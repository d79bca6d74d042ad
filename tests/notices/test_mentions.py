"""@username in a comment tells that person, if they may see what it is about; nobody else."""

import pytest
from django.core import mail

from carnet.accounts.enums import RoleKind
from carnet.accounts.notifications import MENTION
from carnet.practices import domain as practices
from carnet.reports import domain as reports
from carnet.reports.enums import BuildStatus
from carnet.reports.models import Report, ReportVersion

from ..factories import RoleFactory, UserFactory
from ..practices.factories import make_sheet


def told():
    return sorted((m.to[0], m.subject) for m in mail.outbox)


@pytest.fixture
def sheet(network, org_a, ana):
    return make_sheet(network=network, organisation=org_a, by=ana, title="Shelter in Shkodër")


def test_mention_syntax_finds_usernames_not_addresses():
    text = "@ana and (@bora.k), see ana@example.org, @vera."
    assert MENTION.findall(text) == ["ana", "bora.k", "vera"]


def test_a_comment_mentioning_a_facilitator_tells_her_once_that_she_is_mentioned(
    sheet, ana, claire, farid
):
    practices.add_comment(sheet, by=ana, text="@farid could you look at the quote?")
    assert told() == [
        ("claire@example.org", "A comment on “Shelter in Shkodër”"),
        ("farid@example.org", "Ana mentioned you: Shelter in Shkodër"),
    ]


def test_a_mention_of_someone_who_may_not_see_the_sheet_tells_nobody_more(
    sheet, network, other_network, ana, bora, claire, oscar
):
    # Bora (organisation B) may not read A's draft; Oscar is in another network.
    practices.add_comment(sheet, by=ana, text="@bora @oscar @nobody what do you think?")
    assert told() == [("claire@example.org", "A comment on “Shelter in Shkodër”")]


def test_a_mention_in_feedback_on_the_report_tells_the_person_named(
    network, org_a, org_b, ana, bora, farid, claire
):
    version = ReportVersion.objects.create(
        report=Report.objects.create(network=network, title="Nine years"),
        number=1,
        status=BuildStatus.READY,
    )
    review = reports.send_for_review(version, by=farid)
    mail.outbox.clear()
    reports.add_feedback(review, by=ana, text="As @bora said, chapter 2.", kind="comment")
    assert told() == [("bora@example.org", "Ana mentioned you: Nine years — v1")]


def test_a_mention_is_written_in_the_language_of_the_person_named(sheet, ana, farid, claire):
    farid.language = "fr"
    farid.save()
    practices.add_comment(sheet, by=ana, text="@farid ?")
    assert ("farid@example.org", "Ana vous a mentionné : Shelter in Shkodër") in told()


def test_a_viewer_may_be_mentioned_on_a_sheet_she_may_read(sheet, network, ana, claire):
    reader = UserFactory(username="lina")
    RoleFactory(user=reader, network=network, kind=RoleKind.FACILITATOR)
    practices.add_comment(sheet, by=ana, text="Thanks @Lina!")
    assert ("lina@example.org", "Ana mentioned you: Shelter in Shkodër") in told()


def test_a_mention_waits_for_the_person_named_until_they_open_it(client, sheet, ana, farid):
    from carnet.accounts.waiting import count_for, waiting_for

    def mention_lines():
        return [
            (item.text, item.url)
            for group in waiting_for(farid)
            for item in group.items
            if item.kind == "mention"
        ]

    before = count_for(farid)
    practices.add_comment(sheet, by=ana, text="@farid could you look at the quote?")
    [(text, url)] = mention_lines()
    assert text == "Ana mentioned you: Shelter in Shkodër"
    assert count_for(farid) == before + 1
    client.force_login(farid)
    assert client.get(url)["Location"] == sheet.get_absolute_url()
    assert mention_lines() == []
    assert count_for(farid) == before
