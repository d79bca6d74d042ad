from carnet.accounts.models import Action
from carnet.capitalisation.enums import InterviewStatus
from carnet.capitalisation.models import Interview

from .factories import InterviewFactory


def test_an_organiser_records_an_interview(client, farid, claire, network, org_a):
    client.force_login(farid)
    response = client.post(
        "/euromed/capitalisation/interviews/new/",
        {
            "organisation": org_a.pk,
            "planned_on": "2019-09-20",
            "channel": "messaging",
            "interviewers": [farid.pk, claire.pk],
            "status": "done",
            "expectations": "Show our work with schools.",
            "notes": "Staff changed twice since 2015.",
        },
    )
    interview = Interview.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/euromed/capitalisation/interviews/{interview.pk}/"
    assert (interview.network, interview.organisation, interview.status) == (
        network,
        org_a,
        InterviewStatus.DONE,
    )
    assert set(interview.interviewers.all()) == {farid, claire}
    assert Action.objects.filter(verb="create", object_id=str(interview.pk)).count() == 1


def test_an_interview_with_an_organisation_outside_the_network_is_refused(
    client, farid, network, org_c
):
    client.force_login(farid)
    response = client.post(
        "/euromed/capitalisation/interviews/new/",
        {"organisation": org_c.pk, "channel": "video", "status": "planned"},
    )
    assert response.status_code == 400
    assert Interview.objects.count() == 0


def test_the_model_refuses_an_organisation_outside_the_network(network, org_c):
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        Interview(network=network, organisation=org_c).full_clean()
    assert error.value.message_dict["organisation"] == [
        "This organisation is not a member of the network."
    ]


def test_interview_notes_are_for_coordinators_and_facilitators_only(
    client, personas, network, org_a
):
    interview = InterviewFactory(
        network=network, organisation=org_a, notes="Confidential remark", expectations="Visibility"
    )
    url = f"/euromed/capitalisation/interviews/{interview.pk}/"
    seen = {}
    for name in ["claire", "farid", "ana", "bora", "vera"]:
        client.force_login(personas[name])
        body = client.get(url).content.decode()
        seen[name] = ("Confidential remark" in body, "Visibility" in body)
    assert seen == {
        "claire": (True, True),
        "farid": (True, True),
        "ana": (False, True),
        "bora": (False, True),
        "vera": (False, True),
    }


def test_coverage_shows_who_was_interviewed_and_why_not(client, farid, network, org_a, org_b):
    InterviewFactory(network=network, organisation=org_a, status=InterviewStatus.DONE)
    InterviewFactory(
        network=network,
        organisation=org_b,
        status=InterviewStatus.UNAVAILABLE,
        reason="Staff turnover",
    )
    client.force_login(farid)
    response = client.get("/euromed/capitalisation/interviews/")
    body = response.content.decode()
    assert "1 of 2 organisations interviewed." in body
    assert "Unavailable — Staff turnover" in body
    assert [row["state"] for row in response.context["coverage"]] == ["done", "unavailable"]


def test_a_status_change_in_the_form_is_logged_as_such(client, farid, network, org_b):
    interview = InterviewFactory(network=network, organisation=org_b)
    client.force_login(farid)
    response = client.post(
        f"/euromed/capitalisation/interviews/{interview.pk}/edit/",
        {"organisation": org_b.pk, "channel": "phone", "status": "declined", "reason": "No staff"},
    )
    assert response.status_code == 302
    interview.refresh_from_db()
    assert (interview.status, interview.reason, interview.channel) == (
        "declined",
        "No staff",
        "phone",
    )
    assert list(Action.objects.order_by("id").values_list("verb", "data")) == [
        ("change", {}),
        ("state", {"from": "planned", "to": "declined"}),
    ]
