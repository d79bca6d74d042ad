"""'Waiting for you': each kind of thing to do reaches the right people, and nobody else."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import reverse

from carnet.accounts import context_processors
from carnet.accounts.enums import RoleKind
from carnet.accounts.waiting import count_for, waiting_for
from carnet.capitalisation.models import Video
from carnet.practices import domain as practices
from carnet.practices.enums import SheetState
from carnet.reports import domain as reports
from carnet.reports.enums import BuildStatus, DecisionState
from carnet.reports.models import Report, ReportVersion
from carnet.safeguarding.models import SensitiveFlag
from carnet.timeline.enums import MilestoneState
from carnet.timeline.models import Vote
from tests.factories import RoleFactory, UserFactory
from tests.practices.factories import make_sheet
from tests.timeline.factories import MilestoneFactory

URL = "/accounts/waiting/"


def lines(user):
    """Every line waiting for the person, as (network slug, text, link)."""
    return [
        (group.network.slug, item.text, item.url)
        for group in waiting_for(user)
        for item in group.items
    ]


def texts(user):
    return [text for _network, text, _url in lines(user)]


@pytest.fixture
def everyone(personas, oscar):
    return {**personas, "oscar": oscar}


def nobody_but(everyone, text, *names):
    """The names of the people who see a line containing text."""
    return sorted(name for name, user in everyone.items() if any(text in t for t in texts(user)))


# ---------------------------------------------------------------- key moments


def test_a_proposed_moment_asks_each_partner_organisation_for_its_vote(network, everyone):
    moment = MilestoneFactory(network=network, title="First meeting", state=MilestoneState.PROPOSED)
    assert lines(everyone["ana"]) == [
        ("euromed", "Vote on the proposed key moment", "/euromed/timeline/moments/")
    ]
    assert nobody_but(everyone, "Vote on") == ["ana", "bora"]
    Vote.objects.create(milestone=moment, organisation=everyone["ana"].roles.get().organisation)
    assert nobody_but(everyone, "Vote on") == ["bora"]


def test_organisers_are_asked_to_accept_or_merge_the_proposals(network, everyone):
    MilestoneFactory(network=network, state=MilestoneState.PROPOSED)
    MilestoneFactory(network=network, state=MilestoneState.PROPOSED)
    MilestoneFactory(network=network, state=MilestoneState.ACCEPTED)
    assert lines(everyone["farid"]) == [
        ("euromed", "Accept or merge 2 proposed key moments", "/euromed/timeline/moments/")
    ]
    assert nobody_but(everyone, "Accept or merge") == ["claire", "farid"]


# ---------------------------------------------------------------- sheets


def test_a_draft_waits_for_its_own_organisation_only(network, org_a, everyone):
    """Vera works for A too, as a viewer: she reads A's draft, but nothing waits for her."""
    everyone["vera"].roles.update(organisation=org_a)
    make_sheet(network=network, organisation=org_a, by=everyone["ana"], title="Hotline")
    assert lines(everyone["ana"]) == [
        ("euromed", "Finish «Hotline» and submit it for review", "/euromed/sheets/hotline/edit/")
    ]
    assert nobody_but(everyone, "Hotline") == ["ana"]


def test_a_sheet_goes_to_the_reviewers_then_back_to_its_organisation(network, org_a, everyone):
    ana, farid = everyone["ana"], everyone["farid"]
    sheet = make_sheet(network=network, organisation=org_a, by=ana, title="Hotline")
    practices.set_state(sheet, SheetState.SUBMITTED, by=ana)
    assert texts(farid) == ["Review «Hotline» (Caritas Albania)"]
    assert nobody_but(everyone, "Hotline") == ["claire", "farid"]

    practices.set_state(sheet, SheetState.IN_REVIEW, by=farid)
    practices.set_state(sheet, SheetState.CHANGES_REQUESTED, by=farid)
    assert lines(ana) == [
        ("euromed", "Revise «Hotline»: changes were requested", "/euromed/sheets/hotline/edit/")
    ]
    assert nobody_but(everyone, "Hotline") == ["ana"]

    practices.set_state(sheet, SheetState.RESUBMITTED, by=ana)
    practices.set_state(sheet, SheetState.APPROVED, by=farid)
    assert lines(ana) == [
        ("euromed", "Validate your sheet «Hotline», or ask for changes", "/euromed/sheets/hotline/")
    ]
    assert nobody_but(everyone, "Hotline") == ["ana"]
    practices.set_state(sheet, SheetState.VALIDATED, by=ana)
    assert nobody_but(everyone, "Hotline") == []


