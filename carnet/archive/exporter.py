"""Write everything of one network into a zip: archive.json plus the media files."""

import datetime
import decimal
import hashlib
import json
import uuid
import zipfile

from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone

from carnet.accounts.domain import record
from carnet.accounts.enums import Verb
from carnet.lib.uploads import VARIANT_WIDTHS, variant_name

from . import schema
from .schema import GENERIC, JSON_IDS, OMITTED_FIELDS, ROW_FILTERS, SHARED, label

CHUNK = 1024 * 1024


def plain(value):
    """A field value as JSON: dates and times in ISO 8601, decimals and UUIDs as text."""
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if value is None or isinstance(value, (str, int, float, bool, dict, list)):
        return value
    return str(value)  # e.g. a country


def content_type_label(content_type_id):
    if content_type_id is None:
        return None
    ct = ContentType.objects.get_for_id(content_type_id)
    model = ct.model_class()
    return label(model).lower() if model is not None else f"{ct.app_label}.{ct.model}"


def carnet_version():
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("carnet")
    except PackageNotFoundError:
        return "unknown"


class Collector:
    """The rows of one network, by model label, and what they refer to."""

    def __init__(self, network):
        self.network = network
        self.rows = {}  # label -> {pk: obj}
        self.order = []  # labels, in import order
        self.files = set()

    def collect(self):
        for model, path in schema.exported_models():
            queryset = model._default_manager.filter(**{path: self.network.pk}).order_by("pk")
            if label(model) in ROW_FILTERS:
                queryset = ROW_FILTERS[label(model)](queryset)
            self.rows[label(model)] = {obj.pk: obj for obj in queryset}
            self.order.append(label(model))
        # People and organisations the network refers to.
        from carnet.accounts.models import User
        from carnet.networks.models import Organisation

        user_ids = self.referenced("accounts.User")
        self.rows["accounts.User"] = {u.pk: u for u in User.objects.filter(pk__in=user_ids)}
        org_ids = self.referenced("networks.Organisation")  # members, roles' organisations…
        self.rows["networks.Organisation"] = {
            o.pk: o for o in Organisation.objects.filter(pk__in=org_ids).order_by("pk")
        }
        self.rows["accounts.User"] = dict(sorted(self.rows["accounts.User"].items()))
        self.order = list(SHARED) + self.order
        return self

    def referenced(self, target):
        """Ids of target that the network's rows point to (foreign keys, many-to-many,
        generic relations)."""
        ids = set()
        for name, rows in self.rows.items():
            if name in SHARED:
                continue
            model = next(iter(rows.values())).__class__ if rows else None
            if model is None:
                continue
            omitted = OMITTED_FIELDS.get(name, {})
            for field in model._meta.concrete_fields:
                if (
                    field.is_relation
                    and label(field.related_model) == target
                    and field.name not in omitted
                ):
                    ids |= {getattr(obj, field.attname) for obj in rows.values()}
            for field in model._meta.many_to_many:
                if label(field.related_model) == target:
                    through = field.remote_field.through
                    source = field.m2m_field_name()
                    dest = field.m2m_reverse_field_name()
                    ids |= set(
                        through.objects.filter(**{f"{source}__in": list(rows)}).values_list(
                            f"{dest}_id", flat=True
                        )
                    )
            if name in GENERIC:
                ct_field, id_field = GENERIC[name]
                for obj in rows.values():
                    if content_type_label(getattr(obj, f"{ct_field}_id")) == target.lower():
                        ids.add(self.int_or_none(getattr(obj, id_field)))
        ids.discard(None)
        return ids

    @staticmethod
    def int_or_none(value):
        try:
            return int(value)
        except (TypeError, ValueError):
            return None

    def is_exported(self, ct_label, object_id):
        """Whether the object named by a generic relation is in the archive."""
        if not ct_label or object_id in (None, ""):
            return False
        for name, rows in self.rows.items():
            if name.lower() == ct_label:
                return self.int_or_none(object_id) in rows
        return False

    def serialise(self, name, obj):
        model = obj.__class__
        omitted = OMITTED_FIELDS.get(name, {})
        fields = {}
        for field in model._meta.concrete_fields:
            if field.primary_key or field.name in omitted:
                continue
            if field.is_relation and label(field.related_model) == "contenttypes.ContentType":
                fields[field.name] = content_type_label(getattr(obj, field.attname))
            elif field.is_relation:
                fields[field.name] = getattr(obj, field.attname)
            elif isinstance(field, models.FileField):
                file_name = getattr(obj, field.attname).name or ""
                fields[field.name] = file_name
                if file_name:
                    self.files.add(file_name)
                    if isinstance(field, models.ImageField):
                        for width in VARIANT_WIDTHS:
                            variant = variant_name(file_name, width)
                            if default_storage.exists(variant):
                                self.files.add(variant)
            else:
                fields[field.name] = plain(field.value_from_object(obj))
        for field in model._meta.many_to_many:
            if field.name in omitted:
                continue
            fields[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
        if name in GENERIC:
            ct_field, id_field = GENERIC[name]
            if not self.is_exported(fields[ct_field], fields[id_field]):
                fields[id_field] = None
                carried = any(other.lower() == fields[ct_field] for other in self.rows)
                if not carried and model._meta.get_field(ct_field).null:
                    # Its kind is not in archives at all (schema.EXCLUDED, e.g. a timeline
                    # source): the line keeps its words (object_repr), not the kind's name,
                    # which an import would refuse.
                    fields[ct_field] = None
        for key, targets in JSON_IDS.items():
            model_label, _dot, field_name = key.rpartition(".")
            if model_label == name and targets and isinstance(fields.get(field_name), dict):
                value = dict(fields[field_name])
                for json_key, target in targets.items():
                    if json_key in value and self.int_or_none(value[json_key]) not in self.rows.get(
                        target, {}
                    ):
                        value[json_key] = None
                fields[field_name] = value
        if name == "reports.Validation":
            fields["holds"] = self.validation_holds(obj)
        return {"id": obj.pk, "fields": fields}

    @staticmethod
    def validation_holds(validation):
        from carnet.reports.domain import fingerprint

        item = validation.item
        return item is not None and validation.fingerprint == fingerprint(item)


def export_network(network, target, *, by=None):
    """Write the archive of network to target (a path). Returns the document written."""
    collector = Collector(network).collect()
    document = {
        "format": schema.FORMAT,
        "schema_version": schema.SCHEMA_VERSION,
        "carnet_version": carnet_version(),
        "exported_at": timezone.now().isoformat(),
        "network": network.slug,
        "models": [
            {
                "model": name,
                "rows": [collector.serialise(name, obj) for obj in collector.rows[name].values()],
            }
            for name in collector.order
        ],
        "files": {},
        "missing_files": [],
    }
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(collector.files):
            if not default_storage.exists(name):
                document["missing_files"].append(name)
                continue
            digest, size = hashlib.sha256(), 0
            with (
                default_storage.open(name, "rb") as source,
                archive.open(f"files/{name}", "w", force_zip64=True) as sink,
            ):
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    sink.write(chunk)
            document["files"][name] = {"size": size, "sha256": digest.hexdigest()}
        archive.writestr(
            "archive.json", json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False)
        )
    record(Verb.EXPORT, network, by=by, network=network, data={"format": "archive"})
    return document
