"""Claire, euromed's coordinator, has one finished archive download, kept a few days."""

import datetime

from django.utils import timezone

from carnet.downloads import domain
from carnet.downloads.models import Download, Kind, State


def load(ctx):
    network, claire = ctx["network"], ctx["people"]["claire"]
    kept = Download.objects.kept().filter(
        network=network, requested_by=claire, kind=Kind.ARCHIVE, state=State.DONE
    )
    if kept.exists():
        return
    download = Download.objects.create(
        kind=Kind.ARCHIVE,
        network=network,
        requested_by=claire,
        expires=timezone.now() + datetime.timedelta(days=domain.keep_days()),
    )
    domain.log(download, "requested", by=claire)
    domain.make(download)  # at once: the demo must not wait for a worker
    ctx["download"] = download