def test_open_suggestions_wait_for_the_organisation_owning_the_sheet(network, org_a, everyone):
    ana, farid = everyone["ana"], everyone["farid"]
    sheet = make_sheet(network=network, organisation=org_a, by=ana, title="Hotline")
    practices.set_state(sheet, SheetState.SUBMITTED, by=ana)
    practices.set_state(sheet, SheetState.IN_REVIEW, by=farid)
    for replacement in ("Shorter.", "Clearer."):
        practices.suggest(sheet, by=farid, field="context", replacement=replacement)
    assert lines(ana) == [
        ("euromed", "Answer 2 suggestions on «Hotline»", "/euromed/sheets/hotline/")
    ]
    assert nobody_but(everyone, "suggestion") == ["ana"]


def test_a_partner_of_another_network_sees_only_what_is_hers_there(
    network, other_network, org_a, everyone
):
    """Nina edits for A in the other network and only views euromed: A's draft in euromed is
    Ana's to finish, A's draft in the other network is Nina's."""
    make_sheet(network=network, organisation=org_a, by=everyone["ana"], title="In euromed")
    make_sheet(network=other_network, organisation=org_a, by=everyone["nina"], title="Elsewhere")
    assert texts(everyone["nina"]) == ["Finish «Elsewhere» and submit it for review"]
    assert texts(everyone["ana"]) == ["Finish «In euromed» and submit it for review"]
    assert [g.network.slug for g in waiting_for(everyone["nina"])] == ["other", "euromed"]


# ---------------------------------------------------------------- report and items


def send_version(network, by):
    report = Report.objects.create(network=network, title="Nine years")
    version = ReportVersion.objects.create(report=report, number=1, status=BuildStatus.READY)
    return reports.send_for_review(version, by=by)


def test_a_version_sent_for_review_waits_for_each_organisation(network, org_a, org_b, everyone):
    review = send_version(network, everyone["farid"])
    assert lines(everyone["ana"]) == [
        ("euromed", "Validate version 1 of the report, or ask for changes", "/euromed/report/v/1/")
    ]
    assert nobody_but(everyone, "Validate version 1") == ["ana", "bora"]
    assert nobody_but(everyone, "2 organisations have not answered") == ["claire", "farid"]

    reports.decide(review, organisation=org_a, state=DecisionState.VALIDATED, by=everyone["ana"])
    assert nobody_but(everyone, "Validate version 1") == ["bora"]
    # The facilitators see who is late, and go to the version's page, which lists them.
    assert lines(everyone["claire"]) == [
        (
            "euromed",
            "1 organisation has not answered on version 1 of the report: Caritas Armenia",
            "/euromed/report/v/1/#review-title",
        )
    ]


def test_a_validation_round_shows_the_organisers_who_has_not_validated(
    network, org_a, org_b, everyone
):
    Video.objects.create(network=network, organisation=org_a, title="Testimony")
    Video.objects.create(network=network, organisation=org_b, title="Another one")
    reports.send_validation_round(network, by=everyone["farid"])
    text = "2 organisations have not validated their sheets and images: "
    assert (
        "euromed",
        text + "Caritas Albania, Caritas Armenia",
        "/euromed/validations/",
    ) in lines(everyone["farid"])
    assert nobody_but(everyone, "have not validated") == ["claire", "farid"]
    reports.validate_item(
        Video.objects.get(title="Testimony"),
        organisation=org_a,
        state=DecisionState.VALIDATED,
        by=everyone["ana"],
    )
    assert nobody_but(
        everyone, "1 organisation has not validated its sheets and images: Caritas Armenia"
    ) == ["claire", "farid"]


