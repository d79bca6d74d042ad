"""The coordinator's members page: add, edit, end and import members."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from carnet.accounts.enums import Verb
from carnet.accounts.models import Action
from carnet.lib.spreadsheets import csv_text, xlsx_bytes
from carnet.networks import domain
from carnet.networks.imports import COLUMNS
from carnet.networks.models import Membership, Organisation

ROWS = [
    COLUMNS,
    ["Caritas Albania", "", "AL", "Shkodër", "", "pilot", "2011-03-01", ""],
    ["Caritas Kosovo", "CK", "Kosovo", "Pristina", "", "", "2014-01-15", ""],
    ["Caritas Greece", "", "Greece", "", "https://caritas.gr", "observer", "2015-05-01", ""],
]


def upload(rows=ROWS, name="members.csv"):
    if name.endswith(".xlsx"):
        return SimpleUploadedFile(name, xlsx_bytes(rows, title="members"))
    return SimpleUploadedFile(name, csv_text(rows).encode())


def snapshot(network):
    return sorted(
        (
            m.organisation.name,
            m.organisation.country.code,
            m.organisation.city,
            m.role,
            m.joined_on,
            m.left_on,
        )
        for m in network.memberships.select_related("organisation")
    )


@pytest.fixture
def coordinator(client, claire, org_a, org_b):
    client.force_login(claire)
    return client


def preview(client, rows=ROWS, name="members.csv"):
    return client.post("/euromed/members/import/", {"file": upload(rows, name)})


def test_the_members_page_lists_memberships_with_their_role_and_dates(coordinator):
    html = coordinator.get("/euromed/members/").content.decode()
    assert "Caritas Albania" in html and "Gyumri" in html
    assert '<time datetime="2016-12-31">31 Dec 2016</time>' in html
    assert "Add a member" in html and "End the membership" in html


def test_the_network_page_links_the_members_page_for_its_coordinator_only(
    client, coordinator, vera
):
    assert 'href="/euromed/members/"' in coordinator.get("/euromed/").content.decode()
    client.force_login(vera)
    assert 'href="/euromed/members/"' not in client.get("/euromed/").content.decode()


def test_the_coordinator_adds_a_member_and_it_is_logged(coordinator, network):
    data = {
        "name": "Caritas Kosovo",
        "country": "XK",
        "role": "observer",
        "joined_on": "2014-01-15",
    }
    assert coordinator.post("/euromed/members/add/", data).status_code == 302
    membership = Membership.objects.get(organisation__name="Caritas Kosovo")
    assert (membership.network, membership.role) == (network, "observer")
    assert Action.objects.filter(verb=Verb.CREATE, object_id=str(membership.pk)).count() == 1


def test_the_coordinator_edits_a_member(coordinator, org_b):
    membership = org_b.memberships.get()
    data = {
        "name": "Caritas Armenia",
        "country": "AM",
        "city": "Yerevan",
        "role": "pilot",
        "joined_on": "2012-06-01",
        "left_on": "2016-12-31",
    }
    assert coordinator.post(f"/euromed/members/{membership.pk}/edit/", data).status_code == 302
    membership.refresh_from_db()
    membership.organisation.refresh_from_db()
    assert (membership.organisation.city, membership.role) == ("Yerevan", "pilot")
    action = Action.objects.get(verb=Verb.CHANGE, object_id=str(membership.pk))
    assert action.data == {"fields": ["city", "role"]}


def test_ending_a_membership_sets_the_day_it_left_and_deletes_nothing(coordinator, org_a):
    membership = org_a.memberships.get()
    response = coordinator.post(f"/euromed/members/{membership.pk}/end/", {"left_on": "2020-04-30"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.left_on == datetime.date(2020, 4, 30)
    assert Organisation.objects.filter(pk=org_a.pk).exists()


def test_a_membership_cannot_end_before_it_began(coordinator, org_a):
    membership = org_a.memberships.get()
    response = coordinator.post(f"/euromed/members/{membership.pk}/end/", {"left_on": "2010-01-01"})
    assert response.status_code == 200
    assert "A membership cannot end before it began (2011-03-01)." in response.content.decode()
    membership.refresh_from_db()
    assert membership.left_on is None


def test_a_partner_editor_cannot_open_the_members_page_nor_import(client, ana, org_a):
    client.force_login(ana)
    before = Organisation.objects.count()
    assert client.get("/euromed/members/").status_code == 403
    assert client.post("/euromed/members/import/", {"file": upload()}).status_code == 403
    assert Organisation.objects.count() == before


@pytest.mark.parametrize("name", ["members.csv", "members.xlsx"])
def test_the_preview_says_what_will_change_and_writes_nothing(coordinator, network, name):
    before = snapshot(network)
    response = preview(coordinator, name=name)
    assert response.status_code == 200
    assert [
        (row["name"], m is not None, changed) for row, m, changed in response.context["plan"]
    ] == [
        ("Caritas Albania", True, ["city", "role"]),
        (
            "Caritas Kosovo",
            False,
            ["name", "short_name", "country", "city", "website", "role", "joined_on", "left_on"],
        ),
        (
            "Caritas Greece",
            False,
            ["name", "short_name", "country", "city", "website", "role", "joined_on", "left_on"],
        ),
    ]
    assert "Confirm the import" in response.content.decode()
    assert snapshot(network) == before
    assert not Action.objects.filter(verb=Verb.IMPORT).exists()


def test_a_file_with_a_bad_row_cannot_be_confirmed(coordinator, network):
    rows = [*ROWS, ["Caritas Nowhere", "", "Atlantis", "", "", "", "2015-01-01", ""]]
    response = preview(coordinator, rows)
    html = response.content.decode()
    assert "<td>5</td><td>Country</td><td>Unknown country: “Atlantis”.</td>" in html
    assert "Confirm the import" not in html
    assert "token" not in response.context


def test_confirming_creates_and_updates_every_row_then_the_same_file_changes_nothing(
    coordinator, network
):
    token = preview(coordinator).context["token"]
    response = coordinator.post("/euromed/members/import/", {"confirm": token})
    assert response.status_code == 302
    assert snapshot(network) == [
        ("Caritas Albania", "AL", "Shkodër", "pilot", datetime.date(2011, 3, 1), None),
        (
            "Caritas Armenia",
            "AM",
            "Gyumri",
            "member",
            datetime.date(2012, 6, 1),
            datetime.date(2016, 12, 31),
        ),
        ("Caritas Greece", "GR", "", "observer", datetime.date(2015, 5, 1), None),
        ("Caritas Kosovo", "XK", "Pristina", "member", datetime.date(2014, 1, 15), None),
    ]
    assert Action.objects.get(verb=Verb.IMPORT).data == {"created": 2, "updated": 1}
    after = snapshot(network)

    again = preview(coordinator)
    assert [changed for _, _, changed in again.context["plan"]] == [[], [], []]
    coordinator.post("/euromed/members/import/", {"confirm": again.context["token"]})
    assert snapshot(network) == after
    assert Action.objects.filter(verb=Verb.IMPORT).count() == 1


def test_a_confirmation_sent_twice_imports_once(coordinator, network):
    token = preview(coordinator).context["token"]
    coordinator.post("/euromed/members/import/", {"confirm": token})
    Membership.objects.filter(organisation__name="Caritas Kosovo").delete()
    coordinator.post("/euromed/members/import/", {"confirm": token})
    assert not Membership.objects.filter(organisation__name="Caritas Kosovo").exists()


def test_an_import_that_fails_on_one_row_writes_nothing(claire, network, org_a):
    before = (snapshot(network), Organisation.objects.count())
    rows = [
        {
            "row": 2,
            "name": "Caritas Kosovo",
            "short_name": "",
            "country": "XK",
            "city": "",
            "website": "",
            "role": "member",
            "joined_on": "2014-01-15",
            "left_on": None,
        },
        {
            "row": 3,
            "name": "Caritas Albania",
            "short_name": "",
            "country": "AL",
            "city": "",
            "website": "",
            "role": "member",
            "joined_on": "2011-03-01",
            "left_on": "2001-01-01",
        },
    ]
    with pytest.raises(domain.ValidationError, match="Row 3"):
        domain.import_members(network, rows, by=claire)
    assert (snapshot(network), Organisation.objects.count()) == before
