import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from carnet.downloads.models import Download, Kind, State
from carnet.lib.uploads import random_path


def finished_download(*, network, by, kind=Kind.ARCHIVE, days_left=7, content=b"PK zip"):
    """A download the worker has made: its file is stored."""
    name = default_storage.save(
        random_path("downloads", f"{network.slug if network else 'carnet'}-{kind}.zip"),
        ContentFile(content),
    )
    return Download.objects.create(
        kind=kind,
        network=network,
        requested_by=by,
        state=State.DONE,
        progress=100,
        file=name,
        size=len(content),
        finished=timezone.now(),
        expires=timezone.now() + datetime.timedelta(days=days_left),
    )
