from django.contrib.contenttypes.models import ContentType

from .models import Action


def record(verb, target=None, *, by=None, network=None, organisation=None, data=None):
    """Write one line of the action log and return it."""
    if network is None and target is not None:
        network = getattr(target, "network", None)
    if organisation is None and target is not None:
        organisation = getattr(target, "organisation", None)
    return Action.objects.create(
        verb=verb,
        actor=by if by is not None and by.is_authenticated else None,
        network=network,
        organisation=organisation,
        content_type=ContentType.objects.get_for_model(target) if target is not None else None,
        object_id=str(target.pk) if target is not None else "",
        object_repr=str(target)[:200] if target is not None else "",
        data=data or {},
    )
