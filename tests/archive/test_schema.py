from django.db import models
from django.test.utils import isolate_apps

from carnet.archive import schema


def test_every_carnet_model_is_exported_or_excluded_with_a_reason():
    assert schema.check() == []
    exported = [model._meta.label for model, _path in schema.exported_models()]
    assert "practices.SheetVersion" in exported
    assert "reports.Validation" in exported
    assert all(reason for reason in schema.EXCLUDED.values())


def test_paths_to_the_network_are_found_through_required_links():
    paths = {model._meta.label: path for model, path in schema.exported_models()}
    assert paths["networks.Network"] == "pk"
    assert paths["capitalisation.FollowUp"] == "attendance__workshop__network"
    assert paths["reports.Decision"] == "round__version__report__network"
    assert paths["practices.Comment"] == "sheet__network"


def test_models_come_after_the_models_they_require():
    order = [model for model, _path in schema.exported_models()]
    seen = set(schema.SHARED)
    for model in order:
        for field in schema.relations(model):
            target = field.related_model._meta.label
            if (
                not field.null
                and field.related_model is not model
                and target != ("contenttypes.ContentType")
            ):
                assert target in seen, (model._meta.label, target)
        seen.add(model._meta.label)


@isolate_apps("carnet.archive")
def test_check_fails_for_a_new_model_that_is_neither_exported_nor_excluded(monkeypatch):
    class Note(models.Model):
        text = models.TextField()

        class Meta:
            app_label = "archive"

        def __str__(self):
            return str(self.pk)

    real = schema.carnet_models()
    monkeypatch.setattr(schema, "carnet_models", lambda: [*real, Note])
    assert schema.check() == ["archive.Note: neither exported (no path to network) nor excluded"]


@isolate_apps("carnet.archive")
def test_check_fails_for_an_undeclared_json_field_or_generic_relation(monkeypatch):
    from django.contrib.contenttypes.fields import GenericForeignKey
    from django.contrib.contenttypes.models import ContentType

    from carnet.networks.models import Network

    class Pin(models.Model):
        network = models.ForeignKey(Network, on_delete=models.CASCADE)
        extra = models.JSONField(default=dict)
        content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
        object_id = models.CharField(max_length=64)
        target = GenericForeignKey("content_type", "object_id")

        class Meta:
            app_label = "archive"

        def __str__(self):
            return str(self.pk)

    real = schema.carnet_models()
    monkeypatch.setattr(schema, "carnet_models", lambda: [*real, Pin])
    assert schema.check() == [
        "archive.Pin.extra: JSON field not declared in JSON_IDS",
        "archive.Pin.target: generic relation not declared in GENERIC",
        "archive.Pin.content_type: content type outside GENERIC",
    ]
