"""Background work of downloads, run by `carnet worker`."""

from django_tasks import task


@task()
def make_download(download_id):
    from . import domain
    from .models import Download

    download = Download.objects.filter(pk=download_id).first()
    if download is None:  # deleted in the meantime (expired)
        return None
    return domain.make(download).state
