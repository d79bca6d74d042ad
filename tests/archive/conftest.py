import pytest
from django.core.files.base import ContentFile
from django.utils import translation

from carnet.accounts.models import Invitation, User
from carnet.archive.exporter import export_network
from carnet.capitalisation.models import Video
from carnet.demo.loader import load
from carnet.networks.models import Organisation
from carnet.reports.domain import validate_item
from carnet.reports.enums import DecisionState


@pytest.fixture(autouse=True)
def english():
    """Commands print in the active language; keep English for exact messages."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def own_media(settings, tmp_path):
    """A media folder of the test's own: tests check which files an import leaves behind."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(db):
    """The demo network, plus what the demo lacks: validations, a pending invitation, a logo."""
    ctx = load()
    network = ctx["network"]
    claire = User.objects.get(username="claire")
    albania = Organisation.objects.get(name="Caritas Albania")
    videos = list(Video.objects.filter(network=network).order_by("pk"))
    validate_item(videos[0], organisation=albania, state=DecisionState.VALIDATED, by=claire)
    validate_item(videos[1], organisation=albania, state=DecisionState.VALIDATED, by=claire)
    Video.objects.filter(pk=videos[1].pk).update(title="Changed after the validation")
    Invitation.objects.create(
        network=network,
        email="new.partner@example.org",
        kind="viewer",
        token_hash="f" * 64,
        invited_by=claire,
        expires_at="2099-01-01T00:00:00Z",
    )
    albania.logo.save("logo.png", ContentFile(b"\x89PNG not really"), save=True)
    return network


@pytest.fixture
def archive_path(world, tmp_path):
    path = tmp_path / "euromed.zip"
    export_network(world, path)
    return path