def test_an_open_vote_round_shows_the_organisers_who_has_not_voted(network, org_a, org_b, everyone):
    import datetime

    from carnet.timeline import domain as timeline

    moment = MilestoneFactory(network=network, state=MilestoneState.PROPOSED)
    round = timeline.start_round(
        network, by=everyone["farid"], closes_on=datetime.date.today() + datetime.timedelta(days=9)
    )
    Vote.objects.create(milestone=moment, organisation=org_b, weight=2, round=round)
    assert (
        "euromed",
        "1 organisation has not voted on the key moments yet: Caritas Albania",
        "/euromed/timeline/moments/tally/",
    ) in lines(everyone["claire"])
    assert nobody_but(everyone, "has not voted") == ["claire", "farid"]


def test_a_version_every_organisation_validated_waits_for_the_coordinator_to_publish_it(
    network, org_a, org_b, everyone
):
    review = send_version(network, everyone["farid"])
    reports.decide(review, organisation=org_a, state=DecisionState.VALIDATED, by=everyone["ana"])
    assert nobody_but(everyone, "publish it") == []  # Caritas Armenia has not validated
    reports.decide(review, organisation=org_b, state=DecisionState.VALIDATED, by=everyone["bora"])
    assert lines(everyone["claire"]) == [
        (
            "euromed",
            "Every organisation validated version 1 of the report: publish it",
            "/euromed/report/v/1/",
        )
    ]
    assert nobody_but(everyone, "publish it") == ["claire"]  # who publishes: the coordinator
    assert count_for(everyone["claire"]) == 1
    reports.publish(review.version, by=everyone["claire"])
    assert nobody_but(everyone, "publish it") == []
    assert count_for(everyone["claire"]) == 0


def test_a_video_that_shows_an_organisation_waits_for_its_validation(network, org_a, everyone):
    video = Video.objects.create(network=network, organisation=org_a, title="Testimony")
    assert lines(everyone["ana"]) == [
        ("euromed", "Validate the video that shows your organisation", "/euromed/validations/")
    ]
    assert nobody_but(everyone, "video") == ["ana"]
    reports.validate_item(
        video, organisation=org_a, state=DecisionState.VALIDATED, by=everyone["ana"]
    )
    assert nobody_but(everyone, "video") == []
    video.title = "Testimony, edited"
    video.save()  # what was validated changed: it asks again
    assert nobody_but(everyone, "video") == ["ana"]


def test_open_sensitive_content_flags_wait_for_the_coordinator(network, org_a, everyone):
    sheet = make_sheet(network=network, organisation=org_a, by=everyone["ana"], title="Hotline")
    SensitiveFlag.objects.create(
        network=network,
        content_type=ContentType.objects.get_for_model(sheet),
        object_id=str(sheet.pk),
        object_repr=str(sheet),
        field="context",
        kind="phone",
        text="+355 4 222 333",
    )
    assert lines(everyone["claire"]) == [
        ("euromed", "Check the open sensitive-content flag", "/euromed/safeguarding/")
    ]
    assert nobody_but(everyone, "sensitive-content") == ["claire"]


# ---------------------------------------------------------------- the page and the badge


