"""Join, stay and leave reasons entered in the browser by the network's coordinators:
private until published (through the check), edited, deleted after a confirmation."""

import importlib

import pytest

from carnet.accounts.enums import Verb
from carnet.accounts.models import Action
from carnet.networks.domain import source_kind_for
from carnet.networks.enums import ReasonCategory, ReasonKind, SourceKind
from carnet.networks.models import Membership, MembershipReason

from ..factories import ReasonFactory

VALUES = {
    "kind": ReasonKind.STAY,
    "category": ReasonCategory.NATIONAL_VISIBILITY,
    "statement": "The network made us known to the ministry.",
    "source_kind": SourceKind.SURVEY,
    "source": "Members' survey, 2023",
}


@pytest.fixture
def membership(network, org_a):
    return Membership.objects.get(network=network, organisation=org_a)


@pytest.fixture
def coordinator(client, claire):
    client.force_login(claire)
    return client


def test_the_coordinator_adds_a_reason_that_stays_private(coordinator, membership):
    response = coordinator.post(f"/euromed/members/{membership.pk}/reasons/add/", VALUES)
    assert response["Location"] == f"/euromed/organisations/{membership.organisation_id}/#reasons"
    reason = MembershipReason.objects.get()
    assert (reason.kind, reason.source_kind, reason.source, reason.is_published) == (
        "stay",
        "survey",
        "Members' survey, 2023",
        False,
    )
    assert Action.objects.filter(verb=Verb.CREATE, object_id=str(reason.pk)).count() == 1


def test_a_private_reason_is_not_shown_to_the_public(client, coordinator, membership):
    coordinator.post(f"/euromed/members/{membership.pk}/reasons/add/", VALUES)
    assert "made us known" in coordinator.get("/euromed/").content.decode()
    client.logout()
    assert "made us known" not in client.get("/euromed/").content.decode()


def test_a_refused_reason_keeps_what_was_typed(coordinator, membership):
    response = coordinator.post(
        f"/euromed/members/{membership.pk}/reasons/add/", {**VALUES, "statement": ""}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Members&#x27; survey, 2023" in html and "This field is required." in html
    assert not MembershipReason.objects.exists()


def test_the_organisation_page_lists_reasons_for_the_coordinator_only(
    client, coordinator, membership, vera
):
    ReasonFactory(membership=membership, statement="Shared diagnosis.", source="Interview, 2019")
    html = coordinator.get(f"/euromed/organisations/{membership.organisation_id}/").content
    assert b"Shared diagnosis." in html and b"Add a reason" in html
    client.force_login(vera)
    html = client.get(f"/euromed/organisations/{membership.organisation_id}/").content
    assert b"Add a reason" not in html


def test_editing_a_published_reason_makes_it_private_again(coordinator, membership):
    reason = ReasonFactory(membership=membership, is_published=True)
    response = coordinator.post(
        f"/euromed/reasons/{reason.pk}/edit/", {**VALUES, "kind": "join"}, follow=True
    )
    assert "private again" in response.content.decode()
    reason.refresh_from_db()
    assert (reason.statement, reason.is_published) == (VALUES["statement"], False)
    action = Action.objects.get(verb=Verb.CHANGE, object_id=str(reason.pk))
    assert action.data == {"fields": ["category", "statement", "source_kind", "source"]}


def test_saving_an_unchanged_reason_keeps_it_published(coordinator, membership):
    reason = ReasonFactory(membership=membership, is_published=True, **VALUES)
    coordinator.post(f"/euromed/reasons/{reason.pk}/edit/", VALUES)
    reason.refresh_from_db()
    assert reason.is_published is True
    assert not Action.objects.filter(verb=Verb.CHANGE).exists()


def test_deleting_asks_first(coordinator, membership):
    reason = ReasonFactory(membership=membership, statement="To be removed.")
    page = coordinator.get(f"/euromed/reasons/{reason.pk}/delete/").content.decode()
    assert "To be removed." in page and "Delete the reason" in page
    assert MembershipReason.objects.filter(pk=reason.pk).exists()
    coordinator.post(f"/euromed/reasons/{reason.pk}/delete/")
    assert not MembershipReason.objects.filter(pk=reason.pk).exists()
    assert Action.objects.get(verb=Verb.DELETE).data["statement"] == "To be removed."


def test_a_reason_of_another_network_is_not_found(coordinator, other_network, org_c):
    reason = ReasonFactory(membership=Membership.objects.get(network=other_network))
    assert coordinator.get(f"/euromed/reasons/{reason.pk}/edit/").status_code == 404


def test_published_reasons_go_through_the_check(coordinator, membership):
    coordinator.post(f"/euromed/members/{membership.pk}/reasons/add/", VALUES)
    coordinator.post(
        f"/euromed/members/{membership.pk}/reasons/add/",
        {**VALUES, "statement": "Call Jana on +355 69 123 4567."},
    )
    coordinator.post("/euromed/reasons/publish/")
    assert sorted(MembershipReason.objects.values_list("is_published", flat=True)) == [
        False,
        True,
    ]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Interview, 2019", "interview"),
        ("Entretien avec la directrice", "interview"),
        ("Members' survey 2023", "survey"),
        ("Annual report 2015", "document"),
        ("Said at the general assembly", "other"),
        ("", "other"),
    ],
)
def test_a_free_text_source_maps_to_its_kind(text, kind):
    assert source_kind_for(text) == kind


def test_the_migration_maps_like_the_domain():
    migration = importlib.import_module("carnet.networks.migrations.0004_reason_source_kind")
    for text in ["Interview, 2019", "questionnaire", "Minutes of the meeting", "a phone call"]:
        assert migration.source_kind_for(text) == source_kind_for(text)
