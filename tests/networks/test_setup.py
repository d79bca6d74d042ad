"""The set-up checklist on the network page, and the pages its steps lead to that live in
networks: describing and publishing the network."""

import datetime

import pytest
from django.urls import NoReverseMatch, reverse

from carnet.accounts.enums import RoleKind, Verb
from carnet.accounts.models import Action
from carnet.capitalisation.domain import create_exercise
from carnet.capitalisation.enums import PhaseStatus
from carnet.networks import setup
from carnet.networks.domain import create_network
from carnet.safeguarding.models import SensitiveFlag
from carnet.vocabulary import domain as vocabulary
from carnet.vocabulary.enums import TermKind

from ..factories import MembershipFactory, RoleFactory, UserFactory


@pytest.fixture
def lena(db):
    return UserFactory(username="lena", email="lena@example.org")


@pytest.fixture
def youth(lena):
    """A network just created: unpublished, no description, no member, no other person."""
    return create_network(name="Youth Balkans", slug="youth-balkans", by=lena)


def states(network):
    return {task.step.key: task.done for task in setup.checklist(network)}


def test_a_new_network_has_every_step_not_started(youth):
    assert states(youth) == {
        "describe": False,
        "members": False,
        "exercise": False,
        "vocabulary": False,
        "invite": False,
        "publish": False,
    }


def test_each_step_is_done_from_the_data(youth, lena):
    youth.description = "Youth organisations of the Balkans."
    youth.save()
    MembershipFactory(network=youth)
    phase = youth.exercises.get().phases.get(number=1)
    phase.status = PhaseStatus.IN_PROGRESS
    phase.save()
    vocabulary.add_term(youth, TermKind.THEME, "Youth participation", by=lena)
    RoleFactory(network=youth, kind=RoleKind.VIEWER)
    youth.is_published = True
    youth.save()
    assert set(states(youth).values()) == {True}
    assert setup.is_complete(setup.checklist(youth))


def test_the_exercise_is_started_by_dates_alone(youth):
    phase = youth.exercises.get().phases.get(number=2)
    phase.planned_start = datetime.date(2027, 1, 1)
    phase.save()
    assert states(youth)["exercise"] is True


def test_only_the_current_exercise_counts(youth):
    old = youth.exercises.get()
    old.phases.update(status=PhaseStatus.DONE)
    create_exercise(network=youth, title="Second round")
    assert states(youth)["exercise"] is False


def test_a_pending_invitation_counts_but_another_coordinator_does_not(youth, lena):
    from carnet.accounts.domain import invite

    RoleFactory(network=youth, kind=RoleKind.COORDINATOR)
    assert states(youth)["invite"] is False
    invite(youth, email="ana@example.org", kind=RoleKind.PARTNER_EDITOR, by=lena)
    assert states(youth)["invite"] is True


def test_the_exercise_step_links_the_dashboard_until_an_exercises_page_exists(youth):
    task = next(t for t in setup.checklist(youth) if t.step.key == "exercise")
    try:
        expected = reverse("capitalisation:exercises", kwargs={"network": "youth-balkans"})
    except NoReverseMatch:
        expected = reverse("capitalisation:dashboard", kwargs={"network": "youth-balkans"})
    assert task.url == expected


def test_the_vocabulary_step_is_there_only_with_its_app(youth):
    from django.apps import apps

    keys = [task.step.key for task in setup.checklist(youth)]
    assert ("vocabulary" in keys) is apps.is_installed("carnet.vocabulary")


def test_the_coordinator_sees_the_checklist_with_links_and_states(client, youth, lena):
    client.force_login(lena)
    html = client.get("/youth-balkans/").content.decode()
    assert "Set up the network" in html
    assert 'href="/youth-balkans/edit/"' in html
    assert 'href="/youth-balkans/members/"' in html
    assert 'href="/youth-balkans/people/"' in html
    assert 'href="/youth-balkans/publish/"' in html
    assert html.count("Not started") == len(setup.steps())


