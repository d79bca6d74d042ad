"""A member's dates are typed as people know them (issue 14, item 6: start dates)."""

import datetime

import pytest

from carnet.networks.models import Membership


@pytest.fixture
def coordinator(client, claire, org_a, org_b):
    client.force_login(claire)
    return client


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("October 2016", datetime.date(2016, 10, 1)),
        ("octobre 2016", datetime.date(2016, 10, 1)),
        ("2016-10", datetime.date(2016, 10, 1)),
        ("10/2016", datetime.date(2016, 10, 1)),
        ("2016", datetime.date(2016, 1, 1)),
        ("12/10/2016", datetime.date(2016, 10, 12)),
    ],
)
def test_the_coordinator_types_the_day_a_member_joined_as_people_say_it(
    coordinator, network, typed, stored
):
    data = {"name": "Caritas Kosovo", "country": "XK", "role": "member", "joined_on": typed}
    assert coordinator.post("/euromed/members/add/", data).status_code == 302
    membership = Membership.objects.get(organisation__name="Caritas Kosovo")
    assert membership.joined_on == stored


def test_a_date_that_is_no_date_is_refused_and_kept_as_typed(coordinator, org_a):
    membership = org_a.memberships.get()
    response = coordinator.post(
        f"/euromed/members/{membership.pk}/end/", {"left_on": "Octember 2016"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Octember 2016"' in page
    assert "“Octember 2016” is not a date" in page
    assert 'href="#id_left_on"' in page  # the error summary links to the field
    membership.refresh_from_db()
    assert membership.left_on is None


def test_the_date_field_never_cuts_what_is_typed(coordinator, org_a):
    membership = org_a.memberships.get()
    page = coordinator.get(f"/euromed/members/{membership.pk}/end/").content.decode()
    assert 'name="left_on"' in page
    assert "maxlength" not in page.split('name="left_on"')[1].split(">")[0]
