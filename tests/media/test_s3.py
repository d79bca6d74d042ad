"""Media on S3-compatible storage, for real: a local moto server and a private bucket.

The bucket is private; pages name Carnet's media view; the view checks who asks before it
redirects to a signed address that expires. The archive export copies the objects (the
backup: tests/maintenance/test_backup_s3.py).
"""

import time
import urllib.error
import urllib.request
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from carnet.archive.exporter import export_network
from carnet.library.models import Document
from carnet.safeguarding.enums import ConsentScope
from carnet.timeline.enums import MilestoneState
from tests.timeline.factories import MilestoneFactory

from .files import stored

TEXT = b"Minutes of the steering committee: the shelter's address stays private.\n"


def fetch(url):
    """(status, body) of a plain GET on the S3 server, as a browser following the redirect."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def uploaded(s3_media, network, claire):
    """A library document uploaded through the form, as the coordinator does it."""
    client = Client()
    client.force_login(claire)
    response = client.post(
        reverse("library:document_add", args=[network.slug]),
        {
            "title": "Steering committee minutes",
            "kind": "report",
            "upload": SimpleUploadedFile("minutes.txt", TEXT, content_type="text/plain"),
        },
    )
    assert response.status_code == 302, response.content
    return Document.objects.get(title="Steering committee minutes")


def test_an_upload_through_the_form_lands_in_the_private_bucket(s3_media, uploaded, s3_server):
    name = uploaded.file.name
    stored = s3_media.get_object(Bucket=s3_media.bucket, Key=name)
    assert stored["Body"].read() == TEXT
    grants = s3_media.get_object_acl(Bucket=s3_media.bucket, Key=name)["Grants"]
    assert [grant["Grantee"]["Type"] for grant in grants] == ["CanonicalUser"]  # owner only
    assert fetch(f"{s3_server}/{s3_media.bucket}/{name}")[0] == 403  # unsigned: refused


def test_pages_name_the_media_view_never_a_signed_address(s3_media, uploaded, claire, network):
    assert uploaded.file.url == f"/media/{uploaded.file.name}"
    client = Client()
    client.force_login(claire)
    page = client.get(uploaded.get_absolute_url()).content.decode()
    assert f'href="/media/{uploaded.file.name}"' in page
    assert "X-Amz-Signature" not in page


def test_no_signed_address_is_issued_before_the_access_check(s3_media, uploaded, oscar):
    for user in (None, oscar):
        client = Client()
        if user is not None:
            client.force_login(user)
        response = client.get(f"/media/{uploaded.file.name}")
        assert response.status_code == 404
        assert "Location" not in response
        assert b"X-Amz" not in response.content


def test_a_member_is_redirected_to_a_signed_address_that_downloads_the_file(
    s3_media, uploaded, vera, s3_server
):
    client = Client()
    client.force_login(vera)
    response = client.get(f"/media/{uploaded.file.name}")
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    location = response["Location"]
    assert location.startswith(f"{s3_server}/{s3_media.bucket}/{uploaded.file.name}?")
    assert "X-Amz-Expires=120" in location
    with urllib.request.urlopen(location, timeout=10) as download:
        assert download.read() == TEXT
        assert download.headers["Cache-Control"] == "private, no-store"


def test_a_signed_address_expires(s3_media, uploaded, vera):
    s3_media.use(CARNET_S3_SIGNED_URL_SECONDS="1")
    client = Client()
    client.force_login(vera)
    location = client.get(f"/media/{uploaded.file.name}")["Location"]
    assert "X-Amz-Expires=1&" in location
    time.sleep(2)
    status, body = fetch(location)
    assert status == 403
    assert b"Request has expired" in body


def test_a_forged_signed_address_is_refused(s3_media, uploaded, vera):
    client = Client()
    client.force_login(vera)
    location = client.get(f"/media/{uploaded.file.name}")["Location"]
    assert fetch(location)[0] == 200
    assert fetch(location.replace("X-Amz-Expires=120", "X-Amz-Expires=999"))[0] == 403


def test_the_archive_export_holds_the_files_of_the_bucket(s3_media, uploaded, network, tmp_path):
    target = tmp_path / "euromed.zip"
    document = export_network(network, target)
    assert document["missing_files"] == []
    with zipfile.ZipFile(target) as archive:
        assert archive.read(f"files/{uploaded.file.name}") == TEXT


def test_a_public_file_is_redirected_for_less_time_than_its_signed_address_lives(
    s3_media, network, settings
):
    moment = MilestoneFactory(
        network=network,
        state=MilestoneState.PUBLISHED,
        image=stored("timeline", "photo.jpg", b"\xff\xd8\xff a photo"),
        consent_scope=ConsentScope.PUBLICATION,
        consent_by="the people shown",
    )
    response = Client().get(f"/media/{moment.image.name}")
    assert response.status_code == 302
    assert response["Cache-Control"] == "public, max-age=60"  # half of 120 s
    with urllib.request.urlopen(response["Location"], timeout=10) as download:
        assert download.read() == b"\xff\xd8\xff a photo"
        assert download.headers["Cache-Control"] == (
            f"public, max-age={settings.MEDIA_PUBLIC_MAX_AGE}"
        )