def test_other_members_do_not_see_the_checklist(client, youth):
    viewer = UserFactory(username="vic")
    RoleFactory(user=viewer, network=youth, kind=RoleKind.FACILITATOR)
    client.force_login(viewer)
    html = client.get("/youth-balkans/").content.decode()
    assert "Set up the network" not in html


def test_a_complete_set_up_says_so_in_one_line(client, network, claire, org_a, vera):
    network.description = "A network."
    network.save()
    create_exercise(network=network, title="Capitalisation").phases.filter(number=1).update(
        status=PhaseStatus.DONE
    )
    vocabulary.add_term(network, TermKind.THEME, "Outreach", by=claire)
    client.force_login(claire)
    html = client.get("/euromed/").content.decode()
    assert "Set up the network" not in html
    assert "set-up is complete." in html


# Describe the network ------------------------------------------------------------------


def test_the_coordinator_describes_the_network(client, youth, lena):
    client.force_login(lena)
    response = client.post(
        "/youth-balkans/edit/",
        {
            "name": "Youth Balkans",
            "description": "Twelve youth NGOs.",
            "languages": ["en", "sq"],
            "in_public_library": "on",  # as the form shows it: ticked
        },
    )
    assert response.status_code == 302 and response["Location"] == "/youth-balkans/"
    youth.refresh_from_db()
    assert (youth.description, youth.languages) == ("Twelve youth NGOs.", "en, sq")
    action = Action.objects.filter(verb=Verb.CHANGE, object_id=str(youth.pk)).get()
    assert action.data == {"fields": ["description", "languages"]}
    assert states(youth)["describe"] is True


def test_a_bad_description_form_keeps_what_was_typed(client, youth, lena):
    client.force_login(lena)
    response = client.post(
        "/youth-balkans/edit/",
        {"name": "Youth Balkans", "description": "Typed with care.", "languages": ["en", "1"]},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Typed with care." in html and "Select a valid choice. 1 is not one" in html
    youth.refresh_from_db()
    assert youth.description == ""


# Publish the network -------------------------------------------------------------------


def test_publishing_asks_first_then_publishes(client, youth, lena):
    client.force_login(lena)
    page = client.get("/youth-balkans/publish/").content.decode()
    assert "Publish the network" in page
    youth.refresh_from_db()
    assert youth.is_published is False
    response = client.post("/youth-balkans/publish/")
    assert response["Location"] == "/youth-balkans/"
    youth.refresh_from_db()
    assert youth.is_published is True
    assert Action.objects.filter(verb=Verb.PUBLISH, object_id=str(youth.pk)).count() == 1


def test_a_description_with_an_email_address_holds_publication(client, youth, lena):
    youth.description = "Write to jana.novak@example.org for the files."
    youth.save()
    client.force_login(lena)
    response = client.post("/youth-balkans/publish/", follow=True)
    youth.refresh_from_db()
    assert youth.is_published is False
    assert "1 thing to check (a name, an e-mail address or a phone number)" in (
        response.content.decode()
    )
    assert SensitiveFlag.objects.filter(network=youth, field="description").exists()


def test_a_published_network_publish_page_says_so(client, network, claire):
    client.force_login(claire)
    html = client.get("/euromed/publish/").content.decode()
    assert "The network is published: anyone can read its page" in html
    assert "Once published" not in html  # nothing left to confirm


def test_a_published_description_with_a_phone_number_is_hidden_from_the_public(
    client, network, claire
):
    client.force_login(claire)
    client.post(
        "/euromed/edit/",
        {
            "name": network.name,
            "description": "Call Jana on +355 69 123 4567.",
            "languages": ["en"],
        },
    )
    assert SensitiveFlag.objects.filter(network=network, field="description").exists()
    assert "Call Jana" in client.get("/euromed/").content.decode()
    client.logout()
    assert "Call Jana" not in client.get("/euromed/").content.decode()
