"""Background work of the timeline, run by `carnet worker`."""

from django_tasks import task


@task()
def fetch_source(source_id):
    from . import sources
    from .models import TimelineSource

    source = TimelineSource.objects.select_related("network").filter(pk=source_id).first()
    if source is None:  # deleted in the meantime
        return None
    return sources.fetch(source)
