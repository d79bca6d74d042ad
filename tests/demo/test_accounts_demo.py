from django.core.files.storage import default_storage
from PIL import Image

from carnet.accounts.enums import Verb
from carnet.accounts.models import Action, Invitation
from carnet.demo.loader import load
from carnet.networks.models import Organisation


def counts():
    return {
        "Invitation": Invitation.objects.count(),
        "Action": Action.objects.exclude(verb=Verb.LOGIN).count(),
        "logos": Organisation.objects.exclude(logo="").count(),
    }


def test_accounts_demo_loads_twice_to_the_same_counts(db):
    load()
    first = counts()
    load()
    assert counts() == first
    assert first["Invitation"] == 1 and first["logos"] == 1
    assert first["Action"] >= 11


def test_demo_has_a_pending_invitation_a_history_and_a_logo(db):
    ctx = load()
    invitation = ctx["invitation"]
    assert (invitation.status, invitation.kind, invitation.organisation.name) == (
        "pending",
        "partner_editor",
        "Caritas Kosovo",
    )
    network = ctx["network"]
    demo_lines = Action.objects.filter(network=network, data__demo=True)
    assert demo_lines.count() == 11
    assert demo_lines.order_by("created").first().created.date().isoformat() == "2019-09-02"
    assert set(demo_lines.values_list("actor__username", flat=True)) == {
        "claire",
        "farid",
        "ana",
        "bora",
    }
    logo = ctx["organisations"]["albania"].logo
    with default_storage.open(logo.name) as stored, Image.open(stored) as image:
        assert (image.format, image.size) == ("JPEG", (640, 640))


def test_demo_log_page_shows_the_history(client, db):
    load()
    client.login(username="claire", password="carnet-demo")
    response = client.get("/euromed/log/")
    assert response.status_code == 200
    assert response.context["page"].paginator.count >= 12  # the history and this login
