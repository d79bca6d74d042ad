"""Two archives compared ignoring ids: every id becomes the row's rank in its model."""

import json
import zipfile

from carnet.archive.schema import GENERIC, JSON_IDS, label


def load(path):
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("archive.json"))


def is_archive_import(row):
    """The action-log line the import itself writes (not in the archive it came from)."""
    fields = row["fields"]
    return fields.get("verb") == "import" and "archive" in (fields.get("data") or {})


def normalise(document, models_by_label):
    """The document without ids: {model: [fields, ...]} with every reference as a rank."""
    rank = {
        block["model"]: {row["id"]: index for index, row in enumerate(block["rows"])}
        for block in document["models"]
    }

    def ref(target, value):
        if value is None:
            return None
        return rank[target][value]

    out = {}
    for block in document["models"]:
        name = block["model"]
        model = models_by_label[name]
        rows = []
        for row in block["rows"]:
            if name == "accounts.Action" and is_archive_import(row):
                continue
            fields = dict(row["fields"])
            for field in model._meta.concrete_fields:
                if field.name not in fields or not field.is_relation:
                    continue
                target = label(field.related_model)
                if target != "contenttypes.ContentType":
                    fields[field.name] = ref(target, fields[field.name])
            for field in model._meta.many_to_many:
                if field.name in fields:
                    target = label(field.related_model)
                    fields[field.name] = sorted(ref(target, v) for v in fields[field.name])
            if name in GENERIC:
                ct_field, id_field = GENERIC[name]
                ct, old = fields[ct_field], fields[id_field]
                if old is not None:
                    target = next(label for label in rank if label.lower() == ct)
                    fields[id_field] = rank[target][int(old)]
            for key, ids in JSON_IDS.items():
                model_label, _dot, field_name = key.rpartition(".")
                if model_label == name and isinstance(fields.get(field_name), dict):
                    value = dict(fields[field_name])
                    for json_key, target in ids.items():
                        if value.get(json_key) is not None:
                            value[json_key] = rank[target][value[json_key]]
                    fields[field_name] = value
            rows.append(fields)
        out[name] = rows
    out["files"] = document["files"]
    out["network"] = document["network"]
    out["schema_version"] = document["schema_version"]
    return out