def busy_world(network, org_a, org_b, everyone):
    ana, farid = everyone["ana"], everyone["farid"]
    MilestoneFactory(network=network, state=MilestoneState.PROPOSED)
    make_sheet(network=network, organisation=org_a, by=ana, title="Draft of A")
    submitted = make_sheet(network=network, organisation=org_b, by=everyone["bora"], title="B's")
    practices.set_state(submitted, SheetState.SUBMITTED, by=everyone["bora"])
    practices.set_state(submitted, SheetState.IN_REVIEW, by=farid)
    practices.suggest(submitted, by=farid, field="context", replacement="Shorter.")
    revised = make_sheet(network=network, organisation=org_a, by=ana, title="Revised")
    practices.set_state(revised, SheetState.SUBMITTED, by=ana)
    practices.set_state(revised, SheetState.IN_REVIEW, by=farid)
    practices.suggest(revised, by=farid, field="context", replacement="Shorter.")
    practices.set_state(revised, SheetState.CHANGES_REQUESTED, by=farid)
    Video.objects.create(network=network, organisation=org_a, title="Testimony")
    send_version(network, farid)
    SensitiveFlag.objects.create(
        network=network,
        content_type=ContentType.objects.get_for_model(revised),
        object_id=str(revised.pk),
        object_repr="Revised",
        field="context",
        kind="phone",
        text="+355 4 222 333",
    )


def test_the_badge_counts_the_lines_of_the_page_for_everyone(network, org_a, org_b, everyone):
    busy_world(network, org_a, org_b, everyone)
    counts = {name: count_for(user) for name, user in everyone.items()}
    assert counts == {name: len(lines(user)) for name, user in everyone.items()}
    assert counts == {
        "ana": 6,  # vote, draft, revise, suggestion, report, video
        "bora": 3,  # vote, suggestion, report
        "claire": 4,  # review, proposals, not answered, flag
        "farid": 3,
        "vera": 0,
        "nina": 0,
        "oscar": 0,
    }


def test_the_page_lists_the_lines_by_network_and_the_header_counts_them(
    client, network, org_a, org_b, everyone
):
    busy_world(network, org_a, org_b, everyone)
    client.force_login(everyone["ana"])
    html = client.get(URL).content.decode()
    assert 'Waiting for you <span class="count">(6)</span>' in html
    assert f'<h2 id="network-{network.pk}"><a href="/euromed/">' in html
    assert (
        '<a href="/euromed/sheets/revised/edit/">Revise «Revised»: changes were requested</a>'
        in html
    )
    client.force_login(everyone["vera"])
    html = client.get("/euromed/").content.decode()
    assert '<a class="waiting" href="/accounts/waiting/">' in html
    assert "Waiting for you</a>" in html  # no count when nothing waits


def test_the_page_and_the_badge_cost_a_bounded_number_of_queries(
    client,
    network,
    org_a,
    org_b,
    everyone,
    django_assert_max_num_queries,
    django_assert_num_queries,
):
    busy_world(network, org_a, org_b, everyone)
    for n in range(5):
        MilestoneFactory(network=network, state=MilestoneState.PROPOSED)
        make_sheet(network=network, organisation=org_a, by=everyone["ana"], title=f"More {n}")
    ana = everyone["ana"]
    with django_assert_max_num_queries(16):
        assert len(lines(ana)) == 11  # 6, 5 more drafts
    ana.forget_roles()
    with django_assert_max_num_queries(16):  # the badge counts the lines, once…
        assert count_for(ana) == 11
    with django_assert_num_queries(0):  # …then reads its count from the cache
        assert count_for(ana) == 11
    client.force_login(ana)
    with django_assert_max_num_queries(20):  # session, user, the lines (the badge: the same)
        assert client.get(URL).status_code == 200
    with django_assert_max_num_queries(20):  # another page: the badge costs no query
        assert client.get("/euromed/").status_code == 200


def test_the_badge_counts_again_after_a_change(network, org_a, everyone):
    ana = everyone["ana"]
    assert count_for(ana) == 0
    make_sheet(network=network, organisation=org_a, by=ana, title="New draft")
    assert count_for(ana) == 1


