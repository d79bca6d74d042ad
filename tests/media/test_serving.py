"""The media view: every uploaded file is served after the rules of the object it belongs to."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client

from carnet.accounts.models import Role
from carnet.capitalisation.enums import VideoStatus
from carnet.lib.uploads import variant_name
from carnet.practices.enums import SheetState
from carnet.practices.models import Sheet
from carnet.safeguarding.enums import ConsentScope
from carnet.timeline.enums import MilestoneState
from carnet.timeline.models import Milestone

from .conftest import CONSENTED

KINDS = [
    "library document",
    "video file",
    "subtitles",
    "key moment image",
    "sheet photo",
    "report PDF",
    "report DOCX",
]
# A moment's media: every file field of timeline.MomentMedia (see the test below).
MOMENT_MEDIA = [
    "moment sound",
    "moment video",
    "moment video poster",
    "moment subtitles",
    "moment PDF",
    "moment PDF preview",
]
KINDS += MOMENT_MEDIA
# What can be made public, and how: published (with consent where people are shown).
PUBLISHABLE = [
    "video file",
    "subtitles",
    "key moment image",
    "sheet photo",
    "report PDF",
    *MOMENT_MEDIA,
]
# Fields whose files are tested elsewhere (tests/networks, tests/downloads).
TESTED_ELSEWHERE = {
    "networks.Organisation.logo",
    "networks.Network.logo",
    "downloads.Download.file",
}


def test_every_registered_file_field_is_served_by_these_tests(files):
    """A new FileField registered without a case here makes this test (and so the class of
    tests of the media view) fail: add an object holding it to the `files` fixture."""
    from carnet.media import registry

    covered = {registry.find(name)[0].key for _owner, name in files.values()}
    assert set(registry.KINDS) - TESTED_ELSEWHERE == covered


def get(user, name, method="get"):
    client = Client()
    if user is not None:
        client.force_login(user)
    return getattr(client, method)(f"/media/{name}")


def body(response):
    return b"".join(response.streaming_content)


def publish(kind, owner, *, consent=True):
    """Make the owner public the way each app does; consent=False leaves consent out."""
    consent_fields = CONSENTED if consent else {}
    if kind in ("video file", "subtitles"):
        type(owner).objects.filter(pk=owner.pk).update(
            status=VideoStatus.PUBLISHED, **consent_fields
        )
    elif kind == "key moment image":
        type(owner).objects.filter(pk=owner.pk).update(
            state=MilestoneState.PUBLISHED, **consent_fields
        )
    elif kind in MOMENT_MEDIA:
        Milestone.objects.filter(pk=owner.milestone_id).update(state=MilestoneState.PUBLISHED)
        type(owner).objects.filter(pk=owner.pk).update(**consent_fields)
    elif kind == "sheet photo":
        Sheet.objects.filter(pk=owner.sheet_id).update(state=SheetState.PUBLISHED)
        type(owner).objects.filter(pk=owner.pk).update(**consent_fields)
    else:
        type(owner).objects.filter(pk=owner.pk).update(is_published=True)


@pytest.mark.parametrize("kind", KINDS)
def test_a_private_file_is_refused_to_anonymous_visitors_and_outsiders(kind, files, oscar):
    _owner, name = files[kind]
    assert get(None, name).status_code == 404  # not a login page: that would confirm it exists
    assert get(oscar, name).status_code == 404


@pytest.mark.parametrize("kind", KINDS)
def test_a_private_file_is_served_to_a_member_and_never_cached(kind, files, ana):
    _owner, name = files[kind]
    response = get(ana, name)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert body(response) == default_storage.open(name).read()


@pytest.mark.parametrize("kind", KINDS)
def test_a_file_is_refused_once_the_persons_role_is_removed(kind, files, ana):
    _owner, name = files[kind]
    assert get(ana, name).status_code == 200
    Role.objects.filter(user=ana).delete()
    assert get(ana, name).status_code == 404


@pytest.mark.parametrize("kind", PUBLISHABLE)
def test_a_published_file_with_consent_is_public_and_cacheable(kind, files, oscar, settings):
    owner, name = files[kind]
    publish(kind, owner)
    for user in (None, oscar):
        response = get(user, name)
        assert response.status_code == 200
        assert response["Cache-Control"] == f"public, max-age={settings.MEDIA_PUBLIC_MAX_AGE}"


@pytest.mark.parametrize("kind", PUBLISHABLE)
def test_a_file_is_refused_again_once_unpublished(kind, files):
    owner, name = files[kind]
    publish(kind, owner)
    assert get(None, name).status_code == 200
    if kind in ("video file", "subtitles"):
        type(owner).objects.filter(pk=owner.pk).update(status=VideoStatus.EDITING)
    elif kind == "key moment image":
        type(owner).objects.filter(pk=owner.pk).update(state=MilestoneState.ACCEPTED)
    elif kind in MOMENT_MEDIA:
        Milestone.objects.filter(pk=owner.milestone_id).update(state=MilestoneState.ACCEPTED)
    elif kind == "sheet photo":
        Sheet.objects.filter(pk=owner.sheet_id).update(state=SheetState.VALIDATED)
    else:
        type(owner).objects.filter(pk=owner.pk).update(is_published=False)
    assert get(None, name).status_code == 404


@pytest.mark.parametrize(
    "kind", ["video file", "subtitles", "key moment image", "sheet photo", *MOMENT_MEDIA]
)
def test_a_published_file_is_refused_once_consent_is_withdrawn(kind, files, vera):
    owner, name = files[kind]
    publish(kind, owner)
    assert get(None, name).status_code == 200
    type(owner).objects.filter(pk=owner.pk).update(consent_scope=ConsentScope.NONE)
    assert get(None, name).status_code == 404
    assert get(vera, name)["Cache-Control"] == "private, no-store"  # members still see it


@pytest.mark.parametrize("kind", ["video file", "key moment image", "sheet photo", *MOMENT_MEDIA])
def test_a_published_file_without_consent_stays_private(kind, files, vera):
    owner, name = files[kind]
    publish(kind, owner, consent=False)
    assert get(None, name).status_code == 404
    assert get(vera, name).status_code == 200


def test_a_published_file_of_an_unpublished_network_stays_private(files, network):
    owner, name = files["report PDF"]
    publish("report PDF", owner)
    type(network).objects.filter(pk=network.pk).update(is_published=False)
    assert get(None, name).status_code == 404


def test_a_draft_sheets_photo_is_refused_to_a_member_who_may_not_read_the_sheet(files, bora, ana):
    _photo, name = files["sheet photo"]  # a draft of organisation A, not opened to peers
    assert get(bora, name).status_code == 404
    assert get(ana, name).status_code == 200


@pytest.mark.parametrize(
    "kind", ["key moment image", "sheet photo", "moment video poster", "moment PDF preview"]
)
def test_the_smaller_copies_of_an_image_follow_the_image(kind, files, ana):
    owner, name = files[kind]
    small = variant_name(name, 480)
    assert get(None, small).status_code == 404
    assert get(ana, small).status_code == 200
    publish(kind, owner)
    assert get(None, small).status_code == 200


def test_a_file_that_belongs_to_no_object_is_not_served(vera, claire):
    name = default_storage.save("documents/stray/left-over.pdf", ContentFile(b"orphan"))
    assert get(claire, name).status_code == 404
    assert get(claire, "secret_key").status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
def test_only_get_and_head_are_accepted(method, files, claire):
    _owner, name = files["library document"]
    assert get(claire, name, method).status_code == 405
    assert get(None, name, method).status_code == 405


def test_head_answers_like_get(files, claire):
    _owner, name = files["library document"]
    response = get(claire, name, "head")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    "address",
    [
        "../settings.py",
        "documents/../../etc/passwd",
        "documents/%2e%2e/%2e%2e/etc/passwd",
        "documents//etc/passwd",
        "/etc/passwd",
        "documents/x/..%5c..%5csecret",
    ],
)
def test_a_path_out_of_the_media_folder_is_404(address, files, claire, settings, tmp_path):
    outside = settings.MEDIA_ROOT.parent / "etc"
    outside.mkdir(exist_ok=True)
    (outside / "passwd").write_text("root:x:0:0")
    response = Client().get(f"/media/{address}")
    assert response.status_code == 404
    client = Client()
    client.force_login(claire)
    assert client.get(f"/media/{address}").status_code == 404


def test_nginx_sends_the_bytes_through_an_internal_location(files, vera, settings):
    settings.MEDIA_ACCEL = "nginx"
    _owner, name = files["library document"]
    response = get(vera, name)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/{name}"
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert response.content == b""
    assert get(None, name).status_code == 404  # the check still comes first


def test_sendfile_names_the_file_on_disk(files, vera, settings):
    settings.MEDIA_ACCEL = "sendfile"
    _owner, name = files["subtitles"]
    response = get(vera, name)
    assert response.status_code == 200
    assert response["X-Sendfile"] == str(settings.MEDIA_ROOT / name)
    assert response.content == b""
