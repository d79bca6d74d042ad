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


@task()
def apply_source(source_id, digest, by_id):
    from django.contrib.auth import get_user_model

    from . import sources
    from .models import TimelineSource

    source = TimelineSource.objects.select_related("network").filter(pk=source_id).first()
    if source is None:  # deleted in the meantime
        return None
    by = get_user_model().objects.filter(pk=by_id).first()
    plan = sources.apply_queued(source, digest=digest, by=by)
    return None if plan is None else len(plan.created) + len(plan.changed) + len(plan.removed)
