import datetime
import secrets
import socket

import pytest

from carnet.capitalisation.models import VideoSubtitles
from carnet.practices.models import SheetPhoto
from carnet.reports.enums import BuildStatus
from carnet.reports.models import Report, ReportVersion
from carnet.safeguarding.enums import ConsentScope
from carnet.settings import media_storage_from_env
from carnet.timeline.enums import MediaKind
from carnet.timeline.models import MomentMedia, MomentSubtitles
from tests.capitalisation.factories import VideoFactory
from tests.library.factories import DocumentFactory
from tests.practices.factories import make_sheet
from tests.timeline.factories import MilestoneFactory

from .files import stored, stored_image

CONSENTED = {
    "consent_scope": ConsentScope.PUBLICATION,
    "consent_by": "the people shown",
    "consent_on": datetime.date(2024, 5, 1),
}


@pytest.fixture
def files(network, org_a, claire):
    """One unpublished object of organisation A per kind of file, in euromed.

    Returns {kind: (owner object, stored name)}.
    """
    document = DocumentFactory(
        network=network, organisation=org_a, file=stored("documents", "minutes.pdf")
    )
    video = VideoFactory(
        network=network,
        organisation=org_a,
        file=stored("videos", "testimony.mp4"),
    )
    video_track = VideoSubtitles.objects.create(
        video=video, language="sq", file=stored("subtitles", "testimony.vtt", b"WEBVTT\n\n")
    )
    moment = MilestoneFactory(network=network, organisation=org_a, image=stored_image("timeline"))
    clip = MomentMedia.objects.create(
        milestone=moment,
        kind=MediaKind.VIDEO,
        file=stored("moment-media", "clip.webm"),
        poster=stored_image("moment-media"),
    )
    clip_track = MomentSubtitles.objects.create(
        media=clip, language="en", file=stored("moment-media", "clip.vtt", b"WEBVTT\n\n")
    )
    plan = MomentMedia.objects.create(
        milestone=moment,
        kind=MediaKind.PDF,
        file=stored("moment-media", "plan.pdf"),
        preview=stored_image("moment-media"),
    )
    sound = MomentMedia.objects.create(
        milestone=moment, kind=MediaKind.AUDIO, file=stored("moment-media", "voice.ogg")
    )
    sheet = make_sheet(network=network, organisation=org_a, by=claire)
    photo = SheetPhoto.objects.create(sheet=sheet, image=stored_image("sheets"))
    report = Report.objects.create(network=network, title="Nine years")
    version = ReportVersion.objects.create(
        report=report,
        number=1,
        status=BuildStatus.READY,
        content_hash="0" * 64,
        pdf=stored("reports", "report-v1.pdf"),
        docx=stored("reports", "report-v1.docx"),
    )
    return {
        "library document": (document, document.file.name),
        "video file": (video, video.file.name),
        "subtitles": (video, video_track.file.name),
        "key moment image": (moment, moment.image.name),
        "moment sound": (sound, sound.file.name),
        "moment video": (clip, clip.file.name),
        "moment video poster": (clip, clip.poster.name),
        "moment subtitles": (clip, clip_track.file.name),
        "moment PDF": (plan, plan.file.name),
        "moment PDF preview": (plan, plan.preview.name),
        "sheet photo": (photo, photo.image.name),
        "report PDF": (version, version.pdf.name),
        "report DOCX": (version, version.docx.name),
    }


@pytest.fixture(scope="session")
def s3_server():
    """A local S3-compatible server (moto's, see s3server.py) on a free port of 127.0.0.1."""
    from .s3server import S3Server

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = S3Server(port, secret="testing")
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_bucket(s3_server):
    """A new private bucket on the local server: a boto3 client with .bucket (its name) and
    .env (the CARNET_S3_* variables that name it)."""
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )
    client.bucket = f"carnet-{secrets.token_hex(6)}"
    client.create_bucket(Bucket=client.bucket, ACL="private")
    client.env = {
        "CARNET_S3_BUCKET": client.bucket,
        "CARNET_S3_ENDPOINT_URL": s3_server,
        "CARNET_S3_ACCESS_KEY": "testing",
        "CARNET_S3_SECRET_KEY": "testing",
        "CARNET_S3_REGION": "us-east-1",
    }
    return client


@pytest.fixture
def s3_media(s3_bucket, settings, monkeypatch):
    """This test's media on a new private bucket, with the storage settings CARNET_S3_* make;
    s3_media.use(NAME=value) builds them again with more variables."""

    def use(**extra_env):
        for name, value in {**s3_bucket.env, **extra_env}.items():
            monkeypatch.setenv(name, value)
        settings.STORAGES = {**settings.STORAGES, "default": media_storage_from_env()}

    s3_bucket.use = use
    use()
    return s3_bucket
