import datetime
import re

import pytest

from carnet.capitalisation.domain import create_exercise
from carnet.capitalisation.enums import PhaseStatus
from carnet.networks.enums import ReasonCategory, ReasonKind

from ..factories import MembershipFactory, NetworkFactory, ReasonFactory


def test_home_lists_published_networks_only(client, network, other_network):
    response = client.get("/")
    assert response.status_code == 200
    assert [n.slug for n in response.context["networks"]] == ["euromed"]


def test_network_page_shows_current_and_former_members_with_country(client, org_a, org_b):
    response = client.get("/euromed/")
    assert response.status_code == 200
    assert [m.organisation.name for m in response.context["current"]] == ["Caritas Albania"]
    assert [m.organisation.name for m in response.context["former"]] == ["Caritas Armenia"]
    html = response.content.decode()
    assert "1 current member" in html
    assert "1 former member" in html
    assert "Albania" in html and "Armenia" in html


def test_membership_chart_has_a_bar_per_member_and_a_text_alternative(client, org_a, org_b):
    html = client.get("/euromed/").content.decode()
    svg = re.search(r"<svg[^>]*class=\"chart\".*?</svg>", html, re.S).group(0)
    assert svg.count("<rect") == 2
    assert '<title id="chart-title">Membership over time</title>' in svg
    assert "2 organisations have been members; 1 is a member today." in svg
    table = re.search(r"<table>.*?</table>", html, re.S).group(0)
    assert '<time datetime="2012-06-01">2012</time>' in table
    assert '<time datetime="2016-12-31">2016</time>' in table
    assert "still a member" in table


def test_reasons_are_grouped_by_kind_with_organisation_counts(client, network, org_a, org_b):
    a = org_a.memberships.get()
    b = org_b.memberships.get()
    published = {"is_published": True}
    ReasonFactory(
        membership=a, kind=ReasonKind.JOIN, category=ReasonCategory.SHARED_DIAGNOSIS, **published
    )
    ReasonFactory(
        membership=b,
        kind=ReasonKind.JOIN,
        category=ReasonCategory.SHARED_DIAGNOSIS,
        statement="Same here.",
        **published,
    )
    ReasonFactory(
        membership=b,
        kind=ReasonKind.LEAVE,
        category=ReasonCategory.NO_FUNDING,
        statement="Money.",
        **published,
    )
    reasons = client.get("/euromed/").context["reasons"]
    summary = {
        group["kind"].value: [(c["label"], c["count"]) for c in group["categories"]]
        for group in reasons
    }
    assert summary == {
        "join": [("A shared diagnosis of the situation", 2)],
        "stay": [],
        "leave": [("No national project for lack of funding", 1)],
    }


def test_network_page_shows_the_exercise_and_its_progress(client, network):
    exercise = create_exercise(network=network, title="Nine years")
    exercise.phases.filter(number__lte=2).update(
        status=PhaseStatus.DONE, actual_start=datetime.date(2019, 9, 1)
    )
    html = client.get("/euromed/").content.decode()
    assert "Nine years" in html
    assert '<progress id="exercise-progress" max="100" value="40">' in html
    assert html.count('class="phase done"') == 2
    assert html.count('class="phase planned"') == 3


def test_unpublished_network_is_not_found_for_anonymous_and_outsiders(client, other_network, ana):
    assert client.get("/other/").status_code == 404
    client.force_login(ana)
    assert client.get("/other/").status_code == 404


def test_unpublished_network_is_shown_to_its_people(client, other_network, oscar):
    client.force_login(oscar)
    response = client.get("/other/")
    assert response.status_code == 200
    assert "Not published: only the network's members see this page." in response.content.decode()


def test_network_page_in_french(client, org_a):
    client.cookies["django_language"] = "fr"
    html = client.get("/euromed/").content.decode()
    assert '<html lang="fr" dir="ltr">' in html
    assert "Pourquoi les organisations entrent, restent et partent" in html
    assert "1 membre actuel" in html


def test_language_switcher_sets_the_language(client, network):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/euromed/"})
    assert response.status_code == 302
    assert response["Location"] == "/euromed/"
    assert "Membres" in client.get("/euromed/").content.decode()


@pytest.mark.django_db
def test_network_page_query_count_does_not_grow_with_members(client, django_assert_max_num_queries):
    network = NetworkFactory(slug="big")
    for year in range(2011, 2031):
        MembershipFactory(network=network, joined_on=datetime.date(year, 1, 1))
    with django_assert_max_num_queries(8):
        assert client.get("/big/").status_code == 200


def test_reasons_stay_private_until_the_coordinator_publishes_them(client, network, org_a, claire):
    ReasonFactory(membership=org_a.memberships.get(), statement="We wanted to learn.")
    assert "We wanted to learn." not in client.get("/euromed/").content.decode()
    client.force_login(claire)
    assert "We wanted to learn." in client.get("/euromed/").content.decode()  # members: all
    response = client.post("/euromed/reasons/publish/")
    assert response.status_code == 302
    client.logout()
    assert "We wanted to learn." in client.get("/euromed/").content.decode()


def test_a_reason_naming_someone_stays_private_with_its_flag(client, network, org_a, claire):
    from carnet.safeguarding.domain import flags_for

    reason = ReasonFactory(
        membership=org_a.memberships.get(), statement="Ana Leka convinced us.", source="Interview"
    )
    client.force_login(claire)
    client.post("/euromed/reasons/publish/")
    reason.refresh_from_db()
    assert reason.is_published is False
    assert [(f.field, f.text) for f in flags_for(reason)] == [("statement", "Ana Leka")]
    client.logout()
    assert "Ana Leka" not in client.get("/euromed/").content.decode()


def test_a_profile_description_naming_someone_is_hidden_from_public_readers(
    client, network, org_a, ana
):
    client.force_login(ana)
    response = client.post(
        f"/euromed/organisations/{org_a.pk}/edit/",
        {"name": org_a.name, "country": "AL", "description": "Call Maria Petrovska."},
    )
    assert response.status_code == 302
    assert "Maria Petrovska" in client.get(f"/euromed/organisations/{org_a.pk}/").content.decode()
    client.logout()
    page = client.get(f"/euromed/organisations/{org_a.pk}/").content.decode()
    assert "Maria Petrovska" not in page


def test_network_page_leads_organisers_to_the_proposals_and_vote_rounds(client, network, farid):
    client.force_login(farid)
    html = client.get("/euromed/").content.decode()
    assert '<a href="/euromed/timeline/moments/">Proposals, votes and tallies</a>' in html
