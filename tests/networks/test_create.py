import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from carnet.accounts.enums import RoleKind, Verb
from carnet.accounts.models import Action, Invitation, Role
from carnet.capitalisation.domain import DEFAULT_PHASES
from carnet.networks.models import Network
from tests.factories import UserFactory

from .test_organisations import jpeg_with_gps

FORM = {
    "name": "Youth Balkans",
    "slug": "youth-balkans",
    "description": "Youth organisations of the Balkans.",
    "languages": ["en", "sq"],
}


@pytest.fixture
def root(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


def test_a_superuser_creates_an_unpublished_network_with_five_phases_and_coordinates_it(
    client, root
):
    client.force_login(root)
    assert "/networks/new/" in client.get("/").content.decode()
    response = client.post("/networks/new/", {**FORM, "logo_upload": jpeg_with_gps()})
    assert response.status_code == 302
    assert response["Location"] == "/youth-balkans/"
    network = Network.objects.get(slug="youth-balkans")
    assert (network.name, network.languages, network.is_published) == (
        "Youth Balkans",
        "en, sq",
        False,
    )
    assert network.logo.name.startswith("network-logos/")
    assert [r.user for r in Role.objects.filter(network=network, kind=RoleKind.COORDINATOR)] == [
        root
    ]
    exercise = network.exercises.get()
    assert [p.name for p in exercise.phases.order_by("number")] == [n for n, _ in DEFAULT_PHASES]
    assert Action.objects.filter(verb=Verb.CREATE, network=network, actor=root).count() == 2
    assert client.get("/youth-balkans/").status_code == 200
    assert f'src="/media/{network.logo.name}"' in client.get("/youth-balkans/").content.decode()
    assert client.get(f"/media/{network.logo.name}").status_code == 200
    client.logout()  # the logo of an unpublished network stays unknown
    assert client.get(f"/media/{network.logo.name}").status_code == 404


def test_a_creator_may_name_the_coordinator_who_is_invited(client, root):
    client.force_login(root)
    client.post("/networks/new/", {**FORM, "coordinator_email": "lena@example.org"})
    network = Network.objects.get(slug="youth-balkans")
    invitation = Invitation.objects.get(network=network)
    assert (invitation.email, invitation.kind) == ("lena@example.org", RoleKind.COORDINATOR)
    assert mail.outbox[0].to == ["lena@example.org"]
    assert not network.roles.exists()


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("other", "Network with this Address already exists."),
        ("networks", "“networks” is reserved; choose another address."),
        ("accounts", "“accounts” is reserved; choose another address."),
        ("media", "“media” is reserved; choose another address."),
    ],
)
def test_a_slug_taken_or_reserved_is_refused_and_the_typed_values_kept(
    client, root, other_network, slug, message
):
    client.force_login(root)
    response = client.post("/networks/new/", {**FORM, "slug": slug})
    assert response.status_code == 200
    assert response.context["form"].errors == {"slug": [message]}
    html = response.content.decode()
    assert 'value="Youth Balkans"' in html and "Youth organisations of the Balkans." in html
    assert not Network.objects.filter(name="Youth Balkans").exists()


def test_people_without_the_right_cannot_open_the_page(client, claire):
    assert client.get("/networks/new/")["Location"].startswith("/accounts/login/")
    client.force_login(claire)
    assert "/networks/new/" not in client.get("/").content.decode()
    assert client.get("/networks/new/").status_code == 403
    assert client.post("/networks/new/", FORM).status_code == 403
    assert not Network.objects.filter(slug="youth-balkans").exists()


def test_a_person_granted_the_right_creates_a_network(client, claire):
    call_command("network", "grant", "CLAIRE@example.org")
    client.force_login(claire)
    response = client.post("/networks/new/", FORM)
    assert response["Location"] == "/youth-balkans/"
    assert Role.objects.get(network__slug="youth-balkans").user == claire


def test_open_signup_lets_everyone_signed_in_create_a_network(client, claire, settings):
    settings.CARNET_OPEN_SIGNUP = True
    client.force_login(claire)
    assert client.get("/networks/new/").status_code == 200
    assert client.post("/networks/new/", FORM).status_code == 302
    client.logout()
    assert client.get("/networks/new/").status_code == 302  # anonymous: the login page


def test_the_cli_gives_the_role_to_a_person_with_an_account(db, capsys):
    lena = UserFactory(username="lena")
    call_command("network", "create", "youth-balkans", "--name", "Youth Balkans",
                 "--coordinator", "Lena@example.org")  # fmt: skip
    network = Network.objects.get(slug="youth-balkans", is_published=False)
    assert network.roles.get().user == lena
    assert network.exercises.get().phases.count() == 5
    assert "Created the network Youth Balkans at /youth-balkans/" in capsys.readouterr().out


def test_the_cli_invites_a_coordinator_without_an_account(db):
    call_command("network", "create", "youth-balkans", "--name", "Youth Balkans",
                 "--coordinator", "lena@example.org")  # fmt: skip
    network = Network.objects.get(slug="youth-balkans")
    assert network.invitations.get().kind == RoleKind.COORDINATOR
    assert not network.roles.exists()
    assert mail.outbox[0].to == ["lena@example.org"]
    assert mail.outbox[0].body.startswith(
        "You are invited to join Youth Balkans on Carnet, as Coordinator."
    )


def test_the_cli_refuses_a_taken_slug_in_one_line(other_network):
    with pytest.raises(CommandError) as refusal:
        call_command("network", "create", "other", "--name", "Again",
                     "--coordinator", "lena@example.org")  # fmt: skip
    assert str(refusal.value) == "Network with this Address already exists."
    assert not Invitation.objects.exists()


def test_grant_refuses_an_unknown_email(db):
    with pytest.raises(CommandError, match="No account with the e-mail “who@example.org”"):
        call_command("network", "grant", "who@example.org")
    assert not Permission.objects.get(codename="create_network").user_set.exists()


def test_a_network_without_a_coordinator_is_refused(db):
    from django.core.exceptions import ValidationError

    from carnet.networks.domain import create_network

    with pytest.raises(ValidationError, match="Name the network's coordinator"):
        create_network(name="Youth Balkans", slug="youth-balkans", by=None)
    assert not Network.objects.exists()
