from carnet.accounts.models import Action
from carnet.capitalisation.enums import FollowUpStatus
from carnet.capitalisation.models import Attendance, FollowUp, WorkshopSession

from .factories import AttendanceFactory, FollowUpFactory, WorkshopFactory


def test_sessions_and_attendance_are_recorded(client, farid, network, org_a, org_b):
    workshop = WorkshopFactory(network=network)
    client.force_login(farid)
    base = f"/euromed/capitalisation/workshops/{workshop.pk}"
    response = client.post(
        f"{base}/sessions/",
        {"day": 2, "topic": "National good practices", "facilitator": "Farid", "level": "national"},
    )
    assert response.status_code == 302
    assert WorkshopSession.objects.get().level == "national"
    assert (
        client.post(f"{base}/attendance/", {"organisation": org_a.pk, "present": "on"}).status_code
        == 302
    )
    response = client.post(
        f"{base}/attendance/",
        {
            "organisation": org_b.pk,
            "absence_reason": "natural_disaster",
            "absence_note": "Earthquake",
        },
    )
    assert response.status_code == 302
    assert sorted(
        Attendance.objects.values_list("organisation__name", "present", "absence_reason")
    ) == [
        ("Caritas Albania", True, ""),
        ("Caritas Armenia", False, "natural_disaster"),
    ]


def test_an_absence_needs_a_reason(client, farid, network, org_b):
    workshop = WorkshopFactory(network=network)
    client.force_login(farid)
    response = client.post(
        f"/euromed/capitalisation/workshops/{workshop.pk}/attendance/", {"organisation": org_b.pk}
    )
    assert response.status_code == 400
    assert "Say why the organisation was absent." in response.content.decode()
    assert Attendance.objects.count() == 0


def test_attendance_of_an_organisation_outside_the_network_is_refused(
    client, farid, network, org_c
):
    workshop = WorkshopFactory(network=network)
    client.force_login(farid)
    response = client.post(
        f"/euromed/capitalisation/workshops/{workshop.pk}/attendance/",
        {"organisation": org_c.pk, "present": "on"},
    )
    assert response.status_code == 400
    assert Attendance.objects.count() == 0


def test_a_follow_up_for_the_absent_is_tracked_to_done(client, farid, network, org_b):
    absence = AttendanceFactory(
        workshop=WorkshopFactory(network=network),
        organisation=org_b,
        present=False,
        absence_reason="flight",
    )
    client.force_login(farid)
    response = client.post(
        f"/euromed/capitalisation/workshops/{absence.workshop.pk}/follow-ups/",
        {
            "attendance": absence.pk,
            "kind": "on_the_spot",
            "planned_on": "2019-12-05",
            "status": "planned",
        },
    )
    assert response.status_code == 302
    follow_up = FollowUp.objects.get()
    response = client.post(f"/euromed/capitalisation/follow-ups/{follow_up.pk}/done/")
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.DONE
    assert follow_up.done_on is not None
    assert Action.objects.filter(verb="state", object_id=str(follow_up.pk)).get().data == {
        "from": "planned",
        "to": "done",
    }


def test_a_follow_up_is_only_for_an_absent_organisation(client, farid, network, org_a):
    present = AttendanceFactory(workshop=WorkshopFactory(network=network), organisation=org_a)
    client.force_login(farid)
    response = client.post(
        f"/euromed/capitalisation/workshops/{present.workshop.pk}/follow-ups/",
        {"attendance": present.pk, "kind": "interview", "status": "planned"},
    )
    assert response.status_code == 400
    assert FollowUp.objects.count() == 0


def test_follow_up_of_another_network_cannot_be_marked_done(client, farid, other_network, org_c):
    absence = AttendanceFactory(
        workshop=WorkshopFactory(network=other_network),
        organisation=org_c,
        present=False,
        absence_reason="illness",
    )
    follow_up = FollowUpFactory(attendance=absence)
    client.force_login(farid)
    assert client.post(f"/other/capitalisation/follow-ups/{follow_up.pk}/done/").status_code == 404
