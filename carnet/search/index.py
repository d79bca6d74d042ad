"""Keeping the index in step with the network's content: on save, on delete, or all again.

`refresh(obj)` writes an object's rows (and removes the ones it no longer has);
`forget(obj)` removes them. Both run from the models' post_save / post_delete signals
(connected in apps.py), so the index never needs rebuilding at start; `rebuild()` (the
`carnet search_reindex` command) writes every row again.
A moment's translation refreshes its moment; a new sheet version refreshes its sheet (the
sheet's text is written with an UPDATE, which sends no signal).
"""

from django.db import transaction

from carnet.lib.textsearch import index_words

from .kinds import SOURCES, source_for
from .models import Entry

# What a row written again replaces: every column but its id and its key.
REWRITTEN = [
    f.name for f in Entry._meta.concrete_fields if f.name not in {"id", "kind", "object_id", "part"}
]


def _words(values):
    return index_words(f"{values['title']}\n{values['text']}", values["language"])


def _entry(kind, values):
    return Entry(kind=kind, words=_words(values), **values)


def refresh(obj, source=None, *, new=False):
    """Write the object's rows; `new`: it was just created, so it has none yet (one INSERT,
    which still replaces a row left behind by an object of the same id)."""
    source = source or source_for(type(obj))
    if source is None:
        return
    rows = source.rows(obj)
    if new:
        entries = [_entry(source.kind, values) for values in rows]
        if entries:
            Entry.objects.bulk_create(
                entries,
                update_conflicts=True,
                unique_fields=["kind", "object_id", "part"],
                update_fields=REWRITTEN,
            )
        return
    with transaction.atomic():
        kept = []
        for values in rows:
            values = {**values, "words": _words(values)}
            object_id, part = values.pop("object_id"), values.pop("part")
            entry, _created = Entry.objects.update_or_create(
                kind=source.kind, object_id=object_id, part=part, defaults=values
            )
            kept.append(entry.pk)
        Entry.objects.filter(kind=source.kind, object_id=obj.pk).exclude(pk__in=kept).delete()


def forget(obj, source=None):
    source = source or source_for(type(obj))
    if source is not None:
        Entry.objects.filter(kind=source.kind, object_id=obj.pk).delete()


def rebuild(network=None, *, batch=500):
    """Write every row again (of one network, or of the whole instance); returns the count."""
    count = 0
    with transaction.atomic():
        entries = Entry.objects.all()
        if network is not None:
            entries = entries.filter(network=network)
        entries.delete()
        for kind, source in SOURCES.items():
            objects = source.model.objects.all()
            network_field = {
                "session": "workshop__network",
                "chapter": "report__network",
                "comment": "sheet__network",
            }.get(kind, "network")
            if network is not None:
                objects = objects.filter(**{network_field: network})
            related = {
                "session": ["workshop__network"],
                "chapter": ["report__network"],
                "comment": ["sheet__network"],
            }.get(kind, ["network"])
            objects = objects.select_related(*related).order_by("pk")
            if kind == "moment":
                objects = objects.prefetch_related("translations")
            pending = []
            for obj in objects.iterator(chunk_size=batch) if kind != "moment" else objects:
                for values in source.rows(obj):
                    pending.append(_entry(kind, values))
                if len(pending) >= batch:
                    Entry.objects.bulk_create(pending)
                    count += len(pending)
                    pending = []
            Entry.objects.bulk_create(pending)
            count += len(pending)
    return count


def on_save(sender, instance, raw=False, **kwargs):
    if raw:  # fixtures and archive imports: `carnet search_reindex` afterwards
        return
    from carnet.practices.models import Sheet, SheetVersion
    from carnet.timeline.models import MilestoneTranslation

    if isinstance(instance, MilestoneTranslation):
        refresh(instance.milestone)
    elif isinstance(instance, SheetVersion):
        # A sheet's text is saved with an UPDATE (no signal), then its version is written.
        sheet = Sheet.objects.select_related("network").filter(pk=instance.sheet_id).first()
        if sheet is not None:
            refresh(sheet)
    else:
        refresh(instance, new=kwargs.get("created", False))


def on_delete(sender, instance, **kwargs):
    from carnet.practices.models import SheetVersion
    from carnet.timeline.models import Milestone, MilestoneTranslation

    if isinstance(instance, SheetVersion):
        return
    if isinstance(instance, MilestoneTranslation):
        milestone = Milestone.objects.filter(pk=instance.milestone_id).first()
        if milestone is not None:
            refresh(milestone)
    else:
        forget(instance)


def connect():
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save

    models = [source.model for source in SOURCES.values()]
    models.append(apps.get_model("timeline.MilestoneTranslation"))
    models.append(apps.get_model("practices.SheetVersion"))
    for model in models:
        uid = f"search_{model._meta.label_lower}"
        post_save.connect(on_save, sender=model, dispatch_uid=uid)
        post_delete.connect(on_delete, sender=model, dispatch_uid=uid)
