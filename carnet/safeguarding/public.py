"""What goes out: each publishable model declares its public fields once.

    class Milestone(...):
        public_fields = ("title", "text", "tags", "era.name", "translations", ...)

A name is read from the object: a text (a TextField is Markdown, read as plain text), a
dict of texts (e.g. a sheet's template fields, one label each), a related object or
manager, whose own public_fields are read, or only the fields named after a dot
("era.name", "membership.organisation.name"). Items of a manager are labelled by their
language, else their id: "title [fr]", "caption [12]".

public_texts(obj) is what the sensitive-content check reads before obj is published;
the test of public pages, feeds and exports (tests/safeguarding/test_public_fields.py)
fails when a text reaches readers without being declared here.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from carnet.lib import markdown


def public_texts(obj, fields=None):
    """{label: text} of every public field of obj (blank ones left out)."""
    texts = {}
    for name in fields or type(obj).public_fields:
        head, _dot, rest = name.partition(".")
        value = getattr(obj, head)
        sub = (rest,) if rest else None
        if isinstance(value, models.Manager):
            for item in value.all():
                key = getattr(item, "language", None) or item.pk
                for label, text in public_texts(item, sub).items():
                    texts[f"{head}.{label} [{key}]" if rest else f"{label} [{key}]"] = text
        elif isinstance(value, models.Model):
            for label, text in public_texts(value, sub).items():
                texts[f"{head}.{label}"] = text
        elif isinstance(value, dict):
            texts.update({key: markdown.to_text(text) for key, text in value.items() if text})
        elif value:
            field = _field(obj, head)
            is_markdown = isinstance(field, models.TextField)
            texts[head] = markdown.to_text(value) if is_markdown else str(value)
    return texts


def _field(obj, name):
    try:
        return obj._meta.get_field(name)
    except FieldDoesNotExist:  # a property, not a field
        return None
