"""Which object each uploaded file belongs to, and who may read it.

Every FileField of every model is registered once, by the app that owns the model, from
its AppConfig.ready():

    from carnet.media.registry import register
    register(SheetPhoto, "image", readable=practices_rules.can_view_photo)

`readable` is a django-rules predicate (or any callable(user, obj)): the same rule as the
page that shows the file. A file anonymous visitors may read is public (and cacheable);
any other is served only to the people `readable` lets in, never cached.

A file is found from its stored name: its folder (the first part of the name, taken from
the field's `upload_to`: a string, or a callable with a `folder` attribute) names the
fields that may hold it, and the row is looked up by the exact name. Resized copies of
an image (`name-480w.jpg`, see carnet.lib.uploads.variant_name) belong to the same row.
tests/media/test_registry.py fails when a FileField is not registered.
"""

import re
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from carnet.lib.uploads import VARIANT_WIDTHS

VARIANT = re.compile(r"^(?P<stem>.+)-(?P<width>\d+)w(?P<suffix>\.[^./]+)?$")


@dataclass(frozen=True)
class FileKind:
    model: type
    field: str
    folder: str
    readable: object  # callable(user, obj) -> bool
    served: object = None  # callable(user, obj), called when a private file is sent (GET)

    @property
    def key(self):
        return f"{self.model._meta.label}.{self.field}"

    def owner(self, name):
        """The row whose field holds this stored name, or None."""
        return self.model._default_manager.filter(**{self.field: name}).first()


KINDS = {}  # "app_label.Model.field" -> FileKind


def folder_of(field):
    upload_to = field.upload_to
    folder = upload_to if isinstance(upload_to, str) else getattr(upload_to, "folder", "")
    folder = folder.strip("/").split("/")[0]
    if not folder:
        raise ImproperlyConfigured(
            f"{field.model._meta.label}.{field.name}: upload_to must be a folder or a callable "
            "with a `folder` attribute"
        )
    return folder


def register(model, *fields, readable, served=None):
    """served: called with (user, obj) each time a private file is sent (GET), e.g. to
    write who took it in the action log."""
    for name in fields:
        field = model._meta.get_field(name)
        if not isinstance(field, models.FileField):
            raise ImproperlyConfigured(f"{model._meta.label}.{name} is not a FileField")
        kind = FileKind(model, name, folder_of(field), readable, served)
        KINDS[kind.key] = kind


def is_registered(model, field_name):
    return f"{model._meta.label}.{field_name}" in KINDS


def clean_name(path):
    """The stored name asked for, or None for anything that is not a plain relative path."""
    if not path or "\\" in path or "\x00" in path or path.startswith("/"):
        return None
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts) or len(parts) < 2:
        return None
    return path


def originals(name):
    """The name itself, then the original of a resized copy of an image."""
    yield name
    match = VARIANT.match(name)
    if match and int(match["width"]) in VARIANT_WIDTHS:
        yield match["stem"] + (match["suffix"] or "")


def find(path):
    """(FileKind, owner object) for a stored name, or None."""
    name = clean_name(path)
    if name is None:
        return None
    folder = name.split("/")[0]
    for kind in (kind for kind in KINDS.values() if kind.folder == folder):
        for candidate in originals(name):
            owner = kind.owner(candidate)
            if owner is not None:
                return kind, owner
    return None


def is_public(kind, obj):
    """Whether anyone at all may read the file (then it may be cached by anyone)."""
    return bool(kind.readable(AnonymousUser(), obj))


def may_read(user, kind, obj):
    return bool(kind.readable(user, obj))
