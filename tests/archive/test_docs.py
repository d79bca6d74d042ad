from pathlib import Path

from carnet.archive import schema

DOC = Path(__file__).resolve().parents[2] / "docs" / "archive.md"


def test_the_format_page_names_every_exported_model_and_field():
    rows = {
        line.split("|")[1].strip().strip("`"): line
        for line in DOC.read_text(encoding="utf-8").splitlines()
        if line.startswith("| `")
    }
    from django.apps import apps

    models = [apps.get_model(name) for name in schema.SHARED]
    models += [model for model, _path in schema.exported_models()]
    for model in models:
        name = schema.label(model)  # the name in archives (a moved model keeps its old one)
        assert name in rows, name
        omitted = schema.OMITTED_FIELDS.get(name, {})
        for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
            if not field.primary_key and field.name not in omitted:
                assert f"`{field.name}`" in rows[name], (name, field.name)
