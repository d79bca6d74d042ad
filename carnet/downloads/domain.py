"""Downloads: asked for in the browser, made by the worker (`carnet worker`), kept a few
days, then deleted.

request_download() writes the row and queues the task; make() runs in the worker: it
writes the file in a temporary folder, then into the media storage (downloads/<random>/),
and says how far it is in `progress` and `step`. Whatever goes wrong ends as a failed
download with a one-line message for the page, never a traceback.
Expired files are deleted at each new request (clean_expired), and by
`carnet downloads_clean` for hosts who prefer a cron job. A download whose worker stopped
(crashed, restarted) without finishing is marked failed once it has not moved for
CARNET_DOWNLOADS_STALL_HOURS (2), so its page says to ask again instead of "being made"
until it expires (fail_stalled, at the same moments).
"""

import datetime
import logging
import shutil
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from carnet.accounts.domain import record
from carnet.accounts.enums import Verb
from carnet.lib.uploads import random_path

from .models import Download, Kind, State

logger = logging.getLogger(__name__)


def keep_days():
    return getattr(settings, "CARNET_DOWNLOADS_KEEP_DAYS", 7)


def stall_hours():
    return getattr(settings, "CARNET_DOWNLOADS_STALL_HOURS", 2)


def request_download(kind, *, by, network=None):
    """Queue a new download of kind for by; return it. The worker makes the file."""
    from .tasks import make_download

    clean_expired()
    fail_stalled()
    download = Download.objects.create(
        kind=kind,
        network=network,
        requested_by=by,
        expires=timezone.now() + datetime.timedelta(days=keep_days()),
    )
    log(download, "requested", by=by)
    transaction.on_commit(lambda: make_download.enqueue(download.pk))
    return download


def clean_expired():
    """Delete the expired downloads and their files; return how many."""
    count = 0
    for download in Download.objects.expired():
        if download.file:
            default_storage.delete(download.file.name)
        download.delete()
        count += 1
    return count


def fail_stalled(now=None):
    """Mark failed the downloads being made whose worker has given no sign for
    stall_hours(); return how many. One conditional update; a worker that was only slow and
    finishes later still stores its file and marks it ready."""
    now = now or timezone.now()
    return Download.objects.filter(
        state=State.RUNNING, touched__lt=now - datetime.timedelta(hours=stall_hours())
    ).update(
        state=State.FAILED,
        finished=now,
        error=gettext_noop(
            "The worker stopped before the file was ready. Ask for the file again; if it "
            "stops again, tell the instance's administrators."
        ),
    )


def log(download, what, *, by, **data):
    """One line of the action log about a download. Its target is the network (a download
    itself is never in an archive, whose log must name only what it carries)."""
    action = record(
        Verb.EXPORT,
        download.network,
        by=by,
        network=download.network,
        data={"format": download.kind, "download": what, **data},
    )
    action.object_repr = f"{download} ({what})"[:200]
    action.save(update_fields=["object_repr"])
    return action


def taken(user, download):
    """Called by the media view each time someone takes the file (GET): the action log
    says who took what."""
    log(download, "taken", by=user, file=download.file_name)


def move_on(download, progress, step):
    """step: an English text marked with gettext_noop; the page translates it for whoever
    reads it (the worker does not know their language)."""
    download.progress = progress
    download.step = step
    download.save(update_fields=["progress", "step", "touched"])


def file_stem(download, today):
    slug = download.network.slug if download.network_id else "carnet"
    return f"{slugify(slug)}-{download.kind}-{today:%Y-%m-%d}"


def zip_folder(folder, target):
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
            archive.write(path, path.relative_to(folder).as_posix())


def write_archive(download, work):
    from carnet.archive.exporter import export_network

    target = work / "archive.zip"
    export_network(download.network, target, by=download.requested_by)
    return target


def write_site(download, work):
    from carnet.archive.site import ALL, export_site
    from carnet.translations.editions import languages

    folder = work / "site"
    # Every content language of the network, a folder each, when it has several.
    every = len(languages(download.network)) > 1
    export_site(download.network, folder, language=ALL if every else None, by=download.requested_by)
    move_on(download, 70, gettext_noop("Putting the pages into one zip file"))
    target = work / "site.zip"
    zip_folder(folder, target)
    return target


def write_backup(download, work):
    from carnet.maintenance.backup import make_backup

    folder = work / "backup"
    # Earlier downloads (backups among them) are not copied into the new backup.
    make_backup(folder, skip_media=(Download._meta.get_field("file").upload_to.strip("/"),))
    move_on(download, 70, gettext_noop("Putting the backup into one zip file"))
    target = work / "backup.zip"
    zip_folder(folder, target)
    return target


WRITERS = {Kind.ARCHIVE: write_archive, Kind.SITE: write_site, Kind.BACKUP: write_backup}
STEPS = {
    Kind.ARCHIVE: gettext_noop("Writing the network's data and files into the archive"),
    Kind.SITE: gettext_noop("Writing the published pages"),
    Kind.BACKUP: gettext_noop("Copying the database and the files"),
}


def known_error(exc):
    """The one-line message of an error the exporters explain, else None."""
    from carnet.archive.site import SiteError
    from carnet.maintenance.backup import BackupError

    if isinstance(exc, (SiteError, BackupError)):
        return str(exc)
    return None


def make(download):
    """Make the file of a queued download (run by the worker)."""
    claimed = Download.objects.filter(pk=download.pk, state=State.QUEUED).update(
        state=State.RUNNING
    )
    if not claimed:
        return download  # already made, or being made by another worker
    download.state = State.RUNNING
    move_on(download, 10, STEPS[download.kind])
    work = Path(tempfile.mkdtemp(prefix="carnet-download-"))
    try:
        written = WRITERS[download.kind](download, work)
        move_on(download, 90, gettext_noop("Storing the file"))
        name = f"{file_stem(download, timezone.localdate())}.zip"
        with open(written, "rb") as handle:
            stored = default_storage.save(random_path("downloads", name), File(handle, name=name))
        download.file.name = stored
        download.size = written.stat().st_size
        download.state = State.DONE
        download.progress = 100
        download.step = ""
    except Exception as exc:  # noqa: BLE001 - the page says it failed; the log keeps why
        logger.exception("Download %s failed", download.pk)
        download.state = State.FAILED
        download.error = known_error(exc) or _(
            "The file could not be made (%(reason)s). Try again later; if it fails again, "
            "tell the instance's administrators."
        ) % {"reason": type(exc).__name__}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    download.finished = timezone.now()
    download.save()
    return download