def test_nothing_waiting_says_so_and_where_to_go(client, vera):
    client.force_login(vera)
    html = client.get(URL).content.decode()
    assert "Nothing waits for you: you are up to date." in html
    assert '<li><a href="/euromed/">Euro-Mediterranean network</a></li>' in html
    assert "Write a good-practice sheet" not in html  # a viewer writes none


def test_a_partner_with_nothing_waiting_is_one_click_from_writing_a_sheet(client, network, org_a):
    newcomer = UserFactory(username="nora")
    RoleFactory(user=newcomer, network=network, kind=RoleKind.PARTNER_EDITOR, organisation=org_a)
    client.force_login(newcomer)
    html = client.get(URL).content.decode()
    assert "Nothing waits for you: you are up to date." in html
    assert '<a href="/euromed/sheets/new/">Write a good-practice sheet</a>' in html


def test_a_person_without_any_role_is_pointed_to_the_networks(client, db):
    client.force_login(UserFactory(username="lone"))
    html = client.get(URL).content.decode()
    assert 'You have no role in a network yet. <a href="/">See the networks</a>.' in html
    assert "/networks/new/" not in html  # creating networks is a right they do not have


def test_a_superuser_without_any_role_is_offered_to_create_a_network(client, db):
    """Right after `carnet createsuperuser`, logging in lands here: the next step is one click."""
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    html = client.get(URL).content.decode()
    assert '<a class="button" href="/networks/new/">Create a network</a>' in html


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/waiting/"


# ---------------------------------------------------------------- landing


def test_logging_in_lands_on_what_waits(client, ana):
    ana.set_password("secret-pass-123")
    ana.save()
    response = client.post(reverse("login"), {"username": "ana", "password": "secret-pass-123"})
    assert response.status_code == 302
    assert response["Location"] == URL


def test_a_next_address_still_wins_over_the_landing(client, ana):
    ana.set_password("secret-pass-123")
    ana.save()
    response = client.post(
        reverse("login") + "?next=/euromed/sheets/",
        {"username": "ana", "password": "secret-pass-123", "next": "/euromed/sheets/"},
    )
    assert response["Location"] == "/euromed/sheets/"


def test_a_partner_with_roles_in_two_networks_sees_both(client, network, other_network, org_a, ana):
    RoleFactory(user=ana, network=other_network, kind=RoleKind.VIEWER)
    make_sheet(network=network, organisation=org_a, by=ana, title="Hotline")
    client.force_login(ana)
    html = client.get(URL).content.decode()
    assert "Finish «Hotline» and submit it for review" in html
    assert "Another network" not in html  # nothing waits there: no empty heading


def test_anonymous_pages_neither_show_nor_count_what_waits(client, network):
    html = client.get("/euromed/").content.decode()
    assert "Waiting for you" not in html
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert context_processors.waiting(request) == {}


def test_the_header_count_is_counted_once_then_read_from_the_cache(
    rf, network, org_a, ana, django_assert_num_queries, django_assert_max_num_queries
):
    make_sheet(network=network, organisation=org_a, by=ana, title="Hotline")
    request = rf.get("/")
    request.user = ana
    with django_assert_num_queries(0):
        count = context_processors.waiting(request)["waiting_count"]  # counted only if shown
    with django_assert_max_num_queries(10):  # the lines of the page, once
        assert (count(), count()) == (1, 1)
    request.user.forget_roles()
    with django_assert_num_queries(0):  # the next page: from the cache
        assert context_processors.waiting(request)["waiting_count"]() == 1


def test_the_header_link_is_translated(client, network, org_a, ana):
    make_sheet(network=network, organisation=org_a, by=ana, title="Hotline")
    ana.language = "fr"  # the language of their profile (the browser's only until set)
    ana.save()
    client.force_login(ana)
    html = client.get("/euromed/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'Ce qui vous attend <span class="count">(1)</span>' in html
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Terminez « Hotline » et soumettez-la à la relecture" in page
